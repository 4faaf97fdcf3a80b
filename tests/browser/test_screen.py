"""The campus screen and the posters in Debian chromium: layout at 1920×1080 and 1080×1920, rotation,
?unit=, live updates from screen.json, offline rotation, QR codes that decode, one-page A4 posters, PNG slides."""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page
from pypdf import PdfReader

from build_tools.models.kinds import KINDS
from tests.helpers import cli

from .conftest import LOCAL_HOST, TIMEOUT_MS, is_local

pytestmark = pytest.mark.browser

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
HEADLINE_MIN, BODY_MIN = 96, 56  # px on a 1080 px side: legible at 5 m
STILL = "interval=600"  # no rotation while a test looks at one slide

# Every element in the slide with text of its own: its sizes, font size and place.
TEXT_BOXES_JS = """() => [...document.querySelectorAll("#screen *")]
  .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(el => { const r = el.getBoundingClientRect(); return {
    cls: el.className, text: el.textContent, font: parseFloat(getComputedStyle(el).fontSize),
    sh: el.scrollHeight, ch: el.clientHeight, sw: el.scrollWidth, cw: el.clientWidth,
    top: r.top, left: r.left, bottom: r.bottom, right: r.right }; })"""


# The id of the slide on screen once it is another than `id`.
NEXT_SHOWN_JS = "id => document.documentElement.dataset.shown !== id && document.documentElement.dataset.shown"


def screen_data(site: Path) -> dict:
    return json.loads((site / "screen" / "screen.json").read_text(encoding="utf-8"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving(directory: Path) -> Iterator[tuple[str, Callable[[], None]]]:
    """A server of our own, for tests that change files or take the server away: (base URL, stop)."""
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=directory))
    thread = threading.Thread(target=server.serve_forever, name="screen-server", daemon=True)
    thread.start()
    stopped = threading.Event()

    def stop() -> None:
        if not stopped.is_set():
            stopped.set()
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/", stop
    finally:
        stop()


@pytest.fixture
def site_copy(built_site: Path, tmp_path: Path) -> Path:
    """A copy of the built site that a test may change (only what the screen and the posters read). The screen's
    folder is copied; what the tests only read is linked, which is quicker."""
    copy = tmp_path / "site"
    shutil.copytree(built_site / "screen", copy / "screen")
    for folder in ("assets", "media", "poster"):
        shutil.copytree(built_site / folder, copy / folder, copy_function=os.link)
    return copy


@pytest.fixture
def screen(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Opens pages at a given size; at teardown, fails if any of them requested anything off 127.0.0.1."""
    contexts: list[BrowserContext] = []
    seen: list[str] = []
    errors: list[str] = []

    def open_page(url: str, width: int = 1920, height: int = 1080, ready: str | None = "html[data-ready]") -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", lambda request: seen.append(request.url))
        context.route(lambda u: not is_local(u), lambda route: route.abort())
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)  # waits for the load event: pictures are in
        if ready:
            page.wait_for_selector(ready)
        return page

    yield open_page
    for context in contexts:
        context.close()
    outside = [url for url in seen if not is_local(url)]
    assert not outside, f"{len(outside)} request(s) left {LOCAL_HOST}:\n" + "\n".join(outside)
    assert not errors, errors


def shown(page: Page) -> str:
    return page.get_attribute("html", "data-shown") or ""


def check_text_fits(page: Page, width: int, height: int, where: str) -> None:
    boxes = page.evaluate(TEXT_BOXES_JS)
    assert boxes, where
    for box in boxes:
        label = f"{where} .{box['cls']} «{box['text']}»"
        assert box["sh"] <= box["ch"] and box["sw"] <= box["cw"], f"overflows: {label} {box}"
        assert box["left"] >= 0 and box["top"] >= 0 and box["right"] <= width and box["bottom"] <= height, label
        minimum = HEADLINE_MIN if "headline" in box["cls"] else BODY_MIN
        assert box["font"] >= minimum, f"{label}: {box['font']} px"


def decode_qr(png: bytes) -> str:
    [found] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return found.text


@pytest.mark.parametrize("orientation", SIZES)
def test_every_slide_shows_and_its_text_fits(screen, base_url: str, built_site: Path, orientation: str) -> None:
    width, height = SIZES[orientation]
    page = screen(f"{base_url}screen/?{STILL}", width, height)  # orientation from the aspect ratio alone
    assert page.get_attribute("#screen", "class") == f"screen {orientation}"
    data = screen_data(built_site)
    assert page.evaluate("() => window.lxScreen.count()") == len(data["items"]) + (1 if data["notice"] else 0)
    box = page.locator(".slide").bounding_box()
    assert box == {"x": 0, "y": 0, "width": width, "height": height}
    for n in range(1, page.evaluate("() => window.lxScreen.count()") + 1):
        page.evaluate("n => window.lxScreen.show(n)", n)
        assert page.locator(".headline").inner_text().strip(), f"slide {n}: empty headline"
        check_text_fits(page, width, height, f"{orientation} slide {n}")


def test_portrait_can_be_forced(screen, base_url: str) -> None:
    page = screen(f"{base_url}screen/?{STILL}&o=portrait", 1920, 1080)
    assert page.get_attribute("#screen", "class") == "screen portrait"


def test_next_slide_follows_after_the_interval(screen, base_url: str) -> None:
    page = screen(f"{base_url}screen/?interval=1")
    ids = page.evaluate("() => window.lxScreen.ids()")
    before = shown(page)
    for _ in range(2):
        after = page.wait_for_function(NEXT_SHOWN_JS, arg=before, timeout=4000).json_value()
        assert ids.index(after) == (ids.index(before) + 1) % len(ids)
        before = after


def test_a_units_own_items_come_first(screen, base_url: str, built_site: Path) -> None:
    items = screen_data(built_site)["items"]
    unit = items[-1]["unit"]  # the unit of the oldest item: not first without ?unit=
    assert items[0]["unit"] != unit
    page = screen(f"{base_url}screen/?{STILL}&unit={unit}")
    first_item = next(i for i in page.evaluate("() => window.lxScreen.ids()") if not i.startswith("notice-"))
    assert first_item == next(i["id"] for i in items if i["unit"] == unit)
    page.evaluate("n => window.lxScreen.show(n)", 2)
    assert page.get_attribute(".slide", "data-unit") == unit


def test_the_notice_shows_the_units_own_theme_day(screen, base_url: str, built_site: Path) -> None:
    notice = screen_data(built_site)["notice"]
    own = notice["entries"][1]  # a unit's, after the district's
    page = screen(f"{base_url}screen/?{STILL}&unit={own['unit']}")
    assert page.get_attribute(".slide", "data-id") == notice["id"]
    assert page.locator(".unit").inner_text() == own["unit_name"]
    assert page.locator(".date").inner_text() == own["date"]


def test_new_items_appear_without_a_reload(screen, site_copy: Path) -> None:
    with serving(site_copy) as (base, _):
        page = screen(f"{base}screen/?interval=1&poll=1")
        page.evaluate("() => { window.notReloaded = true; }")
        data = screen_data(site_copy)
        fresh = {**data["items"][-1], "id": "case-zuixin-fabu", "headline": "最新发布的案例", "image": None}
        data["items"].insert(0, fresh)
        (site_copy / "screen" / "screen.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        page.wait_for_selector(".slide[data-id='case-zuixin-fabu']", timeout=6000)
        assert page.locator(".headline").inner_text() == "最新发布的案例"
        assert page.evaluate("() => window.notReloaded") is True


def test_rotation_goes_on_when_the_server_is_gone(screen, site_copy: Path) -> None:
    with serving(site_copy) as (base, stop):
        page = screen(f"{base}screen/?interval=1&poll=1")
        stop()
        seen = {shown(page)}
        for _ in range(3):
            seen.add(page.wait_for_function(NEXT_SHOWN_JS, arg=shown(page), timeout=4000).json_value())
        assert len(seen) == 4
        assert page.locator(".slide").count() == 1 and page.locator(".headline").inner_text().strip()


def test_qr_codes_decode_to_the_items_address(screen, base_url: str, built_site: Path) -> None:
    data = screen_data(built_site)
    page = screen(f"{base_url}screen/?{STILL}")
    assert decode_qr(page.locator(".qr").screenshot()) == data["notice"]["url"]
    page.evaluate("n => window.lxScreen.show(n)", 2)
    assert decode_qr(page.locator(".qr").screenshot()) == data["items"][0]["url"]
    item = data["items"][-1]
    kind, slug = item["id"].split("-", 1)
    poster = screen(f"{base_url}poster/{KINDS[kind].section}/{slug}/", ready=None)
    assert decode_qr(poster.locator(".qr svg").screenshot()) == item["url"]


def test_a_poster_prints_on_one_a4_page(screen, base_url: str, built_site: Path) -> None:
    items = screen_data(built_site)["items"]
    case = max((i for i in items if i["kind"] == "case" and i["image"]), key=lambda i: len(i["text"] + i["title"]))
    page = screen(f"{base_url}poster/cases/{case['id'].removeprefix('case-')}/", 900, 1200, ready=None)
    assert page.evaluate("() => [...document.images].every(img => img.complete && img.naturalWidth > 0)")
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1
    # Still one page with the longest title and summary the schema allows (50 and 200 字).
    page.evaluate("() => { document.querySelector('.title').textContent = '长'.repeat(50); }")
    page.evaluate("() => { document.querySelector('.summary').textContent = '长'.repeat(200); }")
    assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) == 1


def test_make_slides_writes_every_slide_at_both_sizes(base_site: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(base_site, root / "site")
    done = cli(root, "screens")  # its own process: playwright runs one sync session a thread
    assert done.returncode == 0, done.stdout + done.stderr
    data = screen_data(root / "site")
    names = [f"{n:02d}.png" for n in range(1, len(data["items"]) + (2 if data["notice"] else 1))]
    for orientation, size in SIZES.items():
        folder = root / "site" / "screen" / "slides" / orientation
        assert sorted(p.name for p in folder.iterdir()) == names
        for name in names:
            with Image.open(folder / name) as picture:
                assert (picture.format, picture.size) == ("PNG", size), f"{orientation}/{name}"
        with zipfile.ZipFile(folder.parent / f"{orientation}.zip") as archive:
            assert archive.namelist() == names
            assert archive.read(names[0]) == (folder / names[0]).read_bytes()
