"""Fixtures for the browser tests: a built copy of the sample site, a local server and Debian chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, sync_playwright

from build_tools.tools.browser import CHROMIUM, CHROMIUM_ARGS, serve
from build_tools.tools.browser import LOCAL as LOCAL_HOST

WECHAT_IPHONE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 MicroMessenger/8.0.49(0x18003129) NetType/WIFI Language/zh_CN"
)
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def built_site(sample_site: Path) -> Path:
    """The sample built once for the whole run by tests/conftest.py (SOURCE_DATE_EPOCH fixed there)."""
    assert (sample_site / "index.html").is_file(), f"no index.html in {sample_site}"
    return sample_site


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; ends with a slash."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine's test server (data: and blob: never leave the page)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == LOCAL_HOST


@pytest.fixture
def requests_seen() -> list[str]:
    """Every URL the page fixture's browser context requested, in order."""
    return []


@pytest.fixture
def page(browser: Browser, requests_seen: list[str]) -> Iterator[Page]:
    """A WeChat-on-iPhone page (390×844); at teardown, fails if any request left 127.0.0.1."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        user_agent=WECHAT_IPHONE_UA,
        locale="zh-CN",
    )
    context.set_default_timeout(TIMEOUT_MS)

    def record(request: Request) -> None:
        requests_seen.append(request.url)

    # The context sees the requests of its pages and of their workers (the search worker among them).
    context.on("request", record)
    # Record outside requests (above) but never let them reach the network: the run stays fast and offline.
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    try:
        yield context.new_page()
    finally:
        context.close()
    outside = [url for url in requests_seen if not is_local(url)]
    assert not outside, f"{len(outside)} request(s) left {LOCAL_HOST}:\n" + "\n".join(outside)
