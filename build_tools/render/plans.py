"""Plans -> pages (year, month, dashboard, plans index), unit-page sections and .ics calendars."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from ..aggregate.collection import Collection, Item
from ..aggregate.planning import PeriodView, PlanView, current_month
from ..models import Registry
from ..models.common import CHINA
from ..models.plan import Month
from .dashboard import STATES, picture_rows
from .templates import relative_href, render, url_relative


def related_items(view: PeriodView, month: str, c: Collection) -> list[Item]:
    """Published lessons and cases linked from the month's plan items or published in the month."""
    linked: set[tuple[str, str]] = set()
    for plan in view.views:
        found = plan.month(month)
        for item in found.items if found else []:
            linked |= {("lesson", slug) for slug in item.lessons} | {("case", slug) for slug in item.cases}
    return [i for i in c.items if (i.kind, i.slug) in linked or i.date.strftime("%Y-%m") == month]


def calendar_file(view: PeriodView, plan: PlanView, site_url: str, stamp: dt.datetime) -> bytes:
    host = urlsplit(site_url).hostname or "localhost"
    cal = Calendar()
    cal.add("prodid", "-//两学一做学习园地//学习计划//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{plan.name} {view.period} 学习计划")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    seen: dict[str, int] = {}
    for month in plan.plan.months:
        for item in month.items:
            key = item.id or f"{item.date.isoformat()}-{item.kind}"
            seen[key] = seen.get(key, 0) + 1
            uid = key if item.id else f"{key}-{seen[key]}"
            event = Event()
            event.add("uid", f"{view.period}-{plan.owner}-{uid}@{host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", item.date)  # a whole day in the plan's (Shanghai) calendar
            event.add("dtend", item.date + dt.timedelta(days=1))
            event.add("summary", f"{item.kind}：{item.title}")
            details = [f"{plan.name} · {month.theme}"]
            details += [f"形式：{'、'.join(item.forms)}"] if item.forms else []
            details += [f"参加：{item.participants}"] if item.participants else []
            details += [f"备注：{item.note}"] if item.note else []
            event.add("description", "\n".join(details))
            event.add("url", f"{site_url.rstrip('/')}/plans/{view.period}/{month.month}/")
            event.add("status", "CANCELLED" if item.status == "取消" else "CONFIRMED")
            cal.add_component(event)
    return cal.to_ical()


STATUS_CSS = {"计划": "planned", "已完成": "done", "调整": "changed", "取消": "cancelled"}


def _label(month: str) -> str:
    return f"{month[:4]}年{int(month[5:])}月"


def _theme(month: Month | None) -> str:
    if month is None:
        return "未安排"
    return f"（{month.skip}）" if month.skip else month.theme


def _days(plan: PlanView | None, month: str) -> str:
    if plan is None:
        return "—"
    found = plan.month(month)
    if found is None:
        return "未安排"
    if found.skip:
        return f"（{found.skip}）"
    return "、".join(f"{d.month}/{d.day}" for d in plan.theme_days(month)) or "无"


def _count(plans: list[PlanView], month: str) -> int:
    return sum(1 for p in plans if p.month(month) for i in p.month(month).items if i.status != "取消")


def year_tables(view: PeriodView, page: str, registry: Registry) -> tuple[list[dict], list[dict]]:
    months = []
    for month in view.months:
        months.append(
            {
                "label": f"{int(month[5:])}月",
                "short": f"{int(month[5:])}月",
                "link": relative_href(page, f"plans/{view.period}/{month}/"),
                "theme": _theme(view.district.month(month) if view.district else None),
                "days": _days(view.district, month),
                "count": _count(view.views, month),
                "ratio": view.ratio_until(view.district, month, registry) if view.district else None,
            }
        )
    matrix = []
    for plan in view.views:
        cells = []
        for month in view.months:
            text = _days(plan, month)
            cells.append({"text": text, "css": "plan-cell--missing" if text in ("未安排", "无") else ""})
        matrix.append(
            {
                "name": plan.name,
                "cells": cells,
                "ratio": plan.ratio,
                "ics": url_relative(page, f"plans/{view.period}/{plan.owner}.ics"),
            }
        )
    return months, matrix


def unit_section(view: PeriodView, plan: PlanView, page: str) -> str:
    items = [i for i in plan.items if i.status != "取消"]
    planned = [i for i in items if i.is_secretary_lesson]
    lecture = "已讲" if any(i.status == "已完成" for i in planned) else "已安排" if planned else "未安排"
    rows = [
        {
            "short": f"{int(m[5:])}月",
            "link": relative_href(page, f"plans/{view.period}/{m}/"),
            "theme": _theme(plan.month(m)),
            "days": _days(plan, m),
            "count": _count([plan], m),
        }
        for m in view.months
    ]
    return render(
        "plan_unit.md.j2",
        view=view,
        plan=plan,
        rows=rows,
        done=sum(1 for i in items if i.status == "已完成"),
        total=len(items),
        lecture=lecture,
        year=relative_href(page, f"plans/{view.period}/"),
        ics=url_relative(page, f"plans/{view.period}/{plan.owner}.ics"),
    )


def render_plans(
    periods: list[PeriodView], c: Collection, registry: Registry, site_url: str
) -> tuple[dict[str, str], dict[str, bytes], dict[str, str]]:
    """(Markdown pages, calendar files, Markdown sections for unit pages by unit id)."""
    pages: dict[str, str] = {}
    files: dict[str, bytes] = {}
    sections: dict[str, str] = {}
    stamp = dt.datetime.combine(c.today, dt.time(0, 0), tzinfo=CHINA).astimezone(dt.UTC)
    current = current_month(periods, c.today)
    pages["plans/index.md"] = render("plans_index.md.j2", page="plans/index.md", periods=periods, current=current)
    for view in periods:
        base = f"plans/{view.period}"
        for plan in view.views:
            files[f"{base}/{plan.owner}.ics"] = calendar_file(view, plan, site_url, stamp)
        page = f"{base}/index.md"
        months, matrix = year_tables(view, page, registry)
        pages[page] = render("plan_year.md.j2", page=page, view=view, months=months, matrix=matrix)
        for index, month in enumerate(view.months):
            page = f"{base}/{month}/index.md"
            pages[page] = render(
                "plan_month.md.j2",
                page=page,
                view=view,
                label=_label(month),
                plans=[(plan, plan.month(month)) for plan in view.views],
                related=related_items(view, month, c),
                published={(i.kind, i.slug): i for i in [*c.items, *c.materials]},
                ics={plan.owner: url_relative(page, f"{base}/{plan.owner}.ics") for plan in view.views},
                year=relative_href(page, f"{base}/"),
                prev=relative_href(page, f"{base}/{view.months[index - 1]}/") if index else None,
                next=relative_href(page, f"{base}/{view.months[index + 1]}/") if index + 1 < len(view.months) else None,
                STATUS_CSS=STATUS_CSS,
            )
        for uid, plan in view.units.items():
            sections[uid] = sections.get(uid, "") + unit_section(view, plan, f"units/{uid}/index.md")
    pages["dashboard/index.md"] = render(
        "dashboard.md.j2",
        page="dashboard/index.md",
        periods=periods,
        pictures={view.period: picture_rows(view) for view in periods},
        STATES=STATES,
    )
    return pages, files, sections
