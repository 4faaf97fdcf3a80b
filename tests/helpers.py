"""Throw-away project copies, and the pipeline run on them: in this process (check, build), or through the real
command line where the command line itself is under test (`cli`)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from build_tools.__main__ import main
from build_tools.check import checker
from build_tools.check.outcome import Result
from build_tools.project import Project, build_date

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base" / "content"  # a few items with known counts
SAMPLE = FIXTURES / "sample" / "content"  # a frozen copy of the sample content: editing content/ changes no test
RULES = FIXTURES / "rules"
EPOCH = "1795000000"  # 2026-11-18 19:06 in Shanghai: fixed so results never depend on the day tests run
TODAY = build_date({"SOURCE_DATE_EPOCH": EPOCH})


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


@dataclass
class Outcome:
    """What a command printed and its exit status."""

    returncode: int
    stdout: str
    stderr: str


def run(root: Path, *args: str, epoch: str = EPOCH) -> Outcome:
    """`python -m build_tools --root ROOT …` in this process: the command line's own parsing, output and exit
    status, without starting an interpreter (MkDocs still runs as its own process, as always)."""
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--root", str(root), *args])
            except SystemExit as exit:  # argparse: --help, or options it rejects
                code = exit.code or 0
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return Outcome(code, out.getvalue(), err.getvalue())


def build(root: Path, epoch: str = EPOCH) -> Outcome:
    return run(root, "build", epoch=epoch)


def check(root: Path, *paths: Path, fmt: str = "text", epoch: str = EPOCH) -> tuple[Result, Outcome]:
    """`check [PATH…]`, with the checker's result for the tests that look into it."""
    result = checker.run(Project(root.resolve(), build_date({"SOURCE_DATE_EPOCH": epoch})), list(paths) or None)
    out = io.StringIO()
    result.reporter.print(fmt, out)
    print(result.account(), file=out)
    return result, Outcome(1 if result.reporter.errors else 0, out.getvalue(), "")


def cli(root: Path, *args: str, epoch: str = EPOCH) -> subprocess.CompletedProcess:
    """The real command line, `python -m build_tools --root ROOT …`, in a process of its own."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def diagnostics(output: str) -> list[str]:
    """The diagnostic lines of `check` output (without the closing summary)."""
    return [line for line in output.splitlines() if "错误[" in line or "警告[" in line]
