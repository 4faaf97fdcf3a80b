"""One page of every kind the sample site has, as URL paths: the pages the accessibility and large-text tests visit.

Each is chosen for what it carries: a case with a link in its text and a photo, a lesson with a video, a month with a
cancelled activity, a unit with its yearly plan."""

from __future__ import annotations

from pathlib import Path

PAGE_TYPES = {
    "home": "",
    "case": "cases/bjzx-cz-chen-nianjizu/",
    "lesson": "micro-lessons/flexx-sijiang-siyou/",
    "material": "materials/xuexi-dangzhang/",
    "cases listing": "cases/",
    "lessons listing": "micro-lessons/",
    "materials listing": "materials/",
    "case type listing": "cases/type/work/",
    "lesson topic listing": "micro-lessons/topic/party-purpose/",
    "tags": "tags/",
    "tag": "tags/ztdr/",
    "units": "units/",
    "unit": "units/flexx/",
    "archive": "archive/",
    "archive month": "archive/2017-06/",
    "plans index": "plans/",
    "plan year": "plans/2017/",
    "plan month": "plans/2017/2017-06/",
    "dashboard": "dashboard/",
    "guide": "guide/",
    "guide, fields": "guide/fields/",
    "guide, materials": "guide/materials/",
    "guide, plans": "guide/plans/",
    "guide, checks": "guide/checks/",
    "my study record": "my/",
    "404": "404.html",
    "poster": "poster/cases/bjzx-cz-chen-nianjizu/",
    "campus screen": "screen/",
}
# Pages with the site's header (the theme's): the large-text switch and the study record live there.
THEMED = [name for name in PAGE_TYPES if name not in ("poster", "campus screen")]


def existing(site: Path) -> dict[str, str]:
    """PAGE_TYPES, each checked to be a page of the built site (a renamed sample item must not skip a type)."""
    for name, path in PAGE_TYPES.items():
        file = site / path if path.endswith(".html") else site / path / "index.html"
        assert file.is_file(), f"{name}: no {file} in the built site"
    return PAGE_TYPES
