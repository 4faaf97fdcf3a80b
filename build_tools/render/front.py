"""The home page and the RSS feed: the newest items, the counts, this month's plan."""

from __future__ import annotations

from ..aggregate.collection import Collection
from .templates import render

LATEST_ON_HOME = 6
FEED_SIZE = 30


def home(c: Collection, site_name: str, current_plan: tuple[str, str] | None) -> str:
    return render(
        "home.md.j2",
        page="index.md",
        site_name=site_name,
        cases=c.by_kind["case"][:LATEST_ON_HOME],
        lessons=c.by_kind["lesson"][:LATEST_ON_HOME],
        counts={
            "case": len(c.by_kind["case"]),
            "lesson": len(c.by_kind["lesson"]),
            "unit": len(c.units),
            "material": len(c.materials),
        },
        current_plan=current_plan,
    )


def feed(c: Collection, site_url: str, site_name: str) -> str:
    return render("feed.xml.j2", items=c.items[:FEED_SIZE], site_url=site_url.rstrip("/") + "/", site_name=site_name)
