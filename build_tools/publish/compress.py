"""Precompressed copies of the built site's text files, for nginx `gzip_static` and CDNs.

Every text file of at least MIN_SIZE bytes gets a `<file>.gz` beside it, once at build time instead of on every
request: gzip level 9 for the theme's assets (every reader loads them; a handful of files) and level 6 for the pages
and data (thousands of files: three times faster than level 9 and 0.3 % bigger). The copies are deterministic (no
timestamp, no file name, zlib's fixed OS byte in the header), so two builds of the same content stay byte-identical,
and each `.gz` takes the mtime of its source (the writer writes them: writer.write_gz_copies).

Below MIN_SIZE a response fits in one TCP packet compressed or not: the copy would save nothing and
only add files (nginx then serves the file as it is). A copy that is not smaller is not written.

A file whose bytes equal those in the previously published site reuses that site's `.gz` (same input, same
deterministic output), so a rebuild compresses only what changed.
"""

from __future__ import annotations

import gzip
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".ics", ".map"})
MIN_SIZE = 1024  # bytes
ASSETS = "assets/"  # the theme's CSS, JS and their source maps
ASSETS_LEVEL, LEVEL = 9, 6
POLL = 0.5  # seconds between looks for pages the engine has finished, when the last look found none
Early = dict[Path, tuple[int, int, bool]]  # page → size and mtime it had when copied early, whether it has a .gz


def level(relative: str) -> int:
    return ASSETS_LEVEL if relative.startswith(ASSETS) else LEVEL


def gzip_bytes(data: bytes, compresslevel: int = LEVEL) -> bytes:
    """gzip with mtime 0 and no file name: the same input always gives the same bytes."""
    return gzip.compress(data, compresslevel=compresslevel, mtime=0)


def candidates(site: Path, files: Iterable[Path] | None = None) -> list[Path]:
    """The text files worth compressing (of `files`, or all of the site), biggest first (the pool then ends
    evenly)."""
    found = []
    for path in site.rglob("*") if files is None else files:
        if path.suffix.lower() in TEXT_SUFFIXES and not path.is_symlink() and path.is_file():
            size = path.stat().st_size
            if size >= MIN_SIZE:
                found.append((-size, path.as_posix(), path))
    return [path for *_, path in sorted(found)]


def reusable(previous: Path | None, relative: str, data: bytes) -> bytes | None:
    """The previous site's `.gz` of the same bytes, if it was written by this module."""
    if previous is None:
        return None
    old, old_gz = previous / relative, previous / (relative + ".gz")
    try:
        if old_gz.is_file() and old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
            packed = old_gz.read_bytes()
            # magic, deflate, no flags, mtime 0, the level's flag, zlib's OS byte: written here at this level
            return packed if packed[:10] == gzip_bytes(b"", level(relative))[:10] else None
    except OSError:
        return None
    return None


def gz_copy(path: Path, site: Path, previous: Path | None) -> bytes | None:
    """The `.gz` copy of a file, or None when it would not be smaller."""
    data, relative = path.read_bytes(), path.relative_to(site).as_posix()
    packed = reusable(previous, relative, data) or gzip_bytes(data, level(relative))
    return packed if len(packed) < len(data) else None


def gz_copies(
    site: Path, previous: Path | None, files: Iterable[Path] | None = None
) -> Iterator[tuple[Path, bytes | None]]:
    """(file, its `.gz` copy or None) for every file worth compressing (of `files`, or all of the site), made on
    every core (zlib releases the GIL while it compresses, so threads help). `previous`: the published site, whose
    copies of unchanged files are reused."""
    files = candidates(site, files)
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        yield from zip(files, pool.map(lambda path: gz_copy(path, site, previous), files), strict=True)


def finished_pages(site: Path, stop: threading.Event) -> Iterator[tuple[Path, os.stat_result, bytes | None]]:
    """The pages the engine has written into `site` so far, each with its size and mtime as read and its copy
    (None: not smaller), while the engine goes on writing the others, until `stop` is set. A page still being
    written when it was read changes its size or mtime afterwards: `copied_early` then tells it apart."""
    seen: set[str] = set()
    while not stop.is_set():
        found = False
        for folder, _, names in os.walk(site):
            prefix = os.path.relpath(folder, site).replace(os.sep, "/")
            prefix = "" if prefix == "." else prefix + "/"
            for name in names:
                relative = prefix + name
                if not name.endswith(".html") or relative in seen:
                    continue
                if stop.is_set():
                    return
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                    if stat.st_size < MIN_SIZE:
                        continue
                    with open(path, "rb") as file:
                        data = file.read()
                except OSError:
                    continue
                if len(data) == stat.st_size:
                    seen.add(relative)
                    found = True
                    packed = gzip_bytes(data, level(relative))
                    yield Path(path), stat, packed if len(packed) < len(data) else None
        if not found:
            stop.wait(POLL)  # the engine is still reading pages, or copying files: its pages come later


def copied_early(path: Path, early: Early) -> bool:
    """Whether the file is as it was when its copy was made early (finished_pages)."""
    made = early.get(path)
    if made is None:
        return False
    stat = os.stat(path)
    return (stat.st_size, stat.st_mtime_ns) == made[:2]
