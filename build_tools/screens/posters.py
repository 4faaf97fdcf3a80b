"""Printable A4 posters for bulletin boards: one static HTML page per published case and lesson."""

from __future__ import annotations

from markupsafe import Markup

from .. import parallel
from ..aggregate.collection import Collection, Item
from ..models.common import zh_date
from ..models.kinds import KINDS
from .data import BRAND, SHOWN, absolute, byline, image_of
from .qr import qr_svg

POSTER_DIR = "poster"


def poster_path(item: Item) -> str:
    """Docs-tree path of the item's poster (URL: /poster/<section>/<slug>/)."""
    return f"{POSTER_DIR}/{KINDS[item.kind].section}/{item.slug}/index.html"


def details(item: Item) -> list[str]:
    """Short facts under the title besides unit and date."""
    if item.kind == "case":
        return [KINDS["case"].label + " · " + item.label]
    facts = [item.label, byline(item)]
    if item.model.duration:
        facts.append(f"时长 {item.model.duration}")
    return facts


def poster_context(item: Item, site_url: str) -> dict:
    root = "../../../"  # from poster/<section>/<slug>/ back to the site root
    image = image_of(item)
    url = absolute(site_url, item.url)
    return {
        "brand": BRAND,
        "root": root,
        "kind_label": KINDS[item.kind].label,
        "title": item.title,
        "unit": item.unit.name,
        "date": zh_date(item.date),
        "details": details(item),
        "summary": item.model.summary,
        "image": root + image if image else None,
        # Inline, so printing never waits for (or misses) a second file. Safe as markup: the SVG holds
        # only path data drawn from the URL, never the URL as text.
        "qr": Markup(qr_svg(url).decode("utf-8")),
        "url": url,
        "page": root + item.url,
    }


def render_posters(c: Collection, site_url: str, template) -> dict[str, bytes]:
    items = [item for item in c.items if item.kind in SHOWN]
    posters = parallel.map_items(lambda item: template.render(**poster_context(item, site_url)).encode("utf-8"), items)
    return {poster_path(item): poster for item, poster in zip(items, posters, strict=True)}
