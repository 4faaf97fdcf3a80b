"""Build a throw-away copy of the project and run the real command line against it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base" / "content"
RULES = FIXTURES / "rules"
EPOCH = "1795000000"  # 2026-11-17 in Shanghai: fixed so results never depend on the day tests run


def make_project(root: Path, content: Path = BASE, overlay: Path | None = None) -> Path:
    """A project folder: the real mkdocs.yml, docs/ and overrides/, with the given content."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder, symlinks=True)
    shutil.copytree(content, root / "content", symlinks=True)
    if overlay is not None:
        shutil.copytree(overlay, root / "content", symlinks=True, dirs_exist_ok=True)
    return root


def run(root: Path, *args: str, epoch: str = EPOCH) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_ROOT": str(root), "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )


def diagnostics(output: str) -> list[str]:
    """The diagnostic lines of `check` output (without the closing summary)."""
    return [line for line in output.splitlines() if "错误[" in line or "警告[" in line]
