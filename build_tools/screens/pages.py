"""The files of campus screens (/screen/, screen.json, QR codes) and of bulletin-board posters, for the docs tree.

Both the screen page and the posters are static HTML files in the docs tree, which MkDocs copies as they
are: a kiosk browser gets a page without the site's header, navigation and scripts, and nothing in them
depends on the time of the build, so a rebuild gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from ..aggregate.collection import Collection
from ..aggregate.planning import PeriodView
from .data import SCREEN_DIR, SHOWN, absolute, qr_name, screen_data, script_json
from .posters import render_posters
from .qr import qr_svg, remember_qr

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every text comes from contributors
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_screens(c: Collection, periods: list[PeriodView], site_url: str) -> dict[str, bytes]:
    env = _environment()
    # Every QR code at once, on every core; the slides and posters below then find theirs made.
    remember_qr([absolute(site_url, item.url) for item in c.items if item.kind in SHOWN])
    data = screen_data(c, periods, site_url)
    payload = script_json(data)
    files: dict[str, bytes] = {
        f"{SCREEN_DIR}/screen.json": (payload + "\n").encode("utf-8"),
        # The page carries the same data, so it shows slides at once and even when screen.json cannot be fetched.
        f"{SCREEN_DIR}/index.html": env.get_template("screen.html.j2")
        .render(brand=data["brand"], data=Markup(payload))
        .encode("utf-8"),
    }
    for slide in data["items"]:
        files[f"{SCREEN_DIR}/{slide['qr']}"] = qr_svg(slide["url"])
    if data["notice"]:
        files[f"{SCREEN_DIR}/{data['notice']['qr']}"] = qr_svg(data["notice"]["url"])
    # Every published item has its QR file, not only those on the screen: pages and print-outs can use it.
    for item in c.items:
        name = f"{SCREEN_DIR}/{qr_name(item.kind, item.slug)}"
        if item.kind in SHOWN and name not in files:
            files[name] = qr_svg(absolute(site_url, item.url))
    files.update(render_posters(c, site_url, env.get_template("poster.html.j2")))
    return files
