"""Published items and the indexes every listing is made from. Pure: no file I/O."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..check.outcome import Entry, Result
from ..models import Case, Lesson, Material, Registry, Tag, Unit
from ..models.kinds import KINDS
from ..models.vocab import CASE_TYPES, CATEGORIES, FORMATS, TOPICS


def variant_path(published: str, size: str, ext: str) -> str:
    """Where a resized copy of a photo is published: media/cases/2017/images/a.jpg → media/…/a.web.webp"""
    path = PurePosixPath(published)
    return str(path.with_name(f"{path.stem}.{size}.{ext}"))


SHARE_DIR = "share"  # the generated share cards, one PNG per item without a picture


class Published:
    """What every published thing has: a page at /<section>/<slug>/, a date and a title."""

    kind: str
    slug: str
    model: Case | Lesson | Material

    @property
    def page(self) -> str:
        """Source path of the page in the docs tree (URL: /<section>/<slug>/)."""
        return f"{KINDS[self.kind].section}/{self.slug}.md"

    @property
    def url(self) -> str:
        return f"{KINDS[self.kind].section}/{self.slug}/"

    @property
    def date(self) -> dt.date:
        return self.model.date

    @property
    def title(self) -> str:
        return self.model.title

    @property
    def cover(self) -> str | None:
        return None

    @property
    def share_image(self) -> str:
        """Docs-tree path of the picture a chat shows for a link to the page (og:image): the item's own picture,
        web-sized, else a card drawn for it at build time (screens/cards.py)."""
        if self.cover:
            return self.image_path(self.cover, "web", "jpg")  # only items (cases, lessons) have a cover
        return f"{SHARE_DIR}/{KINDS[self.kind].section}/{self.slug}.png"


@dataclass(frozen=True)
class Item(Published):
    kind: str  # "case" | "lesson"
    slug: str
    model: Case | Lesson
    tags: tuple[Tag, ...]
    unit: Unit
    content_dir: PurePosixPath  # folder of the source file, relative to content/
    body: str  # the contributor's Markdown

    @property
    def label(self) -> str:
        """The short type shown on cards: 先进典型, 视频微党课, …"""
        return self.model.case_type if self.kind == "case" else f"{self.model.format}微党课"

    def media_path(self, relative: str) -> str:
        """Where a file referenced from the front matter is published in the docs tree."""
        return (PurePosixPath("media") / self.content_dir / relative).as_posix()

    def image_path(self, relative: str, size: str, ext: str) -> str:
        """A published version of a photo: size "web" (item pages) or "thumb" (listings)."""
        return variant_path(self.media_path(relative), size, ext)

    @property
    def cover(self) -> str | None:
        """The picture that stands for the item in listings: a case's first image, a lesson's poster."""
        if self.kind == "case":
            return self.model.images[0].src if self.model.images else None
        return self.model.media.poster if self.model.media else None


@dataclass(frozen=True)
class MaterialItem(Published):
    slug: str
    model: Material
    tags: tuple[Tag, ...]
    body: str

    kind = "material"


@dataclass
class Collection:
    items: list[Item]  # published only, newest first
    units: dict[str, Unit]
    tags: dict[str, Tag]
    today: dt.date
    by_kind: dict[str, list[Item]] = field(default_factory=dict)
    by_case_type: dict[str, list[Item]] = field(default_factory=dict)
    by_category: dict[str, list[Item]] = field(default_factory=dict)
    by_topic: dict[str, list[Item]] = field(default_factory=dict)
    by_format: dict[str, list[Item]] = field(default_factory=dict)
    by_unit: dict[str, list[Item]] = field(default_factory=dict)
    by_tag: dict[str, list[Item]] = field(default_factory=dict)
    by_month: dict[str, list[Item]] = field(default_factory=dict)
    materials: list[MaterialItem] = field(default_factory=list)  # published, newest first
    secretary_lectures: list[Item] = field(default_factory=list)
    # Every checked case, lesson and material by its path under content/ → its page URL, None when not published:
    # what links between bodies resolve against (render/body.py: Links).
    pages: dict[str, str | None] = field(default_factory=dict)


def _group(items: list[Item], keys) -> dict[str, list[Item]]:
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        for key in keys(item):
            groups[key].append(item)
    return dict(groups)


def build(result: Result) -> Collection:
    registry = result.registry
    items = []
    materials = []
    for entry in result.published:
        if entry.source.kind == "material":
            materials.append(_material(entry, registry))
        else:
            items.append(_item(entry, registry))
    # Newest first; the slug breaks ties so the order never depends on the file system.
    items.sort(key=lambda i: (i.date, i.kind, i.slug), reverse=True)
    c = Collection(items=items, units=registry.units, tags=registry.tags, today=result.today)
    c.materials = sorted(materials, key=lambda m: (m.date, m.slug), reverse=True)
    c.by_kind = {"case": [i for i in items if i.kind == "case"], "lesson": [i for i in items if i.kind == "lesson"]}
    c.by_case_type = _group(c.by_kind["case"], lambda i: [CASE_TYPES[i.model.case_type]])
    c.by_category = _group(c.by_kind["case"], lambda i: [CATEGORIES[x] for x in dict.fromkeys(i.model.category)])
    c.by_topic = _group(c.by_kind["lesson"], lambda i: [TOPICS[i.model.topic]])
    c.by_format = _group(c.by_kind["lesson"], lambda i: [FORMATS[i.model.format]])
    c.by_unit = _group(items, lambda i: [i.unit.id])
    c.by_tag = _group(items, lambda i: [t.id for t in i.tags])
    c.by_month = _group(items, lambda i: [i.date.strftime("%Y-%m")])
    c.secretary_lectures = [i for i in c.by_kind["lesson"] if i.model.secretary_lecture]
    for entry in result.entries:
        url = f"{KINDS[entry.source.kind].section}/{entry.source.path.stem}/" if entry.status == "published" else None
        c.pages[entry.source.rel.removeprefix("content/")] = url
    return c


def _material(entry: Entry, registry: Registry) -> MaterialItem:
    tag_ids = dict.fromkeys(registry.tag_id(t) for t in entry.model.tags)
    return MaterialItem(
        slug=entry.source.path.stem,
        model=entry.model,
        tags=tuple(registry.tags[t] for t in tag_ids),
        body=entry.source.body.strip("\n"),
    )


def _item(entry: Entry, registry: Registry) -> Item:
    source = entry.source
    tag_ids = dict.fromkeys(registry.tag_id(t) for t in entry.model.tags)  # keep order, drop repeats
    content_dir = PurePosixPath(source.rel).parent.relative_to("content")
    return Item(
        kind=source.kind,
        slug=source.path.stem,
        model=entry.model,
        tags=tuple(registry.tags[t] for t in tag_ids),
        unit=registry.units[entry.model.unit],
        content_dir=content_dir,
        body=source.body.strip("\n"),
    )
