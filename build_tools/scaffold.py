"""`new case|lesson`: a ready-to-fill file where every field has a Chinese comment."""

from __future__ import annotations

import re
import sys

from . import checker, paths
from .models.vocab import SLUG_PATTERN
from .registries import load

TEMPLATES = {"case": paths.TEMPLATES / "new" / "case.md", "lesson": paths.TEMPLATES / "new" / "lesson.md"}
FOLDERS = {"case": paths.CASES, "lesson": paths.LESSONS}


def new(kind: str, unit: str, slug: str) -> int:
    registry, _ = load()
    problems = []
    if not re.fullmatch(SLUG_PATTERN, slug):
        problems.append(f"slug「{slug}」不符合规则：只能用小写英文字母、数字和短横线，如 hyzx-ztdr")
    if unit not in registry.units:
        hint = registry.suggest_unit(unit)
        problems.append(f"单位「{unit}」不在 content/units.yml 中。{hint}")
    today = checker.build_date()
    target = FOLDERS[kind] / str(today.year) / f"{slug}.md"
    existing = [p for p in FOLDERS[kind].rglob(f"{slug}.md")]
    if existing:
        problems.append(f"{paths.display(existing[0])} 已存在，请换一个 slug")
    if problems:
        for problem in problems:
            print(f"错误：{problem}", file=sys.stderr)
        return 1
    text = TEMPLATES[kind].read_text(encoding="utf-8")
    text = text.replace("{unit}", unit).replace("{date}", today.isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已生成 {paths.display(target)}：请把所有「请填写」的地方换成实际内容，然后运行 python -m build_tools check")
    return 0
