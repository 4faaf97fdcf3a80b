"""`make slides`: every slide of the built screen page as PNG, for screens that take only pictures.

The built site is served on 127.0.0.1 and headless Debian chromium screenshots /screen/?slide=N, so the
pictures are the kiosk page itself: one design for both kinds of screen.
"""

from __future__ import annotations

import base64
import io
import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from ..project import Project, ProjectError
from .browser import CHROMIUM, CHROMIUM_ARGS, LOCAL, serve

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # zip's earliest date: the archive depends only on the pictures


def deterministic_zip(files: dict[str, bytes]) -> bytes:
    """A zip whose bytes depend only on the names and contents: sorted, fixed dates and modes. Stored,
    not deflated: PNG is compressed already."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


def shoot(base_url: str, out: Path, orientation: str) -> int:
    """Screenshots of every slide into out/<orientation>/NN.png and out/<orientation>.zip; the count."""
    from playwright.sync_api import sync_playwright

    width, height = SIZES[orientation]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            # The pictures must show what a kiosk shows offline: nothing from another host.
            context.route(lambda url: urlsplit(url).hostname != LOCAL, lambda route: route.abort())
            page = context.new_page()
            page.goto(f"{base_url}screen/?slide=1&o={orientation}")
            page.wait_for_selector("html[data-ready]")
            count = page.evaluate("() => window.lxScreen.count()")
            folder = out / orientation
            folder.mkdir(parents=True, exist_ok=True)
            # Chromium's fast PNG encoder: a third of the time of page.screenshot() for files a quarter larger.
            cdp = context.new_cdp_session(page)
            pictures = {}
            for n in range(1, count + 1):
                page.evaluate("n => window.lxScreen.show(n)", n)  # resolves once pictures are in and text fits
                shot = cdp.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
                pictures[f"{n:02d}.png"] = base64.b64decode(shot["data"])
                (folder / f"{n:02d}.png").write_bytes(pictures[f"{n:02d}.png"])
        finally:
            browser.close()
    (out / f"{orientation}.zip").write_bytes(deterministic_zip(pictures))
    return count


def make_slides(project: Project) -> None:
    site = project.site
    if not (site / "screen" / "index.html").is_file():
        raise ProjectError(f"没有找到已生成的网站（{project.display(site)}/screen/）：请先运行 make site。")
    if not Path(CHROMIUM).exists():
        raise ProjectError(f"没有找到 {CHROMIUM}：请用 make slides（会自动安装 Debian 的 chromium）。")
    out = site / "screen" / "slides"
    shutil.rmtree(out, ignore_errors=True)  # slides of items that are gone must not linger
    with serve(site) as base_url, ThreadPoolExecutor(len(SIZES)) as pool:
        # One browser per orientation, side by side: encoding PNGs is most of the time.
        counts = dict(zip(SIZES, pool.map(lambda o: shoot(base_url, out, o), SIZES), strict=True))
    for orientation, count in counts.items():
        width, height = SIZES[orientation]
        print(f"{orientation}：{count} 张 {width}×{height} 图片，{project.display(out)}/{orientation}.zip")
