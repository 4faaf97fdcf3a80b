"""The engine: `mkdocs build --strict` on the generated tree, as a process of its own (it runs on one core while
the search index is made on the other). The same call serves the build, the preview and the benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run_mkdocs(root: Path, *options: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict --clean` with `options`, in the project folder; its output goes to ours."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", *options]
    return subprocess.run(command, cwd=root, env=mkdocs_env(), check=False)


def serve_command(addr: str) -> list[str]:
    """`mkdocs serve` with live reload, for the local preview."""
    return [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr, "--livereload"]
