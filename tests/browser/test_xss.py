"""A site built from a fixture full of XSS payloads: no payload runs on any page it produced."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from build_tools.tools.browser import serve
from tests.helpers import FIXTURES, make_project, run

from .conftest import is_local

# After load: what a payload would leave behind if it had run or had been injected as markup.
TRACES_JS = """() => ({
  ran: window.__xss || null,
  handlers: [...document.querySelectorAll("*")].flatMap(el =>
    [...el.attributes].filter(a => a.name.startsWith("on")).map(a => el.tagName + " " + a.name)),
  // Data blocks (<script type="application/json">) hold payloads as inert text; code must not.
  scripts: [...document.scripts].filter(s => (!s.type || /javascript|module/i.test(s.type))
    && s.textContent.includes("__xss")).length,
  frames: document.querySelectorAll("iframe, object, embed").length,
  javascriptLinks: [...document.querySelectorAll("a[href]")].filter(a => /^\\s*javascript:/i.test(a.getAttribute("href"))).length,
})"""


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("xss") / "project", overlay=FIXTURES / "xss" / "content")
    done = run(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def xss_url(xss_site: Path) -> Iterator[str]:
    with serve(xss_site) as url:
        yield url


@pytest.mark.browser
def test_no_payload_runs_on_any_page(browser: Browser, xss_site: Path, xss_url: str) -> None:
    # Every page that carries a payload: each payload names window.__xss, so a page without "xss" has none to run.
    every = sorted(p.relative_to(xss_site).as_posix() for p in xss_site.rglob("*.html"))
    pages = [p for p in every if "xss" in (xss_site / p).read_text(encoding="utf-8").lower()]
    assert len(every) > 50 and len(pages) > 30 and "cases/ceshi-ztdr/index.html" in pages
    context = browser.new_context(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = {}
    for path in pages:
        page.goto(xss_url + path, wait_until="load")
        page.mouse.move(195, 300)  # hover payloads (onmouseover) would fire here
        traces = page.evaluate(TRACES_JS)
        if traces["ran"] or traces["handlers"] or traces["scripts"] or traces["frames"] or traces["javascriptLinks"]:
            found[path] = traces
    context.close()
    assert not found, found
    assert not dialogs
    outside = [url for url in requests if not is_local(url)]
    assert requests and not outside, outside


def test_payloads_are_shown_as_text(xss_site: Path) -> None:
    html = (xss_site / "cases/ceshi-ztdr/index.html").read_text(encoding="utf-8")
    assert "<title>XSS&lt;/title&gt;&lt;script&gt;" in html
    assert "&lt;img src=x onerror=" in html  # the summary, visible as text
    feed = (xss_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in feed and "&lt;script&gt;" in feed
