"""The dashboard's picture: for each period, a grid of units × months with the state of the month's 主题党日, and per
unit the 两学一做 share and the secretary's lecture. Drawn here as plain HTML and CSS (nothing for the reader to
download); the table under it stays the one source for screen readers, so the picture is aria-hidden.

A cell's state, from the unit's plan file:
- skip: the month has `skip:` (不安排, with its reason);
- held: the month has a 主题党日 item with status 已完成;
- planned: it has a 主题党日 item with status 计划 or 调整, none 已完成;
- missing: no plan for the period, no entry for the month, or only cancelled (取消) 主题党日 items.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..aggregate.planning import PeriodView, PlanView, UnitStatus

STATES = {  # state → (the cell's mark, the legend's words)
    "held": ("✓", "已开展"),
    "planned": ("○", "已安排"),
    "missing": ("✕", "未安排"),
    "skip": ("休", "不安排（已说明原因）"),
}


def theme_day_state(plan: PlanView | None, month: str) -> str:
    found = plan.month(month) if plan else None
    if found is None:
        return "missing"
    if found.skip:
        return "skip"
    days = [i for i in found.items if i.kind == "主题党日" and i.status != "取消"]
    if any(i.status == "已完成" for i in days):
        return "held"
    return "planned" if days else "missing"


def lecture(row: UnitStatus) -> str:
    return "已讲" if row.secretary_delivered else "已安排" if row.secretary_planned else "未安排"


@dataclass
class PictureRow:
    unit_id: str
    name: str
    cells: list[tuple[str, str]]  # (month, state), one per month of the period
    ratio: float | None  # the 两学一做 share of the unit's collective activities
    lecture: str


def picture_rows(view: PeriodView) -> list[PictureRow]:
    return [
        PictureRow(
            unit_id=row.unit.id,
            name=row.unit.short_name,
            cells=[(month, theme_day_state(row.view, month)) for month in view.months],
            ratio=row.view.ratio if row.view else None,
            lecture=lecture(row),
        )
        for row in view.rows
    ]
