"""Yearly learning plans that satisfy the plan rules: one 主题党日 a month on the unit's theme_day, at least half of
the collective items with a 两学一做 tag, a 党课 by the secretary, August skipped for the summer holiday."""

from __future__ import annotations

import calendar
import datetime as dt
import random

from .units import Unit

LIANGXUE_TAGS = (["两学一做", "党章党规"], ["系列讲话", "两学一做"], ["四讲四有", "做合格党员"], ["四个合格"])
OTHER_TAGS = (["三会一课"], ["师德师风"], ["志愿服务"], ["红色基因"], ["形势政策"])
THEMES = (
    "学党章、守规矩，做合格党员教师",
    "学习系列讲话，坚定理想信念",
    "践行四讲四有，争当育人先锋",
    "弘扬师德师风，办人民满意的教育",
    "传承红色基因，落实立德树人",
    "推进两学一做常态化制度化",
)
ZTDR_TITLES = (
    "重温入党誓词，学习党章规定的党员义务，交纳党费",
    "集中学习系列讲话精神，交流学习体会",
    "观看专题片，对照四个合格查找差距",
    "走进社区开展双报到志愿服务",
    "参观红色场馆，开展现场教学",
)
CONSTITUTION = '{title: 《中国共产党章程》, url: "https://www.12371.cn/special/zggcdzc/", mode: 集体学习}'


def theme_day_date(rule: dict, year: int, month: int) -> dt.date:
    """Same arithmetic as the plan rules: the nth weekday (the last one if the month has no nth), or the day."""
    last = calendar.monthrange(year, month)[1]
    if "day" in rule:
        return dt.date(year, month, min(rule["day"], last))
    offset = (rule["weekday"] - dt.date(year, month, 1).isoweekday()) % 7
    day = 1 + offset + 7 * (rule["nth"] - 1)
    while day > last:
        day -= 7
    return dt.date(year, month, day)


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _item(owner: str, day: dt.date, kind: str, abbr: str, title: str, **extra: str) -> list[str]:
    lines = [
        f"      - id: {owner}-{day:%Y-%m}-{abbr}",
        f"        date: {day.isoformat()}",
        f"        kind: {kind}",
        f"        title: {title}",
    ]
    lines += [f"        {key}: {value}" for key, value in extra.items()]
    return lines


def plan_yaml(rng: random.Random, year: int, unit: Unit | None, lessons: list[str], today: dt.date) -> str:
    """The plan of `unit` (None: the district office's 规定内容) for calendar year `year`."""
    owner = unit.id if unit else "district"
    lines = [
        f"# {unit.short_name if unit else '区教育系统'} {year} 年度学习计划（基准测试生成）",
        f'period: "{year}"',
        f"unit: {owner}",
        f"theme: {rng.choice(THEMES)}",
        "months:",
    ]
    lecture_month = rng.choice((6, 7, 9, 11))
    for month in range(1, 13):
        lines += [f"  - month: {year}-{month:02d}", f"    theme: {rng.choice(THEMES)}"]
        if month == 8:
            lines.append("    skip: 暑假")
            continue
        lines.append("    items:")
        rule = unit.theme_day if unit and unit.theme_day else None
        ztdr = theme_day_date(rule, year, month) if rule else dt.date(year, month, rng.randint(1, 10))

        def status(day: dt.date) -> str:
            return "已完成" if day <= today else "计划"

        lines += _item(
            owner,
            ztdr,
            "主题党日",
            "ztdr",
            rng.choice(ZTDR_TITLES),
            forms="[集中学习, 重温入党誓词, 交纳党费]",
            tags=_flow(rng.choice(LIANGXUE_TAGS)),
            readings=f"[{CONSTITUTION}]",
            participants="全体党员",
            status=status(ztdr),
        )
        other = dt.date(year, month, rng.randint(11, 28))
        if unit:
            lines += _item(
                owner,
                other,
                "支委会",
                "zwh",
                "研究本月支部工作和发展党员工作",
                forms="[民主议事]",
                tags="[三会一课]",
                leader=f"{{name: {unit.secretary}, role: {unit.secretary_role}}}",
                participants="支委",
                status=status(other),
            )
        if month % 2 == 0:
            tags = rng.choice(LIANGXUE_TAGS if rng.random() < 0.5 else OTHER_TAGS)
            lines += _item(
                owner, other, "集中学习", "jzxx", "集中学习上级文件精神", forms="[集中学习, 专题研讨]", tags=_flow(tags)
            )
        if unit and month == lecture_month:
            extra = {"lessons": _flow(lessons[:1])} if lessons else {}
            day = dt.date(year, month, 28)
            lines += _item(
                owner,
                day,
                "党课",
                "dk",
                "书记讲党课：做新时代合格党员教师",
                forms="[党课]",
                tags="[四讲四有, 做合格党员]",
                leader=f"{{name: {unit.secretary}, role: {unit.secretary_role}}}",
                participants="全体党员、入党积极分子",
                status=status(day),
                **extra,
            )
    return "\n".join(lines) + "\n"
