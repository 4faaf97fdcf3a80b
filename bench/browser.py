"""What a phone downloads: site/ served on 127.0.0.1 by a logging http.server thread, loaded in Debian chromium
through playwright (never `playwright install`). The server logs every request, the search worker's included,
and the transfer size of each is its file gzipped here (level 6, as a server with gzip on would send it),
or the raw file when that is smaller (images, fonts, pagefind's pre-compressed fragments)."""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from build_tools.tools.browser import CHROMIUM, CHROMIUM_ARGS

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Mobile/15E148 MicroMessenger/8.0.49(0x18003129) NetType/WIFI Language/zh_CN"
    ),
}
THROTTLE = 4
HASHED = re.compile(r"[.-][0-9a-f]{8,}(\.min)?\.[a-z0-9]+$")  # main.<hash>.min.js, *.pf_fragment names …
# A first result is on screen, or Material says that nothing matched (没有找到): either ends the wait.
SETTLED_JS = """() => document.querySelector(".md-search-result__item") ||
  /没有/.test(document.querySelector(".md-search-result__meta")?.textContent || "")"""
SEARCH_PATH = re.compile(r"(^|/)(search|pagefind|_pagefind)(/|[._-])|workers/search", re.I)


class Server:
    """site/ on a free port of 127.0.0.1; `log` lists (time, path) of every request answered."""

    def __init__(self, root: Path):
        self.root = root
        self.log: list[tuple[float, str]] = []
        outer = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def send_head(self):
                outer.log.append((time.perf_counter(), unquote(urlsplit(self.path).path)))
                return super().send_head()

        handler = functools.partial(Handler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def file(self, path: str) -> Path | None:
        target = self.root / path.lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None


@functools.lru_cache(maxsize=4096)
def transfer_size(path: Path) -> int:
    raw = path.read_bytes()
    return min(len(raw), len(gzip.compress(raw, 6)))


def category(path: str) -> str:
    suffix = Path(path).suffix.lower() or ".html"
    if SEARCH_PATH.search(path):
        return "search"
    for name, suffixes in (
        ("html", (".html",)),
        ("css", (".css",)),
        ("js", (".js", ".mjs", ".wasm")),
        ("fonts", (".woff", ".woff2", ".ttf", ".otf")),
        ("images", (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico")),
    ):
        if suffix in suffixes:
            return name
    return "other"


def account(server: Server, entries: list[tuple[float, str]]) -> dict:
    """Transfer bytes by category, and the paths of non-HTML assets whose names carry no content hash."""
    sizes: dict[str, int] = {}
    unhashed = set()
    for _, path in entries:
        target = server.file(path)
        if target is None:
            continue
        kind = category(path)
        sizes[kind] = sizes.get(kind, 0) + transfer_size(target)
        if kind not in ("html", "search") and not HASHED.search(target.name):
            unhashed.add(path)
    sizes["total"] = sum(sizes.values())
    sizes["before_images"] = sizes["total"] - sizes.get("images", 0)
    return {"bytes": sizes, "requests": len(entries), "unhashed": sorted(unhashed)}


def _context(browser):
    context = browser.new_context(**PHONE)
    context.set_default_timeout(60_000)
    context.route(lambda url: urlsplit(url).hostname not in (None, "127.0.0.1"), lambda route: route.abort())
    return context


def first_visit(browser, server: Server, page_path: str) -> dict:
    """A fresh phone opens an item page and waits until the network is quiet: everything fetched counts."""
    context = _context(browser)
    try:
        start = len(server.log)
        context.new_page().goto(server.url + page_path, wait_until="networkidle", timeout=120_000)
        time.sleep(0.5)
        return account(server, server.log[start:])
    finally:
        context.close()


def search(browser, server: Server, page_path: str, query: str, expected: set[str], timeout_s: float) -> dict:
    """4× CPU throttling from the start; open the item page, wait for `load`, open the search box, type the query
    and time until the first `.md-search-result__item` shows. The payload is every search request from the page
    load on (index, worker, fragments) plus whatever was fetched after typing began, up to the first result (read
    every 50 ms); `after_bytes`: what the worker went on to fetch in the next 0.3 s (the other shards, merged
    behind the first results)."""
    context = _context(browser)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
        start = len(server.log)
        page.goto(server.url + page_path, wait_until="load", timeout=120_000)
        page.locator('label.md-header__button[for="__search"]').click()
        box = page.locator(".md-search__input")
        box.wait_for(state="visible")
        typed_at = time.perf_counter()
        box.fill(query)
        box.press("End")
        try:
            page.wait_for_function(SETTLED_JS, timeout=timeout_s * 1000, polling=50)
            shown_at = time.perf_counter()
            seconds: float | None = shown_at - typed_at
        except Exception:  # playwright's TimeoutError: reported as "no result in time"
            seconds, shown_at = None, time.perf_counter()
        if not page.locator(".md-search-result__item").count():
            seconds = None  # "no match" is no result
        results = page.eval_on_selector_all(
            ".md-search-result__item a", "links => links.map(a => new URL(a.href).pathname)"
        )
        time.sleep(0.3)
        entries = [e for e in server.log[start:] if SEARCH_PATH.search(e[1]) or e[0] >= typed_at]
        found = account(server, [e for e in entries if e[0] <= shown_at])
        found.update(
            after_bytes=account(server, [e for e in entries if e[0] > shown_at])["bytes"]["total"],
            seconds=seconds,
            results=len(results),
            first_expected=bool(results) and results[0] in expected,
            any_expected=any(r in expected for r in results),
        )
        return found
    finally:
        context.close()


def measure(site: Path, page_path: str, query: str, expected: set[str], runs: int, timeout_s: float) -> dict:
    from playwright.sync_api import sync_playwright

    with Server(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            visits = [first_visit(browser, server, page_path) for _ in range(runs)]
            searches = [search(browser, server, page_path, query, expected, timeout_s) for _ in range(runs)]
            return {"version": browser.version, "visit": visits, "search": searches}
        finally:
            browser.close()
