"""Rules for learning plans: each yields Diagnostics with a stable rule id (see the 投稿指南)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from .diagnostics import WARNING, Diagnostic, did_you_mean
from .models.plan import Plan, period_months
from .models.registry import ThemeDay
from .models.vocab import COLLECTIVE_KINDS, DISTRICT, SECRETARY_ROLES
from .registries import Registry
from .sources import Source


def theme_day_date(rule: ThemeDay, month: str) -> dt.date:
    """The day a unit's fixed rule puts the 主题党日 on in a month (YYYY-MM)."""
    year, number = int(month[:4]), int(month[5:])
    last = calendar.monthrange(year, number)[1]
    if rule.day is not None:
        return dt.date(year, number, min(rule.day, last))
    first = dt.date(year, number, 1)
    offset = (rule.weekday - first.isoweekday()) % 7
    day = 1 + offset + 7 * (rule.nth - 1)
    while day > last:  # "the 5th Friday" in a month without one: the last such weekday
        day -= 7
    return dt.date(year, number, day)


def liangxue_counts(plan: Plan, registry: Registry) -> tuple[int, int]:
    """(collective items, of which carry a 两学一做 tag), cancelled items left out."""
    collective = tagged = 0
    for month in plan.months:
        for item in month.items:
            if item.kind in COLLECTIVE_KINDS and item.status != "取消":
                collective += 1
                if any((tag := registry.tag_id(t)) and registry.tags[tag].liangxue for t in item.tags):
                    tagged += 1
    return collective, tagged


def check_owner(source: Source, plan: Plan, registry: Registry) -> Iterator[Diagnostic]:
    folder, stem = source.path.parent.name, source.path.stem
    if plan.period != folder:
        yield Diagnostic(
            source.rel,
            source.line_of("period"),
            "plan-period",
            f"period 是「{plan.period}」，文件却在「{folder}」文件夹里",
            f'请把文件移到 content/plans/{plan.period}/，或把 period 改成 "{folder}"',
        )
    if plan.unit != stem:
        yield Diagnostic(
            source.rel,
            source.line_of("unit"),
            "plan-owner",
            f"unit 是「{plan.unit}」，文件名却是「{stem}」",
            "文件名必须是单位编号（区级计划为 district.yml）",
        )
    if plan.unit != DISTRICT and registry.loaded and plan.unit not in registry.units:
        yield Diagnostic(
            source.rel,
            source.line_of("unit"),
            "unknown-unit",
            f"单位「{plan.unit}」不在 content/units.yml 中",
            registry.suggest_unit(plan.unit) or "区级计划写 district，单位计划写单位编号",
        )


def check_months(source: Source, plan: Plan, registry: Registry) -> Iterator[Diagnostic]:
    allowed = period_months(plan.period)
    seen: dict[str, int] = {}
    ids: dict[str, int] = {}
    rule = registry.units[plan.unit].theme_day if plan.unit in registry.units else None
    for m_index, month in enumerate(plan.months):
        line = source.line_of("months", m_index, "month")
        if month.month not in allowed:
            yield Diagnostic(
                source.rel,
                line,
                "plan-month",
                f"月份 {month.month} 不在 {plan.period} 时段内",
                f"{plan.period} 包括 {allowed[0]} 至 {allowed[-1]}",
            )
        if month.month in seen:
            yield Diagnostic(
                source.rel,
                line,
                "plan-month",
                f"月份 {month.month} 重复（第 {seen[month.month]} 行已写过）",
                "每个月只写一次，把活动合并到同一个月份下",
            )
        seen.setdefault(month.month, line)
        for i_index, item in enumerate(month.items):
            at = ("months", m_index, "items", i_index)
            if item.date.strftime("%Y-%m") != month.month:
                yield Diagnostic(
                    source.rel,
                    source.line_of(*at, "date"),
                    "plan-item-date",
                    f"活动日期 {item.date} 不在 {month.month} 月内",
                    "请核对日期，或把活动移到对应月份",
                )
            if item.id is not None:
                if item.id in ids:
                    yield Diagnostic(
                        source.rel,
                        source.line_of(*at, "id"),
                        "plan-id",
                        f"活动编号「{item.id}」重复",
                        f"第 {ids[item.id]} 行已使用，请换一个编号",
                    )
                ids.setdefault(item.id, source.line_of(*at, "id"))
            for t_index, tag in enumerate(item.tags):
                if registry.loaded and registry.tag_id(tag) is None:
                    yield Diagnostic(
                        source.rel,
                        source.line_of(*at, "tags", t_index),
                        "unknown-tag",
                        f"标签「{tag}」不在 content/tags.yml 中",
                        registry.suggest_tag(tag) or "请使用已有标签",
                    )
        theme_days = [(i, item) for i, item in enumerate(month.items) if item.kind == "主题党日"]
        if month.skip:
            if month.items:
                yield Diagnostic(
                    source.rel,
                    source.line_of("months", m_index, "skip"),
                    "plan-theme-day",
                    f"{month.month} 标明不安排活动（{month.skip}），却列了 {len(month.items)} 项活动",
                    "删除 skip 或删除这些活动",
                )
            continue
        if len(theme_days) != 1:
            yield Diagnostic(
                source.rel,
                line,
                "plan-theme-day",
                f"{month.month} 有 {len(theme_days)} 个主题党日，应恰好 1 个",
                "每月固定开展一次主题党日；确实不开展的月份写 skip 并说明原因",
            )
        for i_index, item in theme_days:
            expected = theme_day_date(rule, month.month) if rule else None
            if expected and item.date != expected and not item.note:
                yield Diagnostic(
                    source.rel,
                    source.line_of("months", m_index, "items", i_index, "date"),
                    "plan-theme-day",
                    f"主题党日是 {item.date}，本单位规定的主题党日（{rule.describe()}）是 {expected}",
                    "改到规定的日子，或写 note 说明调整原因",
                    WARNING,
                )
    for month in allowed:
        if month not in seen:
            yield Diagnostic(
                source.rel,
                source.line_of("months"),
                "plan-month-missing",
                f"{month} 没有安排",
                "年度有安排、月月有计划：请补上这个月，放假的月份写 skip 并说明原因",
                WARNING,
            )


def check_ratio(source: Source, plan: Plan, registry: Registry) -> Iterator[Diagnostic]:
    collective, tagged = liangxue_counts(plan, registry)
    if collective and tagged * 2 < collective:
        yield Diagnostic(
            source.rel,
            source.line_of("months"),
            "plan-liangxue-ratio",
            f"集体学习类活动 {collective} 项中只有 {tagged} 项是“两学一做”专题（{tagged / collective:.0%}），不到一半",
            "给主题党日、支部党员大会、党课、集中学习加上“两学一做”专题标签，或增加这类专题活动",
        )


def check_secretary_lesson(source: Source, plan: Plan) -> Iterator[Diagnostic]:
    if plan.unit == DISTRICT:
        return
    if not any(
        item.kind == "党课" and item.leader and item.leader.role in SECRETARY_ROLES and item.status != "取消"
        for month in plan.months
        for item in month.items
    ):
        yield Diagnostic(
            source.rel,
            source.line_of("months"),
            "plan-secretary-lesson",
            "全年没有安排书记讲党课",
            "至少安排一次 kind: 党课、leader 身份为党支部书记（或党总支书记、党委书记）的活动",
        )


def check_references(source: Source, plan: Plan, slugs: dict[str, set[str]]) -> Iterator[Diagnostic]:
    """lessons, cases and readings' materials must exist (draft or scheduled ones are shown unlinked)."""
    labels = {"lessons": ("微党课", "lesson"), "cases": ("案例", "case")}
    for m_index, month in enumerate(plan.months):
        for i_index, item in enumerate(month.items):
            at = ("months", m_index, "items", i_index)
            references = [
                ((key, r_index), slug, *labels[key])
                for key in labels
                for r_index, slug in enumerate(getattr(item, key))
            ]
            references += [
                (("readings", r_index, "material"), reading.material, "学习资料", "material")
                for r_index, reading in enumerate(item.readings)
                if reading.material is not None
            ]
            for key_path, slug, label, kind in references:
                if slug not in slugs.get(kind, set()):
                    yield Diagnostic(
                        source.rel,
                        source.line_of(*at, *key_path),
                        "plan-reference",
                        f"{label}「{slug}」不存在",
                        did_you_mean(slug, sorted(slugs.get(kind, ()))) or f"请填写已有{label}的文件名（不含 .md）",
                    )


def check_plan(source: Source, plan: Plan, registry: Registry, slugs: dict[str, set[str]]) -> Iterator[Diagnostic]:
    yield from check_owner(source, plan, registry)
    yield from check_months(source, plan, registry)
    yield from check_ratio(source, plan, registry)
    yield from check_secretary_lesson(source, plan)
    yield from check_references(source, plan, slugs)
