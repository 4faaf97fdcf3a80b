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
TITLE_LINES = 4  # a fifth line would run into the rule above the byline
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FONT_SC = 2  # the face of the collection drawn with simplified Chinese glyphs
PAPER, RED, DARK_RED, GOLD, YELLOW, BROWN = "#fff8ec", "#b71c1c", "#8e0000", "#d4a017", "#ffd54f", "#6d4c41"


@functools.cache
def font(size: int) -> ImageFont.FreeTypeFont:
    if not FONT.is_file():
        raise ProjectError(f"缺少中文字体 {FONT}（Debian fonts-noto-cjk；make site 会安装）")
    return ImageFont.truetype(str(FONT), size, index=FONT_SC)


@functools.cache
def advance(face: ImageFont.FreeTypeFont, char: str) -> float:
    return face.getlength(char)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """The text broken into at most `lines` lines of `width` px, character by character (Chinese has no spaces);
    the last line ends in … when the text does not fit."""
    out, line, used = [], "", 0.0
    for char in text:
        if used + advance(face, char) > width:
            out.append(line)
            line = char.lstrip()
            used = advance(face, line) if line else 0.0
        else:
            line += char
            used += advance(face, char)
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        while last and sum(advance(face, char) for char in last + "…") > width:
            last = last[:-1]
        out[-1] = last + "…"
    return out


def byline(item: Published) -> list[str]:
    """Who published it, and when: a line each."""
    return [item.model.issuer if item.kind == "material" else item.unit.name, zh_date(item.date)]


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# The card is drawn straight into a fixed palette: its flat colours, and for each ink on its ground SHADES steps of
# the text's anti-aliased edge. No colour reduction afterwards (it took a third of a card's time on a cold build,
# which draws thousands).
SHADES = 15
SOLIDS = (PAPER, RED, GOLD)
INKS = ((PAPER, RED), (PAPER, DARK_RED), (PAPER, BROWN), (RED, YELLOW))


def _palette() -> list[int]:
    colours = [_rgb(colour) for colour in SOLIDS]
    for ground, ink in INKS:
        g, i = _rgb(ground), _rgb(ink)
        colours += [
            tuple(round(a + (b - a) * step / SHADES) for a, b in zip(g, i, strict=True))
            for step in range(1, SHADES + 1)
        ]
    return [value for colour in colours for value in colour]


PALETTE = _palette()


def _ink_tables(ink: int) -> tuple[list[int], list[int]]:
    """For a text's coverage (0–255): the palette index of its shade, and whether it is drawn at all."""
    base = len(SOLIDS) + ink * SHADES - 1
    steps = [round(alpha * SHADES / 255) for alpha in range(256)]
    return [base + step if step else 0 for step in steps], [255 if step else 0 for step in steps]


INK_TABLES = [_ink_tables(ink) for ink in range(len(INKS))]


def _whole_line(card: Image.Image, xy: tuple[int, int], line: str, face: ImageFont.FreeTypeFont, ink: int, anchor: str):
    left, top, right, bottom = face.getbbox(line, anchor=anchor)
    if right <= left or bottom <= top:
        return
    coverage = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(coverage).text((-left, -top), line, font=face, fill=255, anchor=anchor)
    shades, drawn = INK_TABLES[ink]
    card.paste(coverage.point(shades), (xy[0] + left, xy[1] + top), coverage.point(drawn))


@functools.cache
def glyph(size: int, ink: int, char: str) -> tuple[Image.Image, Image.Image, int, int] | None:
    """A character drawn once per size and ink: (its shades, where it is drawn, its offset from the pen on the
    baseline), or None when it leaves no mark (a space). Thousands of cards share their characters, so a card is
    pasted together from these instead of each line being drawn anew (more than half of a card's time)."""
    face = font(size)
    left, top, right, bottom = face.getbbox(char, anchor="ls")
    if right <= left or bottom <= top:
        return None
    coverage = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(coverage).text((-left, -top), char, font=face, fill=255, anchor="ls")
    shades, drawn = INK_TABLES[ink]
    return coverage.point(shades), coverage.point(drawn), left, top


@functools.cache
def baseline(size: int, anchor: str) -> int:
    """How far below a line's anchor point (Pillow's text anchors: "la" its ascender, "lm" its middle) the baseline
    lies."""
    return font(size).getbbox("字", anchor=anchor)[1] - font(size).getbbox("字", anchor="ls")[1]


def _text(card: Image.Image, xy: tuple[int, int], line: str, size: int, ink: int, anchor: str) -> None:
    face = font(size)
    if sum(advance(face, char) for char in line) != face.getlength(line):
        _whole_line(card, xy, line, face, ink, anchor)  # kerned (Latin pairs such as "To"): as one shaped line
        return
    x, y, pen = xy[0], xy[1] + baseline(size, anchor), 0.0
    for char in line:
        drawn = glyph(size, ink, char)
        if drawn is not None:
            shades, mask, left, top = drawn
            card.paste(shades, (x + round(pen) + left, y + top), mask)
        pen += advance(face, char)


def draw_card(item: Published) -> bytes:
    paper, red, gold = range(len(SOLIDS))
    on_red = INKS.index((RED, YELLOW))
    card = Image.new("L", (SIZE, SIZE), paper)  # palette indices; a "P" image at the end
    card.paste(red, (0, 0, SIZE, 96))
    card.paste(gold, (0, 96, SIZE, 104))
    _text(card, (MARGIN, 48), f"★ {BRAND}", 30, on_red, "lm")
    _text(card, (MARGIN, 150), KINDS[item.kind].label, 30, INKS.index((PAPER, RED)), "lm")
    for number, line in enumerate(wrap(item.title, font(46), SIZE - 2 * MARGIN, TITLE_LINES)):
        _text(card, (MARGIN, 200 + number * 64), line, 46, INKS.index((PAPER, DARK_RED)), "la")
    card.paste(gold, (MARGIN, SIZE - 104, SIZE - MARGIN, SIZE - 100))
    for number, text in enumerate(byline(item)):
        line = wrap(text, font(24), SIZE - 2 * MARGIN, 1)[0]
        _text(card, (MARGIN, SIZE - 84 + number * 32), line, 24, INKS.index((PAPER, BROWN)), "la")
    image = Image.frombytes("P", card.size, card.tobytes())
    image.putpalette(PALETTE)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=3)  # a third of the default level's time, a sixth more bytes
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
