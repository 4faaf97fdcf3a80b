"""The dashboard's picture against the plan files themselves (read here with PyYAML, not with our planning code): for
two units with plans and one without, every month's cell says what the plan says of its 主题党日."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.helpers import SAMPLE

PERIOD = "2017"
UNITS_WITH_PLANS = ["flexx", "hxcz"]
MONTHS = [f"{PERIOD}-{m:02d}" for m in range(1, 13)]
ROW = re.compile(r'<div class="dash-picture__row" data-unit="([^"]+)">(.*?)</div>', re.S)
CELL = re.compile(r'data-month="([^"]+)" data-state="([^"]+)"')


def expected_state(month: dict | None) -> str:
    """held: a 主题党日 done (已完成); planned: one planned or changed (计划, 调整); skip: the month is skipped with a
    reason; missing: no month in the plan, or no 主题党日 but cancelled ones."""
    if month is None:
        return "missing"
    if month.get("skip"):
        return "skip"
    statuses = [item.get("status", "计划") for item in month.get("items", []) if item["kind"] == "主题党日"]
    if "已完成" in statuses:
        return "held"
    return "planned" if any(s != "取消" for s in statuses) else "missing"


def plan_months(unit: str) -> dict[str, dict]:
    plan = yaml.safe_load((SAMPLE / "plans" / PERIOD / f"{unit}.yml").read_text(encoding="utf-8"))
    return {str(month["month"]): month for month in plan["months"]}


@pytest.fixture(scope="module")
def picture(sample_site: Path) -> dict[str, dict[str, str]]:
    """{unit id: {month: state}} of the first period's picture on the dashboard."""
    html = (sample_site / "dashboard" / "index.html").read_text(encoding="utf-8")
    figure = html.split('<figure class="dash-picture" aria-hidden="true">', 1)[1].split("</figure>", 1)[0]
    return {unit: dict(CELL.findall(cells)) for unit, cells in ROW.findall(figure)}


@pytest.mark.parametrize("unit", UNITS_WITH_PLANS)
def test_cells_match_the_units_plan_file(picture: dict[str, dict[str, str]], unit: str) -> None:
    months = plan_months(unit)
    expected = {month: expected_state(months.get(month)) for month in MONTHS}
    assert picture[unit] == expected
    assert len(set(expected.values())) >= 3  # the sample shows held, planned and skipped months


def test_a_unit_without_a_plan_is_missing_every_month(picture: dict[str, dict[str, str]]) -> None:
    with_plans = {p.stem for p in (SAMPLE / "plans" / PERIOD).glob("*.yml")}
    without = [unit for unit in picture if unit not in with_plans]
    assert without
    for unit in without:
        assert picture[unit] == dict.fromkeys(MONTHS, "missing"), unit


def test_the_table_is_still_there_for_screen_readers(sample_site: Path) -> None:
    html = (sample_site / "dashboard" / "index.html").read_text(encoding="utf-8")
    assert html.count('<figure class="dash-picture" aria-hidden="true">') == html.count(
        '<table class="plan-table sortable">'
    )
    assert "<th>主题党日</th>" in html
