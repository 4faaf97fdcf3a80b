"""Learning plans on the base fixture, whose figures are known: month pages, year page, dashboard, calendars."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
import yaml

from tests.helpers import BASE, make_project, run

PLANS = BASE / "plans" / "2017"


@pytest.fixture
def site(base_site: Path) -> Path:
    return base_site


def plan_items(owner: str, month: str) -> list[str]:
    plan = yaml.safe_load((PLANS / f"{owner}.yml").read_text(encoding="utf-8"))
    found = next((m for m in plan["months"] if str(m["month"]) == month), None)
    return [item["title"] for item in (found or {}).get("items", [])]


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def table_rows(html: str) -> list[list[str]]:
    """Cell texts of every body row of every table in `html`."""
    return [
        [text(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr><td.*?</tr>", html, flags=re.S)
    ]


def section(html: str, heading: str) -> str:
    """The HTML from an h2 containing `heading` to the next h2."""
    start = html.index(heading, html.index("<h2"))
    end = html.find("<h2", start)
    return html[start : end if end > 0 else None]


@pytest.mark.parametrize("month", [f"2017-{m:02d}" for m in range(1, 13)])
def test_each_month_page_lists_exactly_its_items(site, month):
    html = (site / f"plans/2017/{month}/index.html").read_text(encoding="utf-8")
    for owner, heading in (("district", "区教育系统（规定内容）"), ("ceshi-xx", "测试路小学")):
        part = section(html, heading)
        shown = [text(t) for t in re.findall(r"<strong>(.*?)</strong>", part) if "本月主题" not in t]
        assert shown == plan_items(owner, month), (owner, month)
    if month == "2017-08":
        assert "本月不安排活动：暑假" in html


def test_month_page_shows_readings_and_linked_items(site):
    html = (site / "plans/2017/2017-09/index.html").read_text(encoding="utf-8")
    assert 'href="https://www.12371.cn/special/zggcdzc/"' in html and "（集体学习）" in html
    related = section(html, "本月微党课和典型案例")
    assert "测试路小学主题党日进社区" in related  # linked from the 支委会 item and published in September
    october = section((site / "plans/2017/2017-10/index.html").read_text(encoding="utf-8"), "本月微党课和典型案例")
    assert "读党章，做合格党员" in october and "测试路小学主题党日进社区" not in october


def test_year_page_figures(site):
    html = (site / "plans/2017/index.html").read_text(encoding="utf-8")
    months = {row[0]: row for row in table_rows(section(html, "每月安排"))}
    # District: odd months' theme days carry 党章党规 (两学一做); September adds a tagged 集中学习.
    # Cumulative: Jan 1/1, Feb 1/2, Sep 6/9 (Jan–Sep less August, plus the 集中学习), Dec 7/12.
    assert [months[m][-1] for m in ("1月", "2月", "9月", "12月")] == ["100%", "50%", "67%", "58%"]
    assert months["9月"][1:4] == ["9月主题", "9/1", "4"]  # theme, district theme day, items of both plans
    assert months["8月"][1:4] == ["（暑假）", "（暑假）", "0"]
    units = {row[0]: row for row in table_rows(section(html, "各单位主题党日"))}
    assert units["测试路小学"][1:13] == [
        "1/6",
        "2/3",
        "3/3",
        "4/7",
        "5/5",
        "6/2",
        "7/7",
        "（暑假）",
        "9/1",
        "10/6",
        "11/3",
        "12/1",
    ]
    assert units["测试路小学"][13] == "58%"
    assert (site / "plans/2017/district.ics").is_file() and (site / "plans/2017/ceshi-xx.ics").is_file()


def test_dashboard_figures(site):
    html = (site / "dashboard/index.html").read_text(encoding="utf-8")
    rows = {
        text(r.split("</td>", 1)[0]).strip(): [text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r)]
        for r in re.findall(r"<tr><td.*?</tr>", html)
    }
    assert rows["测试路小学"] == ["测试路小学", "已提交", "11/11", "58%", "已讲", "1", "1"]
    assert rows["区教育工委"] == ["区教育工委", "未提交", "0/12", "—", "未安排", "0", "0"]


def test_unit_page_shows_its_plan_and_progress(site):
    html = text((site / "units/ceshi-xx/index.html").read_text(encoding="utf-8"))
    assert "2017 学习计划" in html
    assert "已完成 12/13 项活动 · 两学一做专题占比 58% · 书记党课：已讲" in html


@pytest.mark.parametrize("owner", ["district", "ceshi-xx"])
def test_calendars_parse_with_one_event_per_item(site, owner):
    calendar = icalendar.Calendar.from_ical((site / f"plans/2017/{owner}.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    titles = [title for m in range(1, 13) for title in plan_items(owner, f"2017-{m:02d}")]
    assert len(events) == len(titles)
    assert sorted(str(e["summary"]).split("：", 1)[1] for e in events) == sorted(titles)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids) and all(uid.startswith(f"2017-{owner}-") for uid in uids)
    assert str(calendar["x-wr-timezone"]) == "Asia/Shanghai"
    first = min(e.decoded("dtstart") for e in events)
    assert str(first) == "2017-01-06"  # first Friday of 2017, an all-day event


def test_calendar_uids_are_stable_across_builds(tmp_path, site):
    again = make_project(tmp_path / "again")
    assert run(again, "generate").returncode == 0  # the engine copies calendars as they are
    assert (again / "build/docs/plans/2017/ceshi-xx.ics").read_bytes() == (
        site / "plans/2017/ceshi-xx.ics"
    ).read_bytes()


def test_home_links_the_current_month_plan(site):
    # The build date (2026-11) is outside every period: the nearest month, 2017-12, is linked.
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="plans/2017/2017-12/"[^>]*>2017年12月学习计划', html)
