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
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import cache
from .compress import Early
from .state import digest


def write_tree(
    files: dict[str, bytes], out: Path, digests: dict[str, str] | None = None, manifest: Path | None = None
) -> tuple[int, int]:
    """Make `out` hold exactly `files`: write what changed, delete what is gone; (written, removed).

    With `digests` (path → hash of its bytes) and a `manifest` file, a file that the last write_tree into `out`
    wrote with the same hash and size is taken as it is, without reading it back. The manifest is removed while
    writing and saved at the end: an interrupted write leaves none, and the next one compares every file."""
    with TreeWriter(out, manifest if digests else None) as writer:
        writer.add(files, digests)
        return writer.finish()


class TreeWriter:
    """write_tree in parts: each part given to `add` is written on threads while the caller makes the next one
    (creating thousands of files waits on the file system, not on Python), and `finish` removes what no part had.
    A path may come in one part only."""

    def __init__(self, out: Path, manifest: Path | None = None):
        self.out, self.manifest = out, manifest
        self.known = (cache.load(manifest) or {}) if manifest else {}
        if manifest:
            manifest.unlink(missing_ok=True)
        out.mkdir(parents=True, exist_ok=True)
        self.sizes, self.empty, self.folders = existing_files(out)
        self.digests: dict[str, str] = {}  # of what the manifest keeps
        self.names: set[str] = set()
        self.pool = ThreadPoolExecutor(2)  # more would contend for the GIL with the caller making the next part
        self.results: list[Iterator[bool]] = []

    def __enter__(self) -> TreeWriter:
        return self

    def __exit__(self, *_) -> None:
        self.pool.shutdown()  # after a failure too: no write outlives the build

    def add(self, files: dict[str, bytes], digests: dict[str, str] | None = None) -> None:
        """Start writing `files`; `digests` (path → hash of its bytes) are those the manifest keeps."""
        self.names.update(files)
        if digests is not None:
            self.digests.update(digests)
        elif self.manifest:
            self.digests.update((name, digest(data)) for name, data in files.items())
        known, sizes = self.known, self.sizes
        todo = [
            (name, data)
            for name, data in files.items()
            if not (name in known and known[name] == self.digests.get(name) and sizes.get(name) == len(data))
        ]
        for folder in sorted({os.path.dirname(name) for name, _ in todo} - self.folders - {""}):
            os.makedirs(os.path.join(self.out, folder), exist_ok=True)
            self.folders.add(folder)
        self.results.append(self.pool.map(self._write, todo, chunksize=64))

    def _write(self, item: tuple[str, bytes]) -> bool:
        name, data = item
        if name in self.sizes:
            return write_file(self.out / name, data)
        create_file(os.path.join(self.out, name), data)
        return True

    def finish(self) -> tuple[int, int]:
        """Wait for every part; remove the files of `out` that no part had; save the manifest. (written, removed)."""
        written = sum(sum(results) for results in self.results)
        gone = [name for name in self.sizes if name not in self.names]
        for name in gone:
            os.unlink(os.path.join(self.out, name))
        emptied = {os.path.dirname(name) for name in gone} | self.empty
        for folder in sorted(emptied, key=lambda name: (-name.count("/"), name)):
            while folder:
                try:
                    os.rmdir(os.path.join(self.out, folder))  # only when empty
                except OSError:
                    break
                folder = os.path.dirname(folder)
        if self.manifest:
            cache.save(self.manifest, self.digests)
        return written, len(gone)


def walk(root: Path, topdown: bool = True) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """os.walk with each folder's path under `root` as a prefix for its names: "" for the root, else "a/b/"."""
    top = str(root)
    for folder, subfolders, names in os.walk(top, topdown=topdown):
        relative = os.path.relpath(folder, top).replace(os.sep, "/")
        yield folder, "" if relative == "." else relative + "/", subfolders, names


def existing_files(out: Path) -> tuple[dict[str, int], set[str], set[str]]:
    """The files under `out` ({path: size}, paths with /), its empty folders and all its folders, from one walk."""
    sizes: dict[str, int] = {}
    empty: set[str] = set()
    folders: set[str] = set()
    for folder, prefix, subfolders, names in walk(out):
        relative = prefix.rstrip("/") or "."
        folders.add(relative)
        if not subfolders and not names and prefix:
            empty.add(relative)
        for name in names:
            sizes[prefix + name] = os.stat(os.path.join(folder, name)).st_size
    return sizes, empty, folders


def write_file(path: Path, data: bytes) -> bool:
    """Write unless the file already holds these bytes; True when written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_with(path, data)
    return True


def create_file(path: str, data: bytes, times_ns: tuple[int, int] | None = None) -> None:
    """A file that is not there yet (one call fewer than replace_with); replaced when it is there after all."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        replace_with(Path(path), data)
        if times_ns:
            os.utime(path, ns=times_ns)
        return
    with open(handle, "wb") as file:
        file.write(data)
        if times_ns:
            file.flush()
            os.utime(file.fileno(), ns=times_ns)


def replace_with(path: Path, data: bytes) -> None:
    """A new file in place of the old one, never a write into it: the old one may be a link into site/."""
    temporary = path.with_name(path.name + ".new")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_gz_copies(copies: Iterable[tuple[Path, bytes | None]]) -> list[Path]:
    """`<file>.gz` beside each file, with the file's mtime (None: no copy, an old one is removed), each written as
    soon as `copies` yields it; the files given a copy."""
    written = []
    for path, packed in copies:
        target = path.with_name(path.name + ".gz")
        if packed is None:
            target.unlink(missing_ok=True)
            continue
        stat = path.stat()
        create_file(str(target), packed, (stat.st_atime_ns, stat.st_mtime_ns))
        written.append(path)
    return written


def write_early_gz_copies(copies: Iterable[tuple[Path, os.stat_result, bytes | None]]) -> Early:
    """The `.gz` copies of pages made while the engine still runs (compress.finished_pages), each with the mtime
    its page had; what was written, for finish to check (compress.copied_early)."""
    made: Early = {}
    for path, stat, packed in copies:
        if packed is not None:
            create_file(f"{path}.gz", packed, (stat.st_atime_ns, stat.st_mtime_ns))
        made[path] = (stat.st_size, stat.st_mtime_ns, packed is not None)
    return made


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


def swap(scratch: Path, site: Path, spare: Path) -> None:
    """The finished scratch site becomes site/. The previous one is kept as `spare`: the next build starts its
    scratch site from it (see recycle)."""
    shutil.rmtree(spare, ignore_errors=True)
    if site.exists():
        site.rename(spare)
    scratch.rename(site)


def recycle(spare: Path, site: Path, scratch: Path, linked: list[str], reuse: bool = True) -> None:
    """Make `scratch` hold the `linked` files of site/ as hard links, and nothing else, starting from the tree
    of an earlier build (an interrupted build's scratch site, or else `spare`) when there is one.

    Its folders exist already (a file system can take half a millisecond a folder, and a site has one per page),
    and most of its files are the very files of site/ (kept files are links): a file is kept only when it is the
    same inode as the linked file of site/, everything else is removed, so nothing the engine writes into is
    shared with site/. When few files are kept (`reuse` false: a template changed, every page is new), removing
    the others one by one would cost more than new folders: the earlier trees are then removed in the background
    and the scratch site starts empty."""
    if not reuse:
        for tree in (scratch, spare):
            remove_in_background(tree)
        link_kept(site, scratch, linked)
        return
    if scratch.is_dir():
        shutil.rmtree(spare, ignore_errors=True)
    elif spare.is_dir():
        spare.rename(scratch)
    else:
        link_kept(site, scratch, linked)
        return
    wanted, present, removed = set(linked), set(), set()
    published = str(site)
    for folder, prefix, subfolders, names in walk(scratch, topdown=False):
        for name in names:
            path, full = prefix + name, os.path.join(folder, name)
            if path in wanted and _same_file(full, os.path.join(published, path)):
                present.add(path)
            else:
                os.unlink(full)
        holds = any(prefix + name in present for name in names)
        for name in subfolders:
            full = os.path.join(folder, name)
            if os.path.islink(full):
                os.unlink(full)
            elif full not in removed:
                holds = True
        if prefix and not holds:
            os.rmdir(folder)
            removed.add(folder)
    link_kept(site, scratch, [path for path in linked if path not in present])


def remove_in_background(tree: Path) -> None:
    """Move a finished-with tree aside at once and remove it in a process of its own, at the lowest disk priority:
    tens of thousands of files take seconds to remove."""
    if not tree.exists():
        return
    aside = Path(tempfile.mkdtemp(prefix=".removing-", dir=tree.parent))
    tree.rename(aside / tree.name)
    remove = ["rm", "-rf", "--", str(aside)]
    if shutil.which("ionice"):
        remove = ["ionice", "-c", "3", *remove]
    subprocess.Popen(remove, start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


def _same_file(path: str, other: str) -> bool:
    try:
        return os.path.samestat(os.lstat(path), os.stat(other))
    except OSError:
        return False


def discard(*folders: Path) -> None:
    """Scratch folders of a build that failed: nothing of it is published or left behind."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
