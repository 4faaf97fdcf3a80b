"""Pagefind behind Material's search box, on a phone: nothing of the index before the reader searches,
a light first query, party terms found whole."""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.tools.browser import serve
from tests.helpers import SAMPLE, make_project, run

from .conftest import TIMEOUT_MS, is_local
from .test_mobile import all_result_pages, open_search, result_pages, search, visit
from .test_xss import xss_site, xss_url  # noqa: F401 (fixtures: the site built from the payload fixture)

pytestmark = pytest.mark.browser

SEARCH_REQUEST = re.compile(r"/pagefind/|/search/search_index\.json|/workers/search\.")
BUDGET = 300_000  # bytes, gzipped: the budget before the first result, at 5,000 items as here
ITEM_PAGE = "cases/wtxx-hongse-dushu/"
MID_SENTENCE = "薪火相传小讲堂"  # in the body of a lesson, not of this case
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)


def transfer_size(site: Path, url: str) -> int:
    """What the file costs a phone: gzipped by the server (level 6), or as it is when that is smaller (Pagefind's
    index files are gzipped already)."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return 0
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, 6)))


def article_text(page: Path) -> str:
    match = ARTICLE.search(page.read_text(encoding="utf-8"))
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))) if match else ""


def test_first_visit_loads_nothing_of_the_index(page: Page, base_url: str, built_site: Path, requests_seen: list[str]):
    visit(page, base_url + ITEM_PAGE, settle=True)
    assert not [url for url in requests_seen if "/pagefind/" in url], requests_seen
    assert any("/workers/search." in url for url in requests_seen), requests_seen  # the worker waits for a query
    assert transfer_size(built_site, base_url + "search/search_index.json") < 1_000  # settings, no documents
    worker = next(url for url in requests_seen if "/workers/search." in url)
    assert transfer_size(built_site, worker) < 5_000


def test_a_first_query_downloads_little(page: Page, base_url: str, built_site: Path, requests_seen: list[str]):
    visit(page, base_url + ITEM_PAGE, settle=True)
    loaded = len(requests_seen)
    open_search(page)
    assert "/micro-lessons/hxcz-hongse-yike/" in search(page, MID_SENTENCE)
    searched = [url for url in requests_seen[:loaded] if SEARCH_REQUEST.search(url)] + requests_seen[loaded:]
    assert any(re.search(r"/pagefind/[^/]+/pagefind\.js$", url) for url in searched), searched
    assert any(url.endswith(".pf_fragment") for url in searched), searched
    total = sum(transfer_size(built_site, url) for url in searched)
    print(f"\nsearch payload before the first result: {total} bytes gzipped in {len(searched)} requests")
    assert total < BUDGET, f"{total} bytes before the first result: {searched}"


def settle(page: Page, count: int) -> None:
    """Wait for the list of `count` results: the worker sends the first ten, then the others (up to 50)."""
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(rf"(^|\D){count} 个"), timeout=TIMEOUT_MS)


def holding(site: Path, term: str) -> set[str]:
    """URL paths of the indexed pages (items and the guide's pages) whose article holds the term."""
    pages = [p for s in ("cases", "micro-lessons", "materials") for p in (site / s).glob("*/index.html")]
    pages = [p for p in pages if 'class="item-meta' in p.read_text(encoding="utf-8")] + sorted(
        (site / "guide").rglob("index.html")
    )
    return {"/" + p.parent.relative_to(site).as_posix() + "/" for p in pages if term in article_text(p)}


@pytest.mark.parametrize("term", ["三会一课", "师德师风"])
def test_a_party_term_finds_every_page_holding_it(page: Page, base_url: str, built_site: Path, term: str):
    expected = holding(built_site, term)
    assert len(expected) >= 3, expected
    visit(page, base_url)
    open_search(page)
    search(page, term)
    settle(page, len(expected))
    assert set(all_result_pages(page)) == expected
    # Every result holds the whole term: Material lists no missing word under any of them.
    assert page.locator(".md-search-result__terms").count() == 0
    marks = page.eval_on_selector_all(".md-search-result__item mark", "ms => ms.map(m => m.textContent)")
    assert marks and set(marks) == {term}, marks


def test_only_the_last_of_fast_queries_is_answered(page: Page, base_url: str, built_site: Path):
    visit(page, base_url)
    open_search(page)
    box = page.locator(".md-search__input")
    for word in ("三", "三会", "三会一", "三会一课"):  # typed fast: the answers to the first ones come too late
        box.fill(word)
        box.press("End")
    expected = holding(built_site, "三会一课")
    settle(page, len(expected))
    page.wait_for_timeout(1_000)  # an answer to 三 or 三会 would come now, if any came
    assert set(all_result_pages(page)) == expected


def test_results_show_hostile_text_as_text(browser: Browser, xss_site: Path, xss_url: str):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    page = context.new_page()
    try:
        visit(page, xss_url)
        open_search(page)
        for word in ("XSS", "script", "onerror"):
            search(page, word)
            assert page.locator(".md-search-result__item").count() >= 1, word
            items = page.locator(".md-search-result__list")
            assert items.locator("script, img, svg, iframe").count() == 0, items.inner_html()
            assert "<script>" in items.inner_text() or word != "script", items.inner_text()
        assert page.evaluate("window.__xss || null") is None
    finally:
        context.close()


IN_TWO_YEARS = "琥珀蜻蜓灯"  # fictional phrases added to the cases of the site below
ONLY_IN_2016 = "梧桐落叶册"
NEWER_CASE, OLDER_CASE = "jingshi-jieri-lijin", "jgzb-han-louzu"


@pytest.fixture(scope="module")
def years_site(tmp_path_factory) -> Iterator[str]:
    """The sample with one case moved to 2016: its year is a shard of its own, merged in after the first shards
    (the materials and the guide, the newest year) have answered. Served; yields the address."""
    root = make_project(tmp_path_factory.mktemp("years") / "project", SAMPLE)
    cases = root / "content" / "cases"
    moved = cases / "2017" / f"{OLDER_CASE}.md"
    older = cases / "2016" / moved.name
    older.parent.mkdir()
    text = re.sub(r"^date: 2017", "date: 2016", moved.read_text("utf-8"), count=1, flags=re.M)
    older.write_text(f"{text.rstrip()}\n\n支部做了{IN_TWO_YEARS}，还编了{ONLY_IN_2016}。\n", encoding="utf-8")
    moved.unlink()
    newer = cases / "2017" / f"{NEWER_CASE}.md"
    newer.write_text(f"{newer.read_text('utf-8').rstrip()}\n\n支部也做了{IN_TWO_YEARS}。\n", encoding="utf-8")
    done = run(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    manifest = json.loads((root / "site" / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    assert manifest == {"shards": ["site", "2017", "2016"], "first": 2}
    with serve(root / "site") as url:
        yield url


def test_an_older_year_is_searched_too(browser: Browser, years_site: str) -> None:
    """A word found only in an older year's shard is found (the first shards have nothing: the others are merged
    at once); a word in two years shows the newer case first and both once the older year is merged."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        visit(page, years_site)
        open_search(page)
        assert search(page, ONLY_IN_2016) == [f"/cases/{OLDER_CASE}/"]
        fresh = context.new_page()  # a new search worker: nothing merged yet
        visit(fresh, years_site)
        open_search(fresh)
        assert f"/cases/{NEWER_CASE}/" in search(fresh, IN_TWO_YEARS)
        expect(fresh.locator(".md-search-result__item")).to_have_count(2)
        assert sorted(result_pages(fresh)) == sorted([f"/cases/{NEWER_CASE}/", f"/cases/{OLDER_CASE}/"])
    finally:
        context.close()
