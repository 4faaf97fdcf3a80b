"""The one writer of the build's output: the engine's input (build/docs, build/overrides), the scratch site's
additions (the search index, `.gz` copies, Material's emptied index) and the swap of the finished scratch site into
site/. Every other stage returns bytes. Caches (build/cache) belong to the stage that keeps them; the tools write
what they are asked for (a new content file, CODEOWNERS).

Unchanged files are never rewritten: they keep their mtime, so the engine, rsync and caches see only real changes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import cache


def write_tree(
    files: dict[str, bytes], out: Path, digests: dict[str, str] | None = None, manifest: Path | None = None
) -> tuple[int, int]:
    """Make `out` hold exactly `files`: write what changed, delete what is gone; (written, removed).

    With `digests` (path → hash of its bytes) and a `manifest` file, a file that the last write_tree into `out`
    wrote with the same hash and size is taken as it is, without reading it back. The manifest is removed while
    writing and saved at the end: an interrupted write leaves none, and the next one compares every file."""
    known = (cache.load(manifest) or {}) if manifest and digests else {}
    if manifest:
        manifest.unlink(missing_ok=True)

    def write(item: tuple[str, bytes]) -> bool:
        name, data = item
        if name in known and known[name] == digests[name]:
            try:
                if (out / name).stat().st_size == len(data):
                    return False
            except OSError:
                pass
        return write_file(out / name, data)

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
    if manifest and digests:
        cache.save(manifest, digests)
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
    made: set[str] = set()
    for path in keep:
        source, target = os.path.join(site, path), os.path.join(scratch, path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)  # the stand-in
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def move_into(folder: Path, target: Path) -> None:
    """Put a finished folder (the search index) at `target`, replacing what was there."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.move(str(folder), str(target))


def swap(scratch: Path, site: Path, old: Path) -> None:
    """The finished scratch site becomes site/. The previous one is removed after the rename by a process of its
    own, so that the build ends when the new site is in place (removing tens of thousands of files takes seconds);
    a build that finds it still there removes it first."""
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    scratch.rename(site)
    if old.exists():
        subprocess.Popen(["rm", "-rf", "--", str(old)], start_new_session=True, stdin=subprocess.DEVNULL)


def discard(*folders: Path) -> None:
    """Scratch folders of a build that failed: nothing of it is published or left behind."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
