"""The sample site on a 390 px phone in WeChat: layout, Chinese search, drafts kept out, no outside requests."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.helpers import EPOCH as SOURCE_DATE_EPOCH
from tests.helpers import SAMPLE

from .conftest import LOCAL_HOST, TIMEOUT_MS, is_local

pytestmark = pytest.mark.browser

SITE_NAME = "两学一做学习园地"
PHONE_WIDTH = 390
SEARCH_PLACEHOLDER = "键入以开始搜索"  # Material's zh text for an empty query
SEARCH_NONE = "没有找到"  # … and for a query without results
BUILD_DATE = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.UTC).date()
LISTING_DIRS = {"page", "type", "category", "topic", "format"}  # sub-listings, not item pages

URL_PREFIX = {
    "cases": "cases",
    "micro_lessons": "micro-lessons",
    "materials": "materials",
}  # content folder → URL section

# A word from the middle of a sentence of an item's body → the page search must find.
MID_SENTENCE_WORDS = [
    ("攀登者读书角", "cases", "wtxx-hongse-dushu"),
    ("薪火相传小讲堂", "micro_lessons", "hxcz-hongse-yike"),
    # Party vocabulary the index keeps whole (build_tools/search/terms.txt); this case has it in its body, not its title.
    ("师德师风", "cases", "jingshi-youchang-buke"),
    # A study material, found by a phrase from the middle of its body.
    ("学习卡片第七问", "materials", "sijiang-siyou-xuexi-kapian"),
]
POSITIVE_WORD, _POSITIVE_KIND, _POSITIVE_SLUG = MID_SENTENCE_WORDS[0]
POSITIVE_PATH = f"{URL_PREFIX[_POSITIVE_KIND]}/{_POSITIVE_SLUG}/"
# Words that appear only in a draft case and in a case scheduled for 2027.
UNPUBLISHED_WORDS = ["草稿专用词汇甲", "未来专用词汇乙"]

# The URL paths of the pages Pagefind's index (the one the search box uses) returns for a word, searched as the
# pairs of characters it is indexed by (build_tools/search/tokens.py), with the text each page is indexed with.
PAGEFIND_SEARCH_JS = """async ([base, word]) => {
  const { shards } = await (await fetch(base + "pagefind/shards.json")).json();
  const pagefind = await import(`${base}pagefind/${shards[0]}/pagefind.js`);
  await pagefind.options({ noWorker: true }); // the site ships no Pagefind worker: its own worker loads pagefind.js
  for (const shard of shards.slice(1)) await pagefind.mergeIndex(`${base}pagefind/${shard}/`);
  const chars = [...word];
  const pairs = chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
  const found = await pagefind.search(pairs.join(" "));
  const pages = await Promise.all(found.results.map(result => result.data()));
  return pages.map(page => [page.raw_url, page.content]);
}"""
# Material samples the list's scroll position once per animation frame, so a frame must pass at the top.
SCROLL_TOP_THEN_END_JS = """async el => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  el.scrollTop = 0;
  el.dispatchEvent(new Event("scroll"));
  await frame();
  el.scrollTop = el.scrollHeight;
  el.dispatchEvent(new Event("scroll"));
}"""
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.DOTALL)
SENTENCE_BREAK = set("。！？；：\n#*“”「」（）() ")


def read_source(kind: str, slug: str) -> tuple[dict, str]:
    """Front matter and body of content/<kind>/<year>/<slug>.md."""
    [path] = (SAMPLE / kind).rglob(f"{slug}.md")
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    match = FRONT_MATTER.match(text)
    assert match, f"{path}: no front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


def published_cases() -> list[tuple[dt.date, str]]:
    """(date, slug) of every case the build publishes: not a draft, not dated after the build date."""
    cases = []
    for path in (SAMPLE / "cases").glob("*/*.md"):
        meta, _ = read_source("cases", path.stem)
        date = dt.date.fromisoformat(str(meta["date"]))
        if not meta.get("draft") and date <= BUILD_DATE:
            cases.append((date, path.stem))
    return sorted(cases, reverse=True)


def item_dirs(site: Path, section: str) -> list[Path]:
    return sorted(p.parent for p in (site / section).glob("*/index.html") if p.parent.name not in LISTING_DIRS)


@pytest.fixture(scope="session")
def case_slug(built_site: Path) -> str:
    """The first case linked from the /cases/ listing."""
    html = (built_site / "cases" / "index.html").read_text(encoding="utf-8")
    known = {p.name for p in item_dirs(built_site, "cases")}
    linked = [slug for slug in re.findall(r'href="(?:\.\./)*(?:cases/)?([a-z0-9-]+)/"', html) if slug in known]
    assert linked, "the /cases/ listing links to no case page"
    return linked[0]


@pytest.fixture(scope="session")
def video_lesson_slug(built_site: Path) -> str:
    """The first lesson page that has a <video> player."""
    for folder in item_dirs(built_site, "micro-lessons"):
        if "<video" in (folder / "index.html").read_text(encoding="utf-8"):
            return folder.name
    pytest.fail("no lesson page has a <video>")


def visit(page: Page, url: str, settle: bool = False) -> None:
    """Open a page; `settle`: also wait until nothing has been requested for 0.5 s, for tests about requests."""
    page.goto(url, wait_until="load")
    if settle:
        page.wait_for_load_state("networkidle")


def assert_no_horizontal_scroll(page: Page) -> None:
    """Nothing is wider than the 390 px phone. A mobile browser zooms out to fit wide content, which widens
    innerWidth too, so both widths are compared with the device width, not just with each other."""
    widths = page.evaluate(
        """width => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          tooWide: [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > width + 0.5)
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : "")),
        })""",
        PHONE_WIDTH,
    )
    assert widths["innerWidth"] == PHONE_WIDTH, f"{page.url} is wider than the phone: {widths}"
    assert widths["scrollWidth"] <= widths["innerWidth"], f"{page.url} scrolls sideways: {widths}"


def h1_text(page: Page) -> str:
    """The page's <h1> without the permalink anchor the toc extension appends."""
    return page.evaluate(
        "() => { const h = document.querySelector('.md-content h1').cloneNode(true);"
        " h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }"
    )


# Material opens search on a phone with a circle that grows over the page for 0.4 s and then locks the page's
# scroll; until then the layout is wider than the phone, so a reader (and a test) sees the search once it settles.
SEARCH_SETTLED_JS = """() => document.getAnimations().length === 0
  && (innerWidth >= 960 || document.body.hasAttribute("data-md-scrolllock"))"""


def open_search(page: Page) -> None:
    page.locator('label.md-header__button[for="__search"]').click()
    page.locator(".md-search__input").wait_for(state="visible")
    page.wait_for_function(SEARCH_SETTLED_JS, timeout=TIMEOUT_MS)


def search(page: Page, word: str) -> list[str]:
    """Type a query into Material's search box (Material reacts to keyup, hence End) and return the paths of the
    result pages on screen, best first. The box is emptied first so the results can never be the previous query's."""
    box = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.fill("")
    box.press("End")
    expect(meta).to_have_text(SEARCH_PLACEHOLDER, timeout=TIMEOUT_MS)
    box.fill(word)
    box.press("End")
    expect(meta).not_to_have_text(SEARCH_PLACEHOLDER, timeout=TIMEOUT_MS)
    if result_count(page):
        page.locator(".md-search-result__item").first.wait_for()
    return result_pages(page)


def result_count(page: Page) -> int:
    """The number of matching pages, as Material's result line says (没有找到… / 找到 1 个… / 25 个…)."""
    text = page.locator(".md-search-result__meta").inner_text()
    if SEARCH_NONE in text:
        return 0
    match = re.search(r"(\d+)\s*个", text)
    assert match, f"unexpected search result line: {text!r}"
    return int(match.group(1))


def result_pages(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(li => new URL(li.querySelector('a').href).pathname)"
    )


def all_result_pages(page: Page) -> list[str]:
    """Every result page. Material renders ten, then four more each time the list newly reaches its end, so the
    list is scrolled to the top and back to the end until all are there."""
    total = result_count(page)
    shown = len(result_pages(page))
    while shown < total:
        page.locator(".md-search__scrollwrap").evaluate(SCROLL_TOP_THEN_END_JS)
        page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown)
        shown = len(result_pages(page))
    return result_pages(page)


def assert_search_finds(page: Page, word: str, path: str) -> None:
    """Searching word lists the page at path among the results on screen, without scrolling."""
    shown = search(page, word)
    if f"/{path}" in shown:
        return
    everything = all_result_pages(page)
    where = (
        f"it is result {everything.index(f'/{path}') + 1} of {len(everything)}"
        if f"/{path}" in everything
        else f"it is not among all {len(everything)} results"
    )
    pytest.fail(f"searching {word} does not show /{path} among the first {len(shown)} results; {where}: {everything}")


# --- 1. layout and content at 390 px ---------------------------------------------------------------


def test_home_fits_and_links_latest_cases(page: Page, base_url: str) -> None:
    visit(page, base_url)
    assert_no_horizontal_scroll(page)
    assert page.title() == SITE_NAME or page.title().endswith(f" - {SITE_NAME}"), page.title()
    links = page.eval_on_selector_all(".md-content a[href]", "as => as.map(a => new URL(a.href).pathname)")
    latest = [slug for _, slug in published_cases()[:3]]
    assert len(latest) == 3, latest
    for slug in latest:
        assert f"/cases/{slug}/" in links, f"home page does not link the latest case {slug}: {links}"


def test_cases_listing_fits(page: Page, base_url: str, case_slug: str) -> None:
    visit(page, f"{base_url}cases/")
    assert_no_horizontal_scroll(page)
    assert page.locator(f'.md-content a[href$="{case_slug}/"]').count() >= 1


def test_case_page_fits_and_shows_metadata(page: Page, base_url: str, case_slug: str) -> None:
    visit(page, f"{base_url}cases/{case_slug}/")
    assert_no_horizontal_scroll(page)
    assert page.locator(".md-content h1").count() == 1
    meta = page.locator(".md-content .item-meta")
    assert meta.count() == 1 and meta.is_visible()
    assert meta.inner_text().strip(), "the .item-meta block is empty"
    title = page.evaluate("document.title")
    heading = h1_text(page)
    assert heading, "empty <h1>"
    assert title.startswith(heading), f"<title> {title!r} does not start with the <h1> {heading!r}"
    assert title.endswith(f" - {SITE_NAME}"), title


def test_lesson_page_fits_and_plays_inline(page: Page, base_url: str, video_lesson_slug: str) -> None:
    visit(page, f"{base_url}micro-lessons/{video_lesson_slug}/")
    assert_no_horizontal_scroll(page)
    assert page.locator(".md-content .item-meta").count() == 1
    video = page.locator(".md-content video")
    assert video.count() == 1
    assert video.get_attribute("preload") == "none"
    for name in ("playsinline", "webkit-playsinline", "x5-playsinline"):
        assert video.get_attribute(name) is not None, f"<video> lacks {name}"
    assert video.bounding_box()["width"] <= PHONE_WIDTH
    assert page.evaluate("document.title").endswith(f" - {SITE_NAME}")


# --- 2. Chinese search finds words from the middle of a sentence ----------------------------------


@pytest.mark.parametrize(("word", "kind", "slug"), MID_SENTENCE_WORDS, ids=[w for w, _, _ in MID_SENTENCE_WORDS])
def test_search_finds_mid_sentence_word(page: Page, base_url: str, word: str, kind: str, slug: str) -> None:
    meta, body = read_source(kind, slug)
    assert word not in str(meta["title"]), f"{slug}: {word} is in the title; pick a body-only word"
    start = body.find(word)
    assert start > 0, f"{slug}: {word} is not in the body"
    before, after = body[start - 1], body[start + len(word) : start + len(word) + 1]
    assert before not in SENTENCE_BREAK and after not in SENTENCE_BREAK, f"{slug}: {word} is not mid-sentence"

    path = f"{URL_PREFIX[kind]}/{slug}/"
    visit(page, base_url)
    open_search(page)
    assert_search_finds(page, word, path)


# --- 3. drafts and scheduled items are not searchable -----------------------------------------------


def unpublished_source(word: str) -> str:
    """The URL path of the one draft or scheduled case whose body holds word (checked against its front matter)."""
    holders = [p for p in (SAMPLE / "cases").glob("*/*.md") if word in p.read_text(encoding="utf-8-sig")]
    assert len(holders) == 1, f"{word} should be in exactly one case file: {holders}"
    meta, _ = read_source("cases", holders[0].stem)
    date = dt.date.fromisoformat(str(meta["date"]))
    assert meta.get("draft") or date > BUILD_DATE, f"{holders[0]} is neither a draft nor scheduled"
    return f"cases/{holders[0].stem}/"


def test_search_never_shows_drafts_or_future_items(page: Page, base_url: str) -> None:
    visit(page, base_url)
    open_search(page)
    assert_search_finds(page, POSITIVE_WORD, POSITIVE_PATH)  # search works here, so no result below means none
    hidden = {word: unpublished_source(word) for word in UNPUBLISHED_WORDS}
    for word, hidden_path in hidden.items():
        search(page, word)
        pages = all_result_pages(page)
        # Material ORs the sub-words of a query that the index knows (草稿, 未来 …), so pages that legitimately
        # contain those may be listed as partial matches; the unpublished item itself never may.
        assert f"/{hidden_path}" not in pages, f"searching {word} shows /{hidden_path}: {pages}"

    # The index the browser searches holds the published word but none of the unpublished ones.
    found = page.evaluate(PAGEFIND_SEARCH_JS, [base_url, POSITIVE_WORD])
    assert f"/{POSITIVE_PATH}" in [url for url, _ in found], found
    for word, hidden_path in hidden.items():
        found = page.evaluate(PAGEFIND_SEARCH_JS, [base_url, word])
        assert f"/{hidden_path}" not in [url for url, _ in found], f"/{hidden_path} is in Pagefind's index"
        pairs = " ".join(word[i : i + 2] for i in range(len(word) - 1))
        assert not any(pairs in text for _, text in found), f"{word} (from /{hidden_path}) is in Pagefind's index"
        assert page.goto(f"{base_url}{hidden_path}").status == 404, f"/{hidden_path} is published"


# --- 4. nothing is fetched from outside 127.0.0.1 -------------------------------------------------


def test_visits_request_only_the_local_server(
    page: Page, base_url: str, case_slug: str, requests_seen: list[str]
) -> None:
    visit(page, base_url, settle=True)
    visit(page, f"{base_url}cases/{case_slug}/", settle=True)
    open_search(page)
    assert_search_finds(page, POSITIVE_WORD, POSITIVE_PATH)
    assert any(url.endswith("/search/search_index.json") for url in requests_seen), requests_seen
    assert any("/pagefind/" in url for url in requests_seen), requests_seen  # the search box's index
    assert any("/assets/javascripts/" in url for url in requests_seen), requests_seen
    outside = [url for url in requests_seen if not is_local(url)]
    assert not outside, f"requests left {LOCAL_HOST}:\n" + "\n".join(outside)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["plans/2017/2017-10/", "plans/2017/", "dashboard/", "units/flexx/"])
def test_plan_pages_fit_the_phone(page: Page, base_url: str, path: str) -> None:
    visit(page, base_url + path)
    assert_no_horizontal_scroll(page)
    if path != "plans/2017/2017-10/":
        # Wide tables scroll inside their own box instead of the page.
        boxes = page.eval_on_selector_all(
            ".table-scroll", "els => els.map(e => [e.scrollWidth > e.clientWidth, getComputedStyle(e).overflowX])"
        )
        assert boxes and all(style == "auto" for _, style in boxes)


@pytest.mark.browser
def test_dashboard_sorts_by_a_column(page: Page, base_url: str) -> None:
    visit(page, base_url + "dashboard/")

    def column(index: int) -> list[str]:
        return page.eval_on_selector_all(
            "table.sortable tbody tr", f"rows => rows.map(r => r.children[{index}].getAttribute('data-sort'))"
        )

    page.click("table.sortable th:nth-child(4)")
    ratios = [float(v) for v in column(3)]
    assert ratios == sorted(ratios, reverse=True) and ratios[0] > 0
    page.click("table.sortable th:nth-child(4)")
    assert [float(v) for v in column(3)] == sorted(ratios)
