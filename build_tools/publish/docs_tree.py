"""The engine's input, as {path: bytes}: the hand-written docs/, every generated page and calendar, our search
worker, the hashed assets, the screens and posters, the items' media, the web editor (/admin/) and the share cards.
No file may come twice: a generated one may not shadow a hand-written one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..aggregate import collection, planning
from ..check.outcome import Result
from ..project import Project, ProjectError
from ..render.pages import render_pages
from ..screens.cards import render_cards
from ..screens.pages import render_screens
from ..screens.qr import forget_codes, known_codes, remember_codes
from ..search.worker import patched_worker
from . import assets, cache
from .editor import editor_files
from .media import media_files
from .writer import TreeWriter

ITEM_CACHE = "items.pickle"
QR_CACHE = "qr.pickle"  # the QR code of every URL made so far
CARD_CACHE = "cards.pickle"  # the share cards of the last build, by what they show


@dataclass
class DocsTree:
    files: dict[str, bytes]  # path under build/docs → bytes
    bodies: dict[str, str]  # item page → its body HTML (the search index reuses it)
    years: dict[str, str]  # item page → the year of its date (the search index's shards)
    item_cache: dict[str, list[str]] | None  # the item pages to keep for the next build; None: as kept already
    digests: dict[str, str] = field(default_factory=dict)  # path → hash of its bytes (publish/build.py)


def hand_written(docs: Path) -> dict[str, bytes]:
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def docs_tree(project: Project, result: Result, writer: TreeWriter | None = None) -> DocsTree:
    """`writer`: given each part of the tree as soon as it is made, so that writing one part overlaps making the
    next."""
    files: dict[str, bytes] = {}
    written = hand_written(project.docs)

    def add(part: dict[str, bytes]) -> None:
        clash = sorted(part.keys() & files.keys())
        if clash and clash[0] in written:
            raise ProjectError(f"docs/{clash[0]} 与生成的文件重名，请给这个手写的文件改名")
        if clash:
            raise ProjectError(f"生成的文件 {clash[0]} 出现了两次：这是构建工具的问题，请报告")
        files.update(part)
        if writer is not None:
            writer.add(part)

    add(written)
    c = collection.build(result)
    periods = planning.build([plan for _, plan in result.plans], result.registry, c)
    item_cache = cache.load(project.build / "cache" / ITEM_CACHE)
    rendered = render_pages(c, periods, result.registry, project.site_url, project.site_name, item_cache)
    add({name: text.encode("utf-8") for name, text in rendered.pages.items()} | rendered.files)
    add(patched_worker())
    add(assets.docs_files(project.overrides))
    codes = cache.load(project.build / "cache" / QR_CACHE) or {}
    remember_codes(codes)
    add(render_screens(c, periods, project.site_url))
    if known_codes().keys() != codes.keys():
        cache.save(project.build / "cache" / QR_CACHE, known_codes())
    forget_codes()
    add(media_files(c, project.content, project.build / "cache" / "images"))
    add(editor_files(project, result))
    known_cards = cache.load(project.build / "cache" / CARD_CACHE) or {}
    cards, drawn = render_cards(c, known_cards)
    add(cards)
    if drawn.keys() != known_cards.keys():
        cache.save(project.build / "cache" / CARD_CACHE, drawn)
    years = {item.page: str(item.date.year) for item in c.items}
    fresh = rendered.item_cache if rendered.item_cache != item_cache else None
    return DocsTree(files, rendered.bodies, years, fresh)
