"""Does a change of build_tools leave the built site as it was? `python bench/same_output.py --base REV [--items 500]`

Builds the same inputs twice under the same SOURCE_DATE_EPOCH, once with the build_tools of REV (a git revision of
this checkout, unpacked into a temporary folder) and once with the working tree's, then compares the two `site/`
trees byte for byte. Inputs: the sample content, and a synthetic corpus of each size given (bench/corpus.py, fixed
seed). Prints every file that differs and exits 1 when any does. Both builds run with this interpreter, so REV must
need nothing more than requirements.txt installs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable from the project root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus

PROJECT = Path(__file__).resolve().parent.parent
EPOCH = "1795000000"


def unpack(rev: str, target: Path) -> Path:
    """The files of `rev` in `target` (no .git: nothing of it can touch this checkout)."""
    archive = subprocess.run(["git", "archive", rev], cwd=PROJECT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    if (PROJECT / "node_modules").is_dir():  # the web editor's npm packages, which git does not hold
        (target / "node_modules").symlink_to(PROJECT / "node_modules", target_is_directory=True)
    return target


def project_copy(source: Path, root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides", "content"):
        shutil.copytree(source / folder, root / folder, symlinks=True)
    return root


def build(tools: Path, root: Path) -> None:
    """`python -m build_tools build` of `tools` on the project at `root` (older tools take SITE_ROOT, newer --root)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "SITE_ROOT": str(root), "PYTHONPATH": str(tools)}
    usage = subprocess.run([sys.executable, "-m", "build_tools", "--help"], cwd=tools, env=env, capture_output=True)
    command = [sys.executable, "-m", "build_tools", *(["--root", str(root)] if b"--root" in usage.stdout else [])]
    done = subprocess.run([*command, "build"], cwd=tools, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build with {tools} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")


def differences(old: Path, new: Path) -> list[str]:
    found = []

    def walk(compared: filecmp.dircmp, prefix: str) -> None:
        found.extend(f"only in {REV_LABEL}: {prefix}{name}" for name in compared.left_only)
        found.extend(f"only in working tree: {prefix}{name}" for name in compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found.extend(f"differs: {prefix}{name}" for name in mismatch + errors)
        for name, sub in sorted(compared.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(old, new, ignore=[]), "")  # the default ignores a folder named tags: the site has one
    return sorted(found)


REV_LABEL = "base"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git revision whose build_tools give the reference site")
    parser.add_argument("--items", default="500", help="synthetic corpus sizes, comma-separated (0: none)")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.items.split(",") if s.strip() and int(s) > 0]
    differing = 0
    with tempfile.TemporaryDirectory(prefix="same-output-") as folder:
        work = Path(folder)
        base = unpack(args.base, work / "base-tools")
        inputs = {"sample": project_copy(PROJECT, work / "sample")}
        for items in sizes:
            inputs[f"{items} items"] = corpus.generate(PROJECT, work / f"corpus-{items}", items, args.seed).root
        for label, source in inputs.items():
            old, new = project_copy(source, work / f"{label}-base"), project_copy(source, work / f"{label}-new")
            build(base, old)
            build(PROJECT, new)
            found = differences(old / "site", new / "site")
            files = sum(1 for p in (new / "site").rglob("*") if p.is_file())
            print(f"{label}: {files} files in site/, {len(found)} differ from {args.base}'s build")
            for line in found[:50]:
                print(f"  {line}")
            differing += len(found)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
