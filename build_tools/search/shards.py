"""The search index in shards: one Pagefind index per year of items (a year of more than SHARD_PAGES pages split in
buckets by a stable hash of the page), and one for the study materials and the guide. The worker merges them in
the browser (Pagefind's `mergeIndex`), the shards of the newest year first.

Pagefind holds a whole index in memory while it builds it (about 0.6 MB a page), and builds it in one go: shards
keep its memory to that of a few hundred pages, and let a build index again only the shard whose pages changed.
Each shard's index is kept in build/cache/search/<shard>/ with the key of what it was made from (its pages' docs
bytes, the party terms, the Markdown settings and this package's code); the cut of each page is kept too, by the
hash of its bytes, so a shard with one changed page cuts only that page again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

SHARD_PAGES = 500  # at most, before a year is split in buckets
SITE_SHARD = "site"  # the study materials and the guide
MANIFEST = "shards.json"  # site/pagefind/shards.json: the shards, the first ones searched first
KEY = "key"
CUTS = "cuts.json"
PACKAGE = Path(__file__).resolve().parent


def sha1(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def stable(value: object) -> object:
    """A setting that JSON cannot hold (mkdocs.yml's slugify function) by its name and its arguments, never by its
    address in memory."""
    if isinstance(value, functools.partial):
        return [stable(value.func), repr(value.args), repr(sorted(value.keywords.items()))]
    cells = [cell.cell_contents for cell in getattr(value, "__closure__", None) or ()]
    return [getattr(value, "__module__", ""), getattr(value, "__qualname__", type(value).__name__), repr(cells)]


def code_key(terms: list[str], config: dict) -> str:
    """What every page's cut and index depend on besides the page."""
    code = b"".join(path.read_bytes() for path in sorted(PACKAGE.glob("*.py")))
    settings = json.dumps([terms, config.get("markdown_extensions")], ensure_ascii=False, default=stable)
    return sha1(code + settings.encode() + metadata.version("pagefind").encode())


def bucket(page: str, count: int) -> int:
    return int(sha1(page.encode())[:8], 16) % count


@dataclass
class Shard:
    name: str
    pages: list[str]  # docs-tree pages, in the order they are indexed


def shards(pages: list[str], years: dict[str, str]) -> list[Shard]:
    """The shards of `pages` (`years`: item page → year; other pages go to the site shard): the site shard first,
    then the years from the newest, each year's buckets in order."""
    groups: dict[str, list[str]] = {}
    for page in pages:
        groups.setdefault(years.get(page, SITE_SHARD), []).append(page)
    found = []
    for group in sorted(groups, key=lambda g: (g != SITE_SHARD, [-ord(c) for c in g])):
        members = groups[group]
        count = -(-len(members) // SHARD_PAGES)
        if count == 1:
            found.append(Shard(group, members))
            continue
        for number in range(count):
            found.append(Shard(f"{group}-{number}", [p for p in members if bucket(p, count) == number]))
    return [shard for shard in found if shard.pages]


def manifest(found: list[Shard], years: dict[str, str]) -> bytes:
    """The worker's list: every shard in the order above, and how many of them to search before the first answer
    (the site shard and the newest year's)."""
    newest = max((years[p] for shard in found for p in shard.pages if p in years), default=None)
    first = [s.name for s in found if all(years.get(p, SITE_SHARD) in (SITE_SHARD, newest) for p in s.pages)]
    data = {"shards": [s.name for s in found], "first": len(first)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class ShardCache:
    """build/cache/search: each shard's finished index and its pages' cuts, with the key they were made with."""

    def __init__(self, folder: Path):
        self.folder = folder

    def key(self, shard: Shard, digests: dict[str, str], code: str) -> str:
        return sha1("\n".join([code, shard.name, *(f"{p} {digests[p]}" for p in shard.pages)]).encode())

    def index(self, name: str) -> Path:
        return self.folder / name / "index"

    def current(self, name: str, key: str) -> bool:
        try:
            return (self.folder / name / KEY).read_text() == key and self.index(name).is_dir()
        except OSError:
            return False

    def cuts(self, name: str) -> dict[str, list[str]]:
        """page → [hash of its docs bytes and the code, its cut]"""
        try:
            return json.loads((self.folder / name / CUTS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def store(self, name: str, key: str, made: Path, cuts: dict[str, list[str]]) -> None:
        """Keep a finished index (moved from `made`) and its cuts; the key last, so that an interrupted store is
        never taken for a finished one."""
        folder = self.folder / name
        (folder / KEY).unlink(missing_ok=True)
        shutil.rmtree(folder / "index", ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), str(folder / "index"))
        (folder / CUTS).write_text(json.dumps(cuts, ensure_ascii=False), encoding="utf-8")
        (folder / KEY).write_text(key)

    def forget_others(self, names: set[str]) -> None:
        if self.folder.is_dir():
            for folder in self.folder.iterdir():
                if folder.is_dir() and folder.name not in names:
                    shutil.rmtree(folder)

    def link_into(self, name: str, output: Path) -> None:
        """The shard's index at output/<name>/, as hard links (the cache replaces an index, never edits it)."""
        source = self.index(name)
        for folder, _, files in os.walk(source):
            target = output / name / Path(folder).relative_to(source)
            target.mkdir(parents=True, exist_ok=True)
            for file in files:
                try:
                    os.link(Path(folder) / file, target / file)
                except OSError:
                    shutil.copy2(Path(folder) / file, target / file)
