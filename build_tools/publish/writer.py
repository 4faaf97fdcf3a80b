"""The one writer of the build's output: the engine's input (build/docs, build/overrides), the scratch site's
additions (the search index, `.gz` copies, Material's emptied index) and the swap of the finished scratch site into
site/. Every other stage returns bytes. Caches (build/cache) belong to the stage that keeps them; the tools write
what they are asked for (a new content file, CODEOWNERS).

Unchanged files are never rewritten: they keep their mtime, so the engine, rsync and caches see only real changes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def write_tree(files: dict[str, bytes], out: Path) -> tuple[int, int]:
    """Make `out` hold exactly `files`: write what changed, delete what is gone; (written, removed)."""

    def write(item: tuple[str, bytes]) -> bool:
        return write_file(out / item[0], item[1])

    # Threads: creating thousands of files waits on the file system, not on Python.
    with ThreadPoolExecutor(8) as pool:
        written = sum(pool.map(write, files.items(), chunksize=64))
    removed = 0
    if out.is_dir():
        for path in sorted(out.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(out).as_posix() not in files:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed


def write_file(path: Path, data: bytes) -> bool:
    """Write unless the file already holds these bytes; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_with(path, data)
    return True


def replace_with(path: Path, data: bytes) -> None:
    """A new file in place of the old one, never a write into it: the old one may be a link into site/."""
    temporary = path.with_name(path.name + ".new")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_gz_copies(copies: Iterable[tuple[Path, bytes | None]]) -> int:
    """`<file>.gz` beside each file, with the file's mtime (None: no copy, an old one is removed); how many."""
    written = 0
    for path, packed in copies:
        target = path.with_name(path.name + ".gz")
        if packed is None:
            target.unlink(missing_ok=True)
            continue
        replace_with(target, packed)
        stat = path.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        written += 1
    return written


def link_kept(site: Path, scratch: Path, keep: list[str]) -> None:
    """Put each kept file of the published site into the scratch site, in place of its stand-in, as a hard link
    (a copy where the file system cannot link). Linked files are shared with site/ until the swap: nothing may
    write into them, only replace them."""
    for path in keep:
        source, target = site / path, scratch / path
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".link")
        try:
            os.link(source, temporary)
        except OSError:
            shutil.copy2(source, temporary)
        os.replace(temporary, target)


def move_into(folder: Path, target: Path) -> None:
    """Put a finished folder (the search index) at `target`, replacing what was there."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.move(str(folder), str(target))


def swap(scratch: Path, site: Path, old: Path) -> None:
    """The finished scratch site becomes site/; the previous one is removed after the rename."""
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    scratch.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def discard(*folders: Path) -> None:
    """Scratch folders of a build that failed: nothing of it is published or left behind."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
