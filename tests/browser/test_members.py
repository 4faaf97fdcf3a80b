"""The members' side on a 390 px phone: 大字模式 (one tap in the header, remembered, large enough, never wider than
the phone, following the system's font size) and 我的学习 (marks kept on the phone only, counted on the month plan,
copied as plain text)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import TIMEOUT_MS, WECHAT_IPHONE_UA
from .page_types import PAGE_TYPES, THEMED, existing
from .test_accessibility import LARGE_TEXT_JS
from .test_mobile import POSITIVE_WORD, assert_no_horizontal_scroll, open_search, search

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": WECHAT_IPHONE_UA,
}
LARGE_BODY_PX = 20
MONTH = "plans/2017/2017-03/"  # its activities link three study materials
TOGGLE = "[data-lx-large-toggle]"
MARK = ".study-mark__button"
# The size of the page's running text: of the paragraphs, list items and table cells of the article, the computed
# font size that carries the most characters.
BODY_PX_JS = """() => {
  const chars = new Map();
  for (const block of document.querySelectorAll(".md-content article :is(p, li, td)")) {
    const size = parseFloat(getComputedStyle(block).fontSize);
    chars.set(size, (chars.get(size) || 0) + block.textContent.trim().length);
  }
  return [...chars].sort((a, b) => b[1] - a[1])[0][0];
}"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="zh-CN", **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


def large_text_on(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.classList.contains('lx-large')")


def test_large_text_is_one_tap_and_stays_on_across_pages(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    page.goto(base_url + "cases/bjzx-cz-chen-nianjizu/")
    small = page.evaluate(BODY_PX_JS)
    assert not large_text_on(page) and small < LARGE_BODY_PX
    page.locator(TOGGLE).tap()
    assert large_text_on(page) and page.locator(TOGGLE).get_attribute("aria-pressed") == "true"
    assert page.evaluate(BODY_PX_JS) >= LARGE_BODY_PX
    page.locator('.item-meta a[href*="units/"]').click()  # the case's unit page
    page.wait_for_url(re.compile(r"/units/"))
    assert large_text_on(page) and page.locator(TOGGLE).get_attribute("aria-pressed") == "true"
    assert page.evaluate(BODY_PX_JS) >= LARGE_BODY_PX
    page.locator(TOGGLE).tap()  # and off again, also remembered
    page.goto(base_url)
    assert not large_text_on(page)


def test_large_text_fits_the_phone_on_every_page_type(phone: BrowserContext, base_url: str, built_site: Path) -> None:
    page = phone.new_page()
    page.goto(base_url)
    page.locator(TOGGLE).tap()
    sizes = {}
    for name in THEMED:
        page.goto(base_url + existing(built_site)[name])
        assert large_text_on(page), name
        assert_no_horizontal_scroll(page)
        sizes[name] = page.evaluate(BODY_PX_JS)
    assert min(sizes.values()) >= LARGE_BODY_PX, sizes


# Every table's wrapper drawn, with each box inside it that the browser draws only near the screen
# (content-visibility: auto) in turn not drawn yet, then everything drawn: the states a reader's browser may hold while
# scrolling. The wrappers wider inside than outside in any of them.
TABLE_WRAPPERS_SCROLLING_JS = """() => {
  const scrolling = [];
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((wrap, i) => {
    const later = [...wrap.querySelectorAll("*")].filter(e => getComputedStyle(e).contentVisibility === "auto");
    wrap.style.contentVisibility = "visible";
    const states = [...later.map(box => [box]), []];
    for (const hidden of states) {
      later.forEach(e => { e.style.contentVisibility = hidden.includes(e) ? "hidden" : "visible"; });
      if (wrap.scrollWidth > wrap.clientWidth) {
        const state = hidden.length ? hidden[0].tagName.toLowerCase() + " not drawn" : "all drawn";
        scrolling.push([i, state, wrap.scrollWidth, wrap.clientWidth]);
      }
    }
    [wrap, ...later].forEach(e => { e.style.contentVisibility = ""; });
  });
  return scrolling;
}"""


@pytest.mark.parametrize("large", [False, True], ids=["normal", "大字"])
def test_guide_tables_never_scroll_sideways_drawn_or_not(phone: BrowserContext, base_url: str, large: bool) -> None:
    """A table far down the page is drawn only when the reader comes near it; before that its wrapper must not be
    wider inside than the phone either (a wrapper that scrolls sideways needs a keyboard stop of its own)."""
    if large:
        phone.add_init_script(LARGE_TEXT_JS)
    page = phone.new_page()
    scrolling = {}
    for name in [name for name in THEMED if name.startswith("guide")]:
        page.goto(base_url + PAGE_TYPES[name], wait_until="load")
        page.wait_for_selector(".md-typeset__scrollwrap", state="attached")  # Material wraps the tables after load
        assert large_text_on(page) == large, name
        if found := page.evaluate(TABLE_WRAPPERS_SCROLLING_JS):
            scrolling[name] = found
    assert not scrolling, (
        f"table wrappers wider inside than the phone ([table, state, inside px, outside px]): {scrolling}"
    )


def test_search_results_follow_large_text(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    page.goto(base_url)
    page.locator(TOGGLE).tap()
    open_search(page)
    assert search(page, POSITIVE_WORD)
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.md-search-result__article')).fontSize)"
    )
    assert size >= LARGE_BODY_PX, size
    assert_no_horizontal_scroll(page)


def test_text_follows_the_systems_font_size(phone: BrowserContext, base_url: str) -> None:
    """A reader who set a larger default font (16 → 24 px) gets every size half as large again, in both modes."""
    page = phone.new_page()
    page.goto(base_url + "cases/bjzx-cz-chen-nianjizu/")
    normal = page.evaluate(BODY_PX_JS)
    cdp = phone.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24}})
    page.reload()
    assert page.evaluate(BODY_PX_JS) == pytest.approx(normal * 1.5, abs=0.5)


def month_readings(site: Path) -> list[str]:
    """The item pages the month's activities link to (data-study links), as paths from the site root, in order."""
    html = (site / MONTH / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a data-study="1" href="([^"]+)"', html)
    paths = list(dict.fromkeys(urljoin("/" + MONTH, href) for href in hrefs))
    assert len(paths) >= 3, paths
    return [path.lstrip("/") for path in paths]


def h1(page: Page) -> str:
    return page.evaluate(
        "() => { const h = document.querySelector('.md-content h1').cloneNode(true);"
        " h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }"
    )


def test_study_marks_stay_on_the_phone_and_count_on_the_month_plan(
    phone: BrowserContext, base_url: str, built_site: Path
) -> None:
    phone.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    page = phone.new_page()
    readings = month_readings(built_site)
    marked = readings[:2]
    titles, links = [], []
    for path in marked:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        requests.clear()
        page.locator(MARK).tap()
        assert page.locator(MARK).get_attribute("aria-pressed") == "true"
        page.wait_for_timeout(300)
        assert requests == [], f"marking made requests: {requests}"
        titles.append(h1(page))
        links.append(page.locator('link[rel="canonical"]').get_attribute("href"))
    page.reload()
    assert page.locator(MARK).get_attribute("aria-pressed") == "true"
    page.goto(base_url + MONTH)
    assert page.locator("[data-study-progress] strong").inner_text() == f"本月已学 2/{len(readings)}"

    page.goto(base_url + "my/")
    for title in titles:
        assert page.locator(".study-list a", has_text=title).count() == 1
    page.get_by_role("button", name="复制学习记录").tap()
    page.wait_for_function("() => document.querySelector('[data-study-status]').textContent.includes('已复制')")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    for title, link in zip(titles, links, strict=True):
        assert f"《{title}》" in copied and link in copied and link.startswith("https://"), copied

    page.evaluate("() => localStorage.clear()")
    page.goto(base_url + MONTH)
    assert page.locator("[data-study-progress] strong").inner_text() == f"本月已学 0/{len(readings)}"
    page.goto(base_url + marked[0])
    assert page.locator(MARK).get_attribute("aria-pressed") == "false"
    page.goto(base_url + "my/")
    assert page.locator(".study-list").count() == 0 and "还没有" in page.locator("[data-study-list]").inner_text()


def test_without_javascript_pages_read_as_before(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        for path in ("cases/bjzx-cz-chen-nianjizu/", MONTH, "my/"):
            page.goto(base_url + path)
            assert "学完了" not in page.locator("article").inner_text() or path == "my/", path
            for hidden in (TOGGLE, "[data-study-mark]", "[data-study-progress]", "[data-study-record]"):
                assert all(not element.is_visible() for element in page.locator(hidden).all()), (path, hidden)
    finally:
        context.close()
