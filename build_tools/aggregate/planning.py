"""Plans seen per period: the year at a glance, months, compliance figures. Pure: no file I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..models import Plan, Registry, Unit
from ..models.plan import Month, PlanItem, liangxue_counts, period_months
from ..models.vocab import DISTRICT
from .collection import Collection, Item


@dataclass
class PlanView:
    owner: str  # "district" or a unit id
    name: str
    plan: Plan
    collective: int
    tagged: int

    @property
    def ratio(self) -> float | None:
        return self.tagged / self.collective if self.collective else None

    def month(self, month: str) -> Month | None:
        return next((m for m in self.plan.months if m.month == month), None)

    def theme_days(self, month: str) -> list[dt.date]:
        found = self.month(month)
        return [i.date for i in found.items if i.kind == "主题党日"] if found else []

    @property
    def items(self) -> list[PlanItem]:
        return [item for month in self.plan.months for item in month.items]


@dataclass
class UnitStatus:
    """One dashboard row."""

    unit: Unit
    view: PlanView | None
    months_total: int
    months_with_theme_day: int
    secretary_planned: bool
    secretary_delivered: bool
    cases: int
    lessons: int


@dataclass
class PeriodView:
    period: str
    months: list[str]
    district: PlanView | None
    units: dict[str, PlanView] = field(default_factory=dict)  # in registry order
    rows: list[UnitStatus] = field(default_factory=list)

    @property
    def views(self) -> list[PlanView]:
        return ([self.district] if self.district else []) + list(self.units.values())

    def ratio_until(self, view: PlanView, month: str, registry: Registry) -> float | None:
        """The 两学一做 ratio of a plan counting its months up to and including `month`."""
        collective, tagged = liangxue_counts([m for m in view.plan.months if m.month <= month], registry)
        return tagged / collective if collective else None


def in_period(day: dt.date, months: list[str]) -> bool:
    return day.strftime("%Y-%m") in months


def build(plans: list[Plan], registry: Registry, c: Collection) -> list[PeriodView]:
    """Periods newest first, each with its plans and one dashboard row per active unit."""
    periods: dict[str, PeriodView] = {}
    for plan in sorted(plans, key=lambda p: (p.period, p.unit)):
        view = periods.setdefault(plan.period, PeriodView(plan.period, period_months(plan.period), None))
        collective, tagged = liangxue_counts(plan.months, registry)
        name = "区教育系统（规定内容）" if plan.unit == DISTRICT else registry.units[plan.unit].short_name
        plan_view = PlanView(plan.unit, name, plan, collective, tagged)
        if plan.unit == DISTRICT:
            view.district = plan_view
        else:
            view.units[plan.unit] = plan_view
    for view in periods.values():
        view.units = {uid: view.units[uid] for uid in registry.units if uid in view.units}
        view.rows = [_row(view, unit, c) for unit in registry.units.values() if unit.active]
    return sorted(periods.values(), key=lambda v: v.period, reverse=True)


def _row(view: PeriodView, unit: Unit, c: Collection) -> UnitStatus:
    plan = view.units.get(unit.id)
    published: list[Item] = [i for i in c.by_unit.get(unit.id, []) if in_period(i.date, view.months)]
    lectures = [i for i in published if i.kind == "lesson" and i.model.secretary_lecture]
    planned = [i for i in (plan.items if plan else []) if i.is_secretary_lesson and i.status != "取消"]
    open_months = [m for m in view.months if not (plan and plan.month(m) and plan.month(m).skip)]
    return UnitStatus(
        unit=unit,
        view=plan,
        months_total=len(open_months),
        months_with_theme_day=sum(1 for m in open_months if plan and len(plan.theme_days(m)) == 1),
        secretary_planned=bool(planned),
        secretary_delivered=any(i.status == "已完成" for i in planned) or bool(lectures),
        cases=sum(1 for i in published if i.kind == "case"),
        lessons=sum(1 for i in published if i.kind == "lesson"),
    )


def current_month(periods: list[PeriodView], today: dt.date) -> tuple[str, str] | None:
    """(period, month) for the build date, or the nearest month of any period."""
    candidates = [(p.period, m) for p in periods for m in p.months]
    if not candidates:
        return None
    this = today.year * 12 + today.month

    def distance(candidate: tuple[str, str]) -> tuple[int, str]:
        year, month = int(candidate[1][:4]), int(candidate[1][5:])
        return abs(year * 12 + month - this), candidate[1]

    return min(candidates, key=distance)
