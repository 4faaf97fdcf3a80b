"""The engine's input, as {path: bytes}: the hand-written docs/, every generated page and calendar, our search
worker, the hashed assets, the screens and posters, the items' media and the web editor (/admin/). Generated pages may not shadow
hand-written ones."""

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


def docs_tree(project: Project, result: Result) -> DocsTree:
    files = hand_written(project.docs)
    c = collection.build(result)
    periods = planning.build([plan for _, plan in result.plans], result.registry, c)
    item_cache = cache.load(project.build / "cache" / ITEM_CACHE)
    rendered = render_pages(c, periods, result.registry, project.site_url, project.site_name, item_cache)
    generated = {name: text.encode("utf-8") for name, text in rendered.pages.items()} | rendered.files
    shadowing = sorted(generated.keys() & files.keys())
    if shadowing:
        raise ProjectError(f"docs/{shadowing[0]} 与生成的页面重名，请改名")
    files |= generated
    files |= patched_worker()
    files |= assets.docs_files(project.overrides)
    codes = cache.load(project.build / "cache" / QR_CACHE) or {}
    remember_codes(codes)
    files |= render_screens(c, periods, project.site_url)
    if known_codes().keys() != codes.keys():
        cache.save(project.build / "cache" / QR_CACHE, known_codes())
    forget_codes()
    known_cards = cache.load(project.build / "cache" / CARD_CACHE) or {}
    cards, drawn = render_cards(c, known_cards)
    files |= cards
    if drawn.keys() != known_cards.keys():
        cache.save(project.build / "cache" / CARD_CACHE, drawn)
    files |= media_files(c, project.content, project.build / "cache" / "images")
    files |= editor_files(project, result)
    years = {item.page: str(item.date.year) for item in c.items}
    fresh = rendered.item_cache if rendered.item_cache != item_cache else None
    return DocsTree(files, rendered.bodies, years, fresh)
