"""Precompressed copies of text files for nginx gzip_static (issue 8). Stub until it lands."""

from __future__ import annotations

from pathlib import Path


def precompress(site: Path) -> int:
    return 0
