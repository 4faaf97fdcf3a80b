"""The engine: MkDocs on the generated tree, as a process of its own (it runs on one core while the search index is
made on the other). The same calls serve the build, the preview and the benchmark.

A build renders only the pages whose source changed (`render`): MkDocs' own `--dirty` mode skips every page whose
output file exists and is newer than its source. The build points MkDocs at a fresh folder holding an empty
stand-in, dated far in the future, for every output it keeps from the published site; MkDocs then writes exactly the
pages left out, and the stand-ins tell the build which files those are. MkDocs warns about any dirty build; that one
warning is dropped (this module, run as `python -m build_tools.publish.engine`), every other warning still fails the
build as `--strict` does.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path

from .writer import walk

STAND_IN_TIME = 4102444800  # 2100-01-01: newer than any source, so MkDocs leaves the file alone
# What MkDocs says of any dirty build into a folder that is not empty: true of every kept file, so not said.
DIRTY_MESSAGES = ("A 'dirty' build is being performed", "The directory contains stale files")


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run_mkdocs(root: Path, *options: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict --clean` with `options`, in the project folder; its output goes to ours."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", *options]
    return subprocess.run(command, cwd=root, env=mkdocs_env(), check=False)


def render(root: Path, out: Path) -> subprocess.CompletedProcess:
    """MkDocs into `out`, strict, writing only the outputs that have no stand-in there (see the module docstring)."""
    command = [sys.executable, "-m", "build_tools.publish.engine", "--site-dir", str(out)]
    env = {
        **mkdocs_env(),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(command, cwd=root, env=env, check=False)


def place_stand_ins(out: Path, paths: list[str]) -> None:
    """Empty files dated STAND_IN_TIME at `paths` under `out` (plain strings and file descriptors: there are as
    many as the site has files)."""
    made: set[str] = set()
    root = str(out)
    for path in paths:
        target = os.path.join(root, path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.utime(handle, (STAND_IN_TIME, STAND_IN_TIME))
        finally:
            os.close(handle)


def written(out: Path, stand_ins: list[str]) -> list[str]:
    """What MkDocs wrote into `out`: every file but the stand-ins (MkDocs leaves them alone)."""
    skipped = set(stand_ins)
    return sorted(prefix + name for _, prefix, _, names in walk(out) for name in names if prefix + name not in skipped)


def serve_command(addr: str) -> list[str]:
    """`mkdocs serve` with live reload, for the local preview."""
    return [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", addr, "--livereload"]


class _WithoutDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_MESSAGES)


def main(argv: list[str] | None = None) -> int:
    """`mkdocs build --dirty --strict` with the dirty build's own warning dropped."""
    from mkdocs.__main__ import ColorFormatter  # the engine's own log format
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    parser = argparse.ArgumentParser(prog="python -m build_tools.publish.engine")
    parser.add_argument("--site-dir", required=True)
    args = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").addFilter(_WithoutDirtyWarning())
    try:
        build(load_config(site_dir=args.site_dir, strict=True), dirty=True)
    except (Abort, BuildError, ConfigurationError) as problem:
        logger.error(str(problem))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
