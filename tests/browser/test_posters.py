"""Every poster of the sample: on a 390 px phone the A4 sheet scales to the screen (no sideways scroll); printed, it is
still one A4 page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from .conftest import TIMEOUT_MS, WECHAT_IPHONE_UA

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
A4_MM = (210, 297)
POINTS_PER_MM = 72 / 25.4


def posters(site: Path) -> list[str]:
    found = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("poster/*/*/index.html"))
    assert len(found) >= 20, found
    return found


def test_every_poster_fits_a_phone_and_prints_on_one_a4_page(browser: Browser, base_url: str, built_site: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, user_agent=WECHAT_IPHONE_UA)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    too_wide, not_one_page = {}, {}
    try:
        for path in posters(built_site):
            page.goto(base_url + path, wait_until="load")
            widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            sheet = page.locator(".sheet").bounding_box()
            if widths != [PHONE["width"]] * 2 or sheet["x"] < 0 or sheet["x"] + sheet["width"] > PHONE["width"]:
                too_wide[path] = (widths, sheet)
            pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
            sizes = [
                (round(float(p.mediabox.width) / POINTS_PER_MM), round(float(p.mediabox.height) / POINTS_PER_MM))
                for p in pdf.pages
            ]
            if sizes != [A4_MM]:
                not_one_page[path] = sizes
    finally:
        context.close()
    assert not too_wide, f"posters wider than the phone: {too_wide}"
    assert not not_one_page, f"posters not printed on one A4 page: {not_one_page}"
