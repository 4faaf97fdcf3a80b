"""Markup rules that overrides/main.html and our templates keep on every built page (axe-core, Nu Html Checker):
a named search dialog, no <label for> without its control, no skipped heading level, posters with a main landmark."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest


class Outline(HTMLParser):
    """Headings inside <article> (the content of a page or the poster sheet), label targets, ids, dialogs, mains."""

    def __init__(self) -> None:
        super().__init__()
        self.levels: list[int] = []
        self.label_for: list[str] = []
        self.ids: set[str] = set()
        self.dialogs_without_name = 0
        self.mains = 0
        self.depth = 0  # inside <article>

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "article":
            self.depth += 1
        if tag == "main" or a.get("role") == "main":
            self.mains += 1
        if re.fullmatch(r"h[1-6]", tag) and self.depth:
            self.levels.append(int(tag[1]))
        if tag == "label" and a.get("for"):
            self.label_for.append(a["for"])
        if a.get("role") == "dialog" and not (a.get("aria-label") or a.get("aria-labelledby")):
            self.dialogs_without_name += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1


def outline(page: Path) -> Outline:
    parser = Outline()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pages(sample_site: Path) -> dict[str, Outline]:
    return {p.relative_to(sample_site).as_posix(): outline(p) for p in sorted(sample_site.rglob("*.html"))}


def test_no_dialog_without_a_name_and_no_label_for_a_missing_control(pages: dict[str, Outline]) -> None:
    assert not [name for name, o in pages.items() if o.dialogs_without_name]
    missing = {name: sorted(set(o.label_for) - o.ids) for name, o in pages.items()}
    assert not {name: ids for name, ids in missing.items() if ids}


def test_headings_never_skip_a_level(pages: dict[str, Outline]) -> None:
    skipped = {}
    for name, o in pages.items():
        for before, after in pairwise([0, *o.levels]):
            if after > before + 1:
                skipped[name] = f"h{before} → h{after}"
                break
    assert not skipped


def test_every_poster_has_one_main_landmark(pages: dict[str, Outline]) -> None:
    posters = {name: o for name, o in pages.items() if name.startswith("poster/")}
    assert posters and all(o.mains == 1 for o in posters.values())
