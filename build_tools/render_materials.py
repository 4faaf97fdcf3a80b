"""Study materials -> the library (/materials/), one page per material, tag pages; task links."""

from __future__ import annotations

from . import body
from .collection import Collection, MaterialItem
from .material_rules import SECTIONS
from .models.vocab import CATEGORIES, MATERIAL_KINDS, TOPICS
from .planning import PeriodView
from .render import _render, relative, to_root

SECTION_LABELS = {
    "/": "首页",
    "/cases/": "典型案例",
    "/micro-lessons/": "微党课",
    "/micro-lessons/secretary/": "书记讲党课",
    "/materials/": "学习资料",
    "/plans/": "学习计划",
    "/dashboard/": "落实情况",
    "/units/": "各单位",
    "/tags/": "标签",
    "/archive/": "按月归档",
    "/guide/": "投稿指南",
}


def resolve(link: str, c: Collection) -> tuple[str, str | None]:
    """(label, docs-tree page or None when the target is not published) for a task link."""
    if link.startswith("/"):
        return SECTION_LABELS[link], SECTIONS[link]
    prefix, _, value = link.partition(":")
    value = value.strip()
    if prefix == "tag":
        tag = next(t for t in c.tags.values() if value in (t.id, t.label))
        return f"标签：{tag.label}", f"tags/{tag.id}/index.md"
    if prefix == "category":
        return f"{value}案例", f"cases/category/{CATEGORIES[value]}/index.md"
    if prefix == "topic":
        return f"{value}微党课", f"micro-lessons/topic/{TOPICS[value]}/index.md"
    if prefix == "unit":
        return c.units[value].short_name, f"units/{value}/index.md"
    published = {(i.kind, i.slug): i for i in [*c.items, *c.materials]}
    target = published.get((prefix, value))
    return (target.title, target.page) if target else (value, None)


def used_in(material: MaterialItem, periods: list[PeriodView]) -> list[tuple[str, str]]:
    """(label, month page) of every plan item that cites the material in its readings."""
    found = []
    for view in periods:
        for plan in view.views:
            for month in plan.plan.months:
                for item in month.items:
                    if any(r.material == material.slug for r in item.readings):
                        label = f"{month.month[:4]}年{int(month.month[5:])}月 · {plan.name} · {item.kind}：{item.title}"
                        found.append((label, f"plans/{view.period}/{month.month}/index.md"))
    return found


def render_materials(c: Collection, periods: list[PeriodView]) -> dict[str, str]:
    out: dict[str, str] = {}
    for material in c.materials:
        page = material.page
        tasks = [
            (
                task,
                [
                    (label, relative(page, target) if target else None)
                    for label, target in (resolve(link, c) for link in task.links)
                ],
            )
            for task in material.model.tasks
        ]
        html, toc = body.render(material.body, body.Links("materials", to_root(page), c.pages))
        out[page] = _render(
            "material.md.j2",
            page=page,
            item=material,
            m=material.model,
            item_body=html,
            tasks=tasks,
            used_in=[(label, relative(page, target)) for label, target in used_in(material, periods)],
            toc=toc if toc.count("<li") >= 3 else "",  # only long texts need a table of contents
        )
    tags = {t.id: t for m in c.materials for t in m.tags}
    groups = [(kind, [m for m in c.materials if m.model.kind == kind]) for kind in MATERIAL_KINDS]
    out["materials/index.md"] = _render(
        "materials.md.j2",
        page="materials/index.md",
        title="学习资料",
        groups=[g for g in groups if g[1]],
        tags=[t for t in c.tags.values() if t.id in tags],
        counts={t: sum(1 for m in c.materials if any(x.id == t for x in m.tags)) for t in tags},
    )
    for tag_id, tag in tags.items():
        page = f"materials/tag/{tag_id}/index.md"
        chosen = [m for m in c.materials if tag in m.tags]
        out[page] = _render(
            "materials.md.j2",
            page=page,
            title=f"学习资料：{tag.label}",
            groups=[
                (kind, [m for m in chosen if m.model.kind == kind])
                for kind in MATERIAL_KINDS
                if any(m.model.kind == kind for m in chosen)
            ],
            tags=[t for t in c.tags.values() if t.id in tags],
            counts={t: sum(1 for m in c.materials if any(x.id == t for x in m.tags)) for t in tags},
            current=tag_id,
        )
    return out
