"""A phone's first visit to an item page: every stylesheet, script and theme image it loads has a content
hash in its name, so a repeat visit takes them from the cache, and it downloads no sitemap.xml, a file that grows
with the site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from .test_mobile import visit
from .test_search_engine import ITEM_PAGE

pytestmark = pytest.mark.browser

HASHED = re.compile(r"\.[0-9a-f]{8,}(?:\.min)?\.[a-z0-9]+$")
THEME_FILE = re.compile(r"\.(?:css|js|png|ico|svg)$")
# Our search worker has Material's hashed name, not its own hash: nginx revalidates it (deploy/nginx.conf).
SEARCH_WORKER = re.compile(r"^/assets/javascripts/workers/search\.")


def test_first_visit_to_an_item_page_loads_only_hashed_assets(
    page: Page, base_url: str, requests_seen: list[str]
) -> None:
    visit(page, base_url + ITEM_PAGE, settle=True)
    paths = [urlsplit(url).path for url in requests_seen]
    assert "/sitemap.xml" not in paths, paths
    # Photos (/media/) keep their contributors' names; everything else of the theme is hashed, favicon included.
    files = [p for p in paths if THEME_FILE.search(p) and not p.startswith("/media/") and not SEARCH_WORKER.search(p)]
    assert any(p.startswith("/assets/stylesheets/site.") for p in files), files  # our stylesheet is among them
    assert any(p.startswith("/assets/images/favicon.") for p in files), files
    unhashed = [p for p in files if not HASHED.search(p)]
    assert not unhashed, f"loaded without a content hash in the name: {unhashed}"


def test_a_browser_without_resize_observer_loads_our_hashed_polyfill(
    page: Page, base_url: str, requests_seen: list[str]
) -> None:
    """Old WebViews lack ResizeObserver: the loader adds our copy before Material's bundle would fetch one from
    unpkg.com (the page fixture fails on any request that leaves 127.0.0.1)."""
    page.add_init_script("delete window.ResizeObserver;")
    visit(page, base_url + ITEM_PAGE, settle=True)
    polyfills = [urlsplit(url).path for url in requests_seen if "/resize-observer-polyfill." in url]
    assert len(polyfills) == 1 and HASHED.search(polyfills[0]), requests_seen
    assert page.evaluate("typeof ResizeObserver") == "function"
