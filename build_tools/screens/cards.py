"""Share cards: a square PNG for each item page without a picture of its own, which a chat (WeChat) shows beside a
link to the page (og:image). Raster, not SVG: WeChat shows no SVG. Drawn with Pillow and the system's Noto Sans CJK
(Debian fonts-noto-cjk, which `make site` installs); the same text and font give the same bytes."""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .. import parallel
from ..aggregate.collection import Collection, Published
from ..models.common import zh_date
from ..models.kinds import KINDS
from ..project import ProjectError
from .data import BRAND

SIZE = 600  # WeChat crops the picture of a link to a square; 300 px at least
MARGIN = 44
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FONT_SC = 2  # the face of the collection drawn with simplified Chinese glyphs
PAPER, RED, DARK_RED, GOLD, YELLOW, BROWN = "#fff8ec", "#b71c1c", "#8e0000", "#d4a017", "#ffd54f", "#6d4c41"


@functools.cache
def font(size: int) -> ImageFont.FreeTypeFont:
    if not FONT.is_file():
        raise ProjectError(f"缺少中文字体 {FONT}（Debian fonts-noto-cjk；make site 会安装）")
    return ImageFont.truetype(str(FONT), size, index=FONT_SC)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """The text broken into at most `lines` lines of `width` px, character by character (Chinese has no spaces);
    the last line ends in … when the text does not fit."""
    out, line = [], ""
    for char in text:
        if face.getlength(line + char) > width:
            out.append(line)
            line = char.lstrip()
        else:
            line += char
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        while last and face.getlength(last + "…") > width:
            last = last[:-1]
        out[-1] = last + "…"
    return out


def byline(item: Published) -> list[str]:
    """Who published it, and when: a line each."""
    return [item.model.issuer if item.kind == "material" else item.unit.name, zh_date(item.date)]


def draw_card(item: Published) -> bytes:
    image = Image.new("RGB", (SIZE, SIZE), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE, 96), fill=RED)
    draw.rectangle((0, 96, SIZE, 104), fill=GOLD)
    draw.text((MARGIN, 48), f"★ {BRAND}", font=font(30), fill=YELLOW, anchor="lm")
    draw.text((MARGIN, 150), KINDS[item.kind].label, font=font(30), fill=RED, anchor="lm")
    title = wrap(item.title, font(46), SIZE - 2 * MARGIN, 5)
    for number, line in enumerate(title):
        draw.text((MARGIN, 200 + number * 64), line, font=font(46), fill=DARK_RED, anchor="la")
    draw.rectangle((MARGIN, SIZE - 104, SIZE - MARGIN, SIZE - 100), fill=GOLD)
    for number, text in enumerate(byline(item)):
        line = wrap(text, font(24), SIZE - 2 * MARGIN, 1)[0]
        draw.text((MARGIN, SIZE - 84 + number * 32), line, font=font(24), fill=BROWN, anchor="la")
    out = io.BytesIO()
    # A few flat colours and the anti-aliased edges of the text: a palette of 64 keeps it small (about a third).
    # Fast octree and no optimize pass: 13 ms a card instead of 47 (thousands are drawn on a cold build), 11 % more
    # bytes.
    image.quantize(64, method=Image.Quantize.FASTOCTREE).save(out, "PNG")
    return out.getvalue()


def card_key(item: Published) -> str:
    """What a card shows, and the code and font that draw it: the same key, the same PNG."""
    shown = [KINDS[item.kind].label, item.title, *byline(item), Path(__file__).read_text(encoding="utf-8")]
    font_file = FONT.stat() if FONT.is_file() else None
    shown.append(f"{font_file.st_size}:{font_file.st_mtime_ns}" if font_file else "")
    return hashlib.sha1("\0".join(shown).encode(), usedforsecurity=False).hexdigest()


def render_cards(c: Collection, known: dict[str, bytes] | None = None) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """({docs path: PNG} for every item and study material whose share picture is a card, the cards by key for the
    next build). Drawing a card takes tens of milliseconds: the `known` ones of the last build are reused."""
    known = known or {}
    wanted = [item for item in [*c.items, *c.materials] if not item.cover]
    keys = [card_key(item) for item in wanted]
    missing = [i for i, key in enumerate(keys) if key not in known]
    drawn = dict(zip(missing, parallel.map_items(draw_card, [wanted[i] for i in missing]), strict=True))
    cards = {key: drawn[i] if i in drawn else known[key] for i, key in enumerate(keys)}
    return {item.share_image: cards[key] for item, key in zip(wanted, keys, strict=True)}, cards
