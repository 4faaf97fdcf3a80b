"""Values a build keeps for the next one under build/cache, as pickles: read back only by the same code on the
same machine, and never trusted beyond that — a file that cannot be read is no cache at all."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

FORMAT = (1, sys.version_info[:2])


def load(path: Path) -> dict | None:
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != FORMAT:
        return None
    return stored[1]


def save(path: Path, value: dict) -> None:
    """Replace the file in one step: an interrupted save leaves the previous one whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb") as handle:
        pickle.dump((FORMAT, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
