"""Study materials -> the library (/materials/), one page per material, tag pages; task links."""

from __future__ import annotations

from ..aggregate.collection import Collection, MaterialItem
from ..aggregate.planning import PeriodView
from ..models.vocab import CATEGORIES, MATERIAL_KINDS, SITE_SECTIONS, TOPICS
from . import body
from .templates import relative, render, to_root


def resolve(link: str, c: Collection) -> tuple[str, str | None]:
    """(label, docs-tree page or None when the target is not published) for a task link."""
    if link.startswith("/"):
        return SITE_SECTIONS[link]
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


def material_page(material: MaterialItem, c: Collection, periods: list[PeriodView]) -> str:
    page = material.page
    tasks = []
    for task in material.model.tasks:
        links = [resolve(link, c) for link in task.links]
        tasks.append((task, [(label, relative(page, target) if target else None) for label, target in links]))
    html, toc = body.render(material.body, body.Links("materials", to_root(page), c.pages))
    return render(
        "material.md.j2",
        page=page,
        item=material,
        m=material.model,
        item_body=html,
        tasks=tasks,
        used_in=[(label, relative(page, target)) for label, target in used_in(material, periods)],
        toc=toc if toc.count("<li") >= 3 else "",  # only long texts need a table of contents
    )


def library_pages(c: Collection) -> dict[str, str]:
    """The library (/materials/) grouped by kind, and one page per tag that materials carry."""
    tags = {t.id: t for m in c.materials for t in m.tags}
    shared = {
        "tags": [t for t in c.tags.values() if t.id in tags],
        "counts": {t: sum(1 for m in c.materials if any(x.id == t for x in m.tags)) for t in tags},
    }

    def groups(chosen: list[MaterialItem]) -> list[tuple[str, list[MaterialItem]]]:
        found = [(kind, [m for m in chosen if m.model.kind == kind]) for kind in MATERIAL_KINDS]
        return [(kind, items) for kind, items in found if items]

    out = {
        "materials/index.md": render(
            "materials.md.j2", page="materials/index.md", title="学习资料", groups=groups(c.materials), **shared
        )
    }
    for tag_id, tag in tags.items():
        page = f"materials/tag/{tag_id}/index.md"
        chosen = [m for m in c.materials if tag in m.tags]
        title = f"学习资料：{tag.label}"
        out[page] = render("materials.md.j2", page=page, title=title, groups=groups(chosen), current=tag_id, **shared)
    return out


def render_materials(c: Collection, periods: list[PeriodView]) -> dict[str, str]:
    return {m.page: material_page(m, c, periods) for m in c.materials} | library_pages(c)
