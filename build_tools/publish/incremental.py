"""Which files of the published site a build can keep, and which pages the engine must render again.

A page's HTML depends on its own source and on what every page shares: the engine's settings, the theme and the
navigation. When the shared part is unchanged (the engine fingerprint, publish/state.py), a page whose source did not
change keeps its published output, byte for byte, and so does every other file of the engine whose source did not
change. The pages of the navigation and the hand-written ones are rendered every time: they are few, and their
neighbours' titles and their links to generated pages are then always current. MkDocs rewrites 404.html, the sitemap
and its search index on every build. Everything of the search index (pagefind/) and every `.gz` copy whose file is
not kept are made again by the build.

A cold build is the same path with nothing kept.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .state import BuildState

ALWAYS_WRITTEN = frozenset({"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json"})
SEARCH_FOLDER = "pagefind/"


def output_of(docs_path: str) -> str:
    """Where the engine writes a docs-tree file (use_directory_urls): cases/x.md → cases/x/index.html."""
    if not docs_path.endswith(".md"):
        return docs_path
    parent, name = posixpath.split(docs_path[: -len(".md")])
    return posixpath.join(parent, "index.html" if name in ("index", "README") else f"{name}/index.html")


@dataclass
class Plan:
    keep: list[str] = field(default_factory=list)  # site files carried over from the published site, as they are
    rendered: set[str] = field(default_factory=set)  # docs-tree files the engine writes again

    @property
    def cold(self) -> bool:
        return not self.keep

    @property
    def stand_ins(self) -> list[str]:
        """Kept files the engine would write: every one but the `.gz` copies (publish/engine.py)."""
        return [path for path in self.keep if not path.endswith(".gz")]


def plan(previous: BuildState | None, site: Path, docs: dict[str, str], engine: str, always: set[str]) -> Plan:
    """`docs`: the new docs tree by hash; `always`: docs pages rendered on every build (nav and hand-written)."""
    if previous is None or previous.engine != engine or not site.is_dir():
        return Plan(rendered=set(docs))
    rendered = {path for path, sha in docs.items() if previous.docs.get(path) != sha} | (always & docs.keys())
    stale = {output_of(path) for path in rendered | (previous.docs.keys() - docs.keys())} | ALWAYS_WRITTEN
    keep = []
    for path, (size, mtime) in previous.site.items():
        source = path[: -len(".gz")] if path.endswith(".gz") else path
        if source in stale or path.startswith(SEARCH_FOLDER) or not _unchanged(site / path, size, mtime):
            continue
        keep.append(path)
    kept = set(keep)
    keep = [p for p in keep if not p.endswith(".gz") or p[: -len(".gz")] in kept]  # no copy of a file not kept
    return Plan(keep=sorted(keep), rendered=rendered)


MARGIN_NS = 10_000_000  # MkDocs compares mtimes as float seconds: only a clear lead counts


def safe_to_link(plan: Plan, previous: BuildState | None, docs_folder: Path) -> tuple[list[str], list[str]]:
    """The kept files that can be linked into the scratch site before the engine runs, and those that need a
    stand-in until it has run. MkDocs' dirty mode skips an output newer than its source, and writes into any other
    one: a link would then be written through into site/. So a kept output is linked first only when its source in
    build/docs is clearly older (it always is: the output was made after it); `.gz` copies are not the engine's.
    The theme's files, whose sources are elsewhere, get stand-ins."""
    if previous is None:
        return [], plan.stand_ins
    sources = {output_of(path): path for path in previous.docs}
    linked, stand_ins = [], []
    for path in plan.keep:
        if path.endswith(".gz"):
            linked.append(path)
            continue
        source = sources.get(path)
        try:
            older = (
                source is not None and (docs_folder / source).stat().st_mtime_ns + MARGIN_NS < previous.site[path][1]
            )
        except OSError:
            older = False
        (linked if older else stand_ins).append(path)
    return linked, stand_ins


def _unchanged(path: Path, size: int, mtime: int) -> bool:
    """The file is as the build wrote it (nobody replaced or edited it since)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    return stat.st_size == size and stat.st_mtime_ns == mtime
