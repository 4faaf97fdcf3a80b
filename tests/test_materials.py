"""Study materials on the base fixture: the library, a material's page, plan readings citing it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SLUG = "ceshi-dangzhang-fudao"


@pytest.fixture
def site(base_site: Path) -> Path:
    return base_site


def links(html: str) -> dict[str, str]:
    """Link text -> href."""
    return {
        re.sub(r"<[^>]+>", "", text): href
        for href, text in re.findall(r'<a (?:[^>]* )?href="([^"]+)"[^>]*>(.*?)</a>', html)
    }


def test_plan_reading_cites_the_material_with_its_title_and_a_working_link(site):
    month = site / "plans/2017/2017-10"
    found = links((month / "index.html").read_text(encoding="utf-8"))
    href = found["《中国共产党章程》学习辅导（测试）"]
    assert (month / href / "index.html").resolve() == (site / f"materials/{SLUG}/index.html").resolve()


def test_material_page_lists_the_plan_items_that_cite_it(site):
    page = site / f"materials/{SLUG}"
    html = (page / "index.html").read_text(encoding="utf-8")
    used = html[html.index('id="在学习计划中的使用"') :]
    found = links(used)
    label = "2017年10月 · 测试路小学 · 党课：书记讲党课：读党章"
    assert label in found
    assert (page / found[label] / "index.html").resolve() == (site / "plans/2017/2017-10/index.html").resolve()


def test_material_page_shows_metadata_notice_toc_and_tasks(site):
    page = site / f"materials/{SLUG}"
    html = (page / "index.html").read_text(encoding="utf-8")
    for text in ("中共某区教育工作委员会", "某教委（2017）1号", "2017年9月10日", "不是官方全文", 'class="toc"'):
        assert text in html, text
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", html, flags=re.S)
    assert [row[0] for row in rows] == ["1", "2", "3"]
    targets = {text: (page / href / "index.html").resolve() for text, href in links(rows[1][2]).items()}
    assert targets == {
        "志愿服务案例": (site / "cases/category/volunteer/index.html").resolve(),
        "测试路小学主题党日进社区": (site / "cases/ceshi-ztdr/index.html").resolve(),
    }
    assert all(target.is_file() for target in targets.values())


def test_library_groups_by_kind_with_tag_filters(site):
    html = (site / "materials/index.html").read_text(encoding="utf-8")
    assert '<h2 id="学习辅导">' in html and f"{SLUG}/" in html
    assert 'href="tag/dzdg/"' in html
    assert f"../../{SLUG}/" in (site / "materials/tag/dzdg/index.html").read_text(encoding="utf-8")
