"""Learning plans: the period and owner, the months (`plan-month`, `plan-month-missing`, `plan-theme-day`), items
(`plan-item-date`, `plan-id`), the 两学一做 ratio, the secretary's 党课, references to other content."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import WARNING, Diagnostic, did_you_mean
from ...models import Registry
from ...models.plan import Plan, liangxue_counts, period_months
from ...models.vocab import DISTRICT
from ...read.sources import Source
from ..registries import suggest_tag, suggest_unit


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
            suggest_unit(registry, plan.unit) or "区级计划写 district，单位计划写单位编号",
        )


def check_months(source: Source, plan: Plan, registry: Registry) -> Iterator[Diagnostic]:
    """年度有安排、月月有计划: each month of the period once, its items in it, one 主题党日 on the unit's day."""
    yield from check_month_names(source, plan)
    yield from check_items(source, plan, registry)
    yield from check_theme_days(source, plan, registry)
    yield from check_missing_months(source, plan)


def check_month_names(source: Source, plan: Plan) -> Iterator[Diagnostic]:
    allowed = period_months(plan.period)
    seen: dict[str, int] = {}
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


def check_items(source: Source, plan: Plan, registry: Registry) -> Iterator[Diagnostic]:
    """Each item's date in its month, ids unique in the plan, tags known."""
    ids: dict[str, int] = {}
    for m_index, month in enumerate(plan.months):
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
                        suggest_tag(registry, tag) or "请使用已有标签",
                    )


def check_theme_days(source: Source, plan: Plan, registry: Registry) -> Iterator[Diagnostic]:
    """One 主题党日 a month, on the day the unit's rule gives (or a note says why not); a skipped month has none."""
    rule = registry.units[plan.unit].theme_day if plan.unit in registry.units else None
    for m_index, month in enumerate(plan.months):
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
                source.line_of("months", m_index, "month"),
                "plan-theme-day",
                f"{month.month} 有 {len(theme_days)} 个主题党日，应恰好 1 个",
                "每月固定开展一次主题党日；确实不开展的月份写 skip 并说明原因",
            )
        expected = rule.date_in(month.month) if rule else None
        for i_index, item in theme_days:
            if expected and item.date != expected and not item.note:
                yield Diagnostic(
                    source.rel,
                    source.line_of("months", m_index, "items", i_index, "date"),
                    "plan-theme-day",
                    f"主题党日是 {item.date}，本单位规定的主题党日（{rule.describe()}）是 {expected}",
                    "改到规定的日子，或写 note 说明调整原因",
                    WARNING,
                )


def check_missing_months(source: Source, plan: Plan) -> Iterator[Diagnostic]:
    written = {month.month for month in plan.months}
    for month in period_months(plan.period):
        if month not in written:
            yield Diagnostic(
                source.rel,
                source.line_of("months"),
                "plan-month-missing",
                f"{month} 没有安排",
                "年度有安排、月月有计划：请补上这个月，放假的月份写 skip 并说明原因",
                WARNING,
            )


def check_ratio(source: Source, plan: Plan, registry: Registry) -> Iterator[Diagnostic]:
    collective, tagged = liangxue_counts(plan.months, registry)
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
    if not any(item.is_secretary_lesson and item.status != "取消" for month in plan.months for item in month.items):
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
