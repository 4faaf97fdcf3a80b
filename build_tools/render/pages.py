"""Every generated page of the site, as text by docs-tree path: items, listings, home and feed, plans and the
dashboard, study materials; the calendars as bytes; each item's body HTML, which the search index reuses."""

from __future__ import annotations

from dataclasses import dataclass

from ..aggregate.collection import Collection
from ..aggregate.planning import PeriodView, current_month
from ..models import Registry
from . import front, listings
from .items import item_pages
from .materials import render_materials
from .plans import render_plans


@dataclass
class Rendered:
    pages: dict[str, str]  # docs-tree path → Markdown (or XML: feed.xml)
    files: dict[str, bytes]  # docs-tree path → bytes (.ics calendars)
    bodies: dict[str, str]  # item page → its body HTML
    item_cache: dict[str, list[str]]  # the item pages by what they are made of, for the next build (items.py)


def render_pages(
    c: Collection,
    periods: list[PeriodView],
    registry: Registry,
    site_url: str,
    site_name: str,
    item_cache: dict[str, list[str]] | None = None,
) -> Rendered:
    """`item_cache`: the item pages of the last build (Rendered.item_cache), reused where nothing changed."""
    pages, bodies, item_cache = item_pages(c, item_cache)
    plan_pages, calendars, unit_sections = render_plans(periods, c, registry, site_url)
    pages |= listings.case_listings(c)
    pages |= listings.lesson_listings(c)
    pages |= listings.unit_listings(c, unit_sections)
    pages |= listings.tag_listings(c)
    pages |= listings.month_listings(c)
    pages["index.md"] = front.home(c, site_name, current_month(periods, c.today))
    pages["feed.xml"] = front.feed(c, site_url, site_name)
    pages |= render_materials(c, periods)
    pages |= plan_pages
    return Rendered(pages, calendars, bodies, item_cache)
