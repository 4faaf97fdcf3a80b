"""`new case|lesson|plan`: a ready-to-fill file from content/_templates, every field with a Chinese comment.

The templates are the same files contributors copy by hand in the hosting site's web editor, so
they hold no special syntax: a value the command can fill in is itself a placeholder
(「请填写单位编号」, 「请填写日期」, …), and a copied template that nobody filled in fails `check`
with the `placeholder` rule.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..check.registries import load, suggest_unit
from ..models import Registry
from ..models.kinds import KINDS
from ..models.plan import period_months
from ..models.vocab import CASE_TYPES, DISTRICT, FORMATS, SLUG_PATTERN
from ..project import CHECKOUT, Project, ProjectError

# The project's own templates; a project copy without them (tests) uses the tools' copy.
OWN_TEMPLATES = CHECKOUT / "content" / "_templates"
DEFAULT_TYPE, DEFAULT_FORMAT = "工作案例", "视频"
UNIT, DATE = "请填写单位编号", "请填写日期"
PERIOD, MONTH, THEME_DAY, LESSON_DAY = "请填写时段", "请填写月份", "请填写主题党日日期", "请填写党课日期"
BLOCK = re.compile(r"^\s*# 【(每月|书记讲党课|放假)】")  # plan.yml: the parts repeated per month
HOLIDAYS = ("07", "08")  # months written with the 放假 part: the summer holiday
PERIOD_PATTERN = re.compile(r"(\d{4})(?:-(\d{4}))?")


def templates_dir(project: Project) -> Path:
    own = project.content / "_templates"
    return own if own.is_dir() else OWN_TEMPLATES


def template_name(kind: str, variant: str | None) -> str:
    if kind == "case":
        return f"case-{CASE_TYPES[variant or DEFAULT_TYPE]}.md"
    if kind == "lesson":
        return f"lesson-{FORMATS[variant or DEFAULT_FORMAT]}.md"
    return "plan.yml"


def split_plan(text: str) -> tuple[str, dict[str, str]]:
    """plan.yml as (the part before the months, {part name: its lines})."""
    head, parts, name = [], {}, None
    for line in text.splitlines(keepends=True):
        match = BLOCK.match(line)
        if match:
            name = match.group(1)
            parts[name] = ""
        if name is None:
            head.append(line)
        else:
            parts[name] += line
    return "".join(head), parts


def _bare(block: str) -> str:
    """A repeated part without its comments: they are read once, at the first month."""
    return "".join(line for line in block.splitlines(keepends=True) if not line.lstrip().startswith("#"))


def plan_text(template: str, unit: str, period: str, registry: Registry) -> str:
    head, parts = split_plan(template)
    rule = registry.units[unit].theme_day if unit in registry.units else None
    lesson_due = unit != DISTRICT  # the secretary's 党课: once, in the first month with activities
    out, seen = [head.replace(PERIOD, period).replace(UNIT, unit)], set()
    for month in period_months(period):
        if month[5:] in HOLIDAYS:
            names = ["放假"]
        else:
            names = ["每月", "书记讲党课"] if lesson_due else ["每月"]
            lesson_due = False
        first = dt.date.fromisoformat(f"{month}-01")
        day = rule.date_in(month) if rule else first
        lesson = day + dt.timedelta(days=7)
        lesson = lesson if lesson.month == day.month else day - dt.timedelta(days=7)
        for name in names:
            block = parts[name] if name not in seen else _bare(parts[name])
            seen.add(name)
            block = block.replace(THEME_DAY, day.isoformat()).replace(LESSON_DAY, lesson.isoformat())
            gap = "\n" if name != "书记讲党课" and len(out) > 1 else ""  # a blank line between months
            out.append(gap + block.replace(UNIT, unit).replace(MONTH, month))
    return "".join(out)


def _check_unit(unit: str, registry: Registry, allow_district: bool) -> list[str]:
    if unit in registry.units or (allow_district and unit == DISTRICT):
        return []
    hint = suggest_unit(registry, unit) or "请写 content/units.yml 中的单位编号（id）"
    return [f"单位「{unit}」不在 content/units.yml 中。{hint}"]


def _options(kind: str, slug, case_type, lesson_format, period) -> list[str]:
    problems = []
    if case_type and kind != "case":
        problems.append("--type（案例类型）只用于 new case")
    if lesson_format and kind != "lesson":
        problems.append("--format（微党课形式）只用于 new lesson")
    if kind == "plan":
        if slug:
            problems.append("学习计划不需要 --slug：文件名就是单位编号")
        if not period:
            problems.append("请用 --period 写时段：自然年如 2017，学年如 2017-2018")
        elif not (m := PERIOD_PATTERN.fullmatch(period)) or (m.group(2) and int(m.group(2)) != int(m.group(1)) + 1):
            problems.append(f"时段「{period}」格式不对：自然年如 2017，学年如 2017-2018（两个年份相连）")
    else:
        if period:
            problems.append("--period（时段）只用于 new plan")
        if not slug:
            problems.append("请用 --slug 写文件名（英文短名），如 --slug hyzx-ztdr")
        elif not re.fullmatch(SLUG_PATTERN, slug):
            problems.append(f"slug「{slug}」不符合规则：只能用小写英文字母、数字和短横线，如 hyzx-ztdr")
    return problems


def new(
    project: Project,
    kind: str,
    unit: str,
    slug: str | None = None,
    case_type: str | None = None,
    lesson_format: str | None = None,
    period: str | None = None,
) -> Path:
    """Write the new file; its path. Every problem with the options at once, as a ProjectError."""
    registry, _ = load(project.root)
    problems = _options(kind, slug, case_type, lesson_format, period)
    problems += _check_unit(unit, registry, allow_district=kind == "plan")
    target, existing = _target(project, kind, unit, slug, period)
    if existing:
        problems.append(f"{project.display(existing[0])} 已存在，请换一个{'时段' if kind == 'plan' else ' slug'}")
    if problems:
        raise ProjectError("\n".join(f"错误：{problem}" for problem in problems))
    template = templates_dir(project) / template_name(kind, case_type or lesson_format)
    text = template.read_text(encoding="utf-8")
    if kind == "plan":
        text = plan_text(text, unit, period, registry)
    else:
        text = text.replace(UNIT, unit).replace(DATE, project.today.isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已生成 {project.display(target)}（模板 content/_templates/{template.name}）")
    print(f"请把所有「请填写」的地方换成实际内容，然后运行 python -m build_tools check {project.display(target)}")
    return target


def _target(project: Project, kind: str, unit: str, slug: str | None, period: str | None) -> tuple[Path, list[Path]]:
    """Where the new file goes, and the files already there under that name."""
    if kind == "plan":
        target = project.content / "plans" / (period or "") / f"{unit}.yml"
        return target, [target] if target.exists() else []
    folder = project.content / KINDS[kind].folder
    target = folder / str(project.today.year) / f"{slug}.md"
    return target, sorted(folder.rglob(f"{slug}.md")) if slug else []
