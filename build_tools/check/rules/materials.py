"""Study materials: every task link must point at something the site has (`task-link`)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic, did_you_mean
from ...models import Material, Registry
from ...models.vocab import CATEGORIES, SITE_SECTIONS, TOPICS
from ...read.sources import Source

PREFIXES = ("tag", "category", "topic", "case", "lesson", "material", "unit")
FORMS = "站内栏目如 /plans/，或 tag:标签、category:案例类别、topic:微党课专题、case:文件名、lesson:文件名、material:文件名、unit:单位编号"


def problem_of(link: str, registry: Registry, slugs: dict[str, set[str]]) -> str | None:
    """None when the link resolves, else what is wrong (with a suggestion)."""
    if link.startswith("/"):
        return None if link in SITE_SECTIONS else f"站内没有栏目「{link}」。{did_you_mean(link, SITE_SECTIONS)}"
    prefix, _, value = link.partition(":")
    value = value.strip()
    choices: dict[str, list[str]] = {
        "tag": [t.label for t in registry.tags.values()] + list(registry.tags),
        "category": list(CATEGORIES),
        "topic": list(TOPICS),
        "case": sorted(slugs.get("case", ())),
        "lesson": sorted(slugs.get("lesson", ())),
        "material": sorted(slugs.get("material", ())),
        "unit": list(registry.units),
    }
    if prefix not in choices:
        suggest = did_you_mean(prefix, PREFIXES)
        return f"不认识的链接「{link}」。" + (f"前缀{suggest}" if suggest else "")
    if value in choices[prefix]:
        return None
    return f"「{link}」指向的内容不存在。{did_you_mean(value, choices[prefix])}"


def check_task_links(
    source: Source, model: Material, registry: Registry, slugs: dict[str, set[str]]
) -> Iterator[Diagnostic]:
    for t_index, task in enumerate(model.tasks):
        for l_index, link in enumerate(task.links):
            problem = problem_of(link, registry, slugs)
            if problem:
                yield Diagnostic(
                    source.rel,
                    source.line_of("tasks", t_index, "links", l_index),
                    "task-link",
                    problem.rstrip("。"),
                    f"链接写法：{FORMS}",
                )
