"""The sample served by Debian's nginx with deploy/nginx.conf, in chromium: pages and search work under the
Content-Security-Policy (no violation, no console error about it) and no request leaves 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page

from tests.test_deploy import nginx_serving

from .test_mobile import POSITIVE_PATH, POSITIVE_WORD, assert_search_finds, open_search, visit

pytestmark = pytest.mark.browser

# Recorded before any script of the page runs (an init script is not subject to the page's CSP).
RECORD_VIOLATIONS_JS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""

BROKEN_IMAGES_JS = "imgs => imgs.filter(i => i.complete && !i.naturalWidth).map(i => i.src)"


@pytest.fixture(scope="module")
def nginx_url(built_site: Path, tmp_path_factory) -> Iterator[str]:
    with nginx_serving(built_site, tmp_path_factory.mktemp("nginx-browser")) as url:
        yield url


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} [{message.location.get('url', '')}]")

    page.on("console", record)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.add_init_script(RECORD_VIOLATIONS_JS)
    return errors


def first_item(site: Path, section: str, needle: str = "") -> str:
    for page in sorted((site / section).glob("*/index.html")):
        listing = page.parent.name in {"page", "type", "category", "topic", "format", "tag"}
        if not listing and needle in page.read_text(encoding="utf-8"):
            return f"{section}/{page.parent.name}/"
    pytest.fail(f"no page under /{section}/ with {needle!r}")


def assert_no_csp_trouble(page: Page, errors: list[str], where: str) -> None:
    """No CSP violation and no console error, except the 404 status of a missing page's own document."""
    errors[:] = [e for e in errors if not (e.startswith("Failed to load resource") and e.endswith(f"[{page.url}]"))]
    violations = page.evaluate("window.__cspViolations || []")
    assert not violations, f"{where}: CSP violations:\n" + "\n".join(violations)
    csp_errors = [e for e in errors if re.search(r"Content Security Policy|Refused to", e)]
    assert not csp_errors, f"{where}: console errors about CSP:\n" + "\n".join(csp_errors)
    assert not errors, f"{where}: console errors:\n" + "\n".join(errors)


def test_pages_load_under_the_csp(page: Page, nginx_url: str, built_site: Path, console_errors: list[str]) -> None:
    paths = [
        "",
        first_item(built_site, "cases", "<img"),
        first_item(built_site, "micro-lessons", "<video"),
        "plans/2017/",
        "no-such-page/",
    ]
    for path in paths:
        visit(page, nginx_url + path, settle=True)
        assert_no_csp_trouble(page, console_errors, path or "home")
        assert page.title().endswith("两学一做学习园地"), path
        # Material's bundle ran: it sets up the header and the search (it needs the inline __md_* helpers).
        page.wait_for_function("() => typeof window.__md_get === 'function' && !!document.querySelector('.md-search')")
        # Lazy images below the fold are not loaded yet; a loaded one with no width is broken (or blocked).
        broken = page.eval_on_selector_all("img", BROKEN_IMAGES_JS)
        assert not broken, f"{path}: images did not load: {broken}"
        assert_no_csp_trouble(page, console_errors, path or "home")


def test_search_works_under_the_csp(
    page: Page, nginx_url: str, console_errors: list[str], requests_seen: list[str]
) -> None:
    visit(page, nginx_url, settle=True)
    open_search(page)
    assert_search_finds(page, POSITIVE_WORD, POSITIVE_PATH)
    assert any("/assets/javascripts/workers/" in url for url in requests_seen), requests_seen
    assert_no_csp_trouble(page, console_errors, "search")
    # The `page` fixture fails at teardown if any request left 127.0.0.1.


def test_screen_and_poster_load_under_the_csp(
    page: Page, nginx_url: str, built_site: Path, console_errors: list[str]
) -> None:
    visit(page, nginx_url + "screen/", settle=True)
    page.wait_for_selector("html[data-ready]")  # the kiosk script ran and showed its first slide
    assert_no_csp_trouble(page, console_errors, "screen/")
    [poster] = sorted(built_site.glob("poster/cases/*/index.html"))[:1]
    path = poster.parent.relative_to(built_site).as_posix() + "/"
    visit(page, nginx_url + path, settle=True)
    assert page.locator("h1.title").inner_text().strip(), path
    assert page.locator("svg.qr").count() == 1, path
    assert_no_csp_trouble(page, console_errors, path)
