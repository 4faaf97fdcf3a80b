"""Sharing in a chat: every item page (case, lesson, study material) names its title, description and picture
(Open Graph), and the picture is a raster file of the built site that a chat can show."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

SECTIONS = ("cases", "micro-lessons", "materials")
LISTINGS = {"page", "type", "category", "topic", "format", "tag", "secretary"}
META = re.compile(r'<meta property="(og:[a-z_]+)" content="([^"]*)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')


def item_pages(site: Path) -> list[Path]:
    found = [p for s in SECTIONS for p in sorted((site / s).glob("*/index.html")) if p.parent.name not in LISTINGS]
    assert len(found) > 30, found
    return found


def open_graph(page: Path) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in META.findall(page.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def pages(sample_site: Path) -> dict[Path, dict[str, str]]:
    return {page: open_graph(page) for page in item_pages(sample_site)}


def test_every_item_page_has_a_title_a_description_and_a_picture(pages: dict[Path, dict[str, str]]) -> None:
    for page, og in pages.items():
        assert og.get("og:title") and og.get("og:description") and og.get("og:image"), page
        text = page.read_text(encoding="utf-8")
        assert f"<title>{html.escape(og['og:title'], quote=False)} - " in text, page


def test_each_picture_is_a_file_of_the_site_a_chat_can_show(
    pages: dict[Path, dict[str, str]], sample_site: Path
) -> None:
    kinds = set()
    for page, og in pages.items():
        # Absolute, on the site's public host (a chat's crawler needs the host), as the page's canonical address.
        image, canonical = urlsplit(og["og:image"]), urlsplit(CANONICAL.search(page.read_text(encoding="utf-8"))[1])
        assert (image.scheme, image.netloc) == (canonical.scheme, canonical.netloc) and image.scheme == "https", image
        assert og["og:url"] == canonical.geturl(), page
        picture = sample_site / image.path.lstrip("/")
        assert picture.is_file(), f"{page}: {picture} is not in the site"
        with Image.open(io.BytesIO(picture.read_bytes())) as image:
            assert image.format in ("PNG", "JPEG") and min(image.size) >= 300, (picture, image.format, image.size)
        kinds.add("photo" if "/media/" in og["og:image"] else "card")
    assert kinds == {"photo", "card"}  # the sample has items with and without a photo


def test_a_page_without_a_photo_carries_its_card_for_wechat(pages: dict[Path, dict[str, str]]) -> None:
    """WeChat shares a page with the first large picture in it: a hidden, lazy copy of the card, first in the article."""
    for page, og in pages.items():
        if "/share/" in og["og:image"]:
            card = og["og:image"].rsplit("/share/", 1)[1]
            article = page.read_text(encoding="utf-8").split('<article class="md-content__inner', 1)[1]
            first_img = re.search(r'<img [^>]*src="([^"]+)"', article).group(1)
            assert first_img.endswith("share/" + card), (page, first_img)


@pytest.mark.parametrize(
    ("line", "size", "anchor"),
    [
        ("★ 两学一做学习园地", 30, "lm"),
        ("“七一”前夕：2024 年 Party 党课（第 3 讲）…", 46, "la"),
        ("中共上海市徐汇区 A&B 实验学校支部委员会", 24, "la"),
        ("  前后有空格 ", 46, "la"),
    ],
)
def test_a_card_line_pasted_from_its_characters_is_the_line_pillow_draws(line: str, size: int, anchor: str) -> None:
    """The cards are pasted together from characters drawn once (cards.glyph): pixel for pixel what drawing each
    line whole gives, the same palette shades included."""
    from PIL import ImageDraw

    from build_tools.screens import cards

    pasted = Image.new("L", (cards.SIZE, 120), 0)
    cards._text(pasted, (cards.MARGIN, 40), line, size, 1, anchor)
    whole = Image.new("L", (cards.SIZE, 120), 0)
    face = cards.font(size)
    left, top, right, bottom = face.getbbox(line, anchor=anchor)
    coverage = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(coverage).text((-left, -top), line, font=face, fill=255, anchor=anchor)
    shades, drawn = cards.INK_TABLES[1]
    whole.paste(coverage.point(shades), (cards.MARGIN + left, 40 + top), coverage.point(drawn))
    assert pasted.getbbox() is not None
    assert pasted.tobytes() == whole.tobytes()
