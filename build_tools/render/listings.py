"""Listings: items with their summary (cards) where readers browse — all cases, all lessons, by type, category,
format, topic, the secretaries' lectures — and one line each (rows) where they look something up by unit, tag or
month. Every listing is paginated.

Every tag of raw HTML costs the engine twice (Python-Markdown and MkDocs' anchor check both parse it): a row has
three, a card seven; at thousands of items, that is most of what the listings cost.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..aggregate.collection import Collection, Item
from ..models.vocab import CASE_TYPES, CATEGORIES, FORMATS, TOPICS
from .templates import relative, render

PER_PAGE = 50  # cards
ROWS_PER_PAGE = 100
Chip = tuple[str, str, int]  # (label, docs page, count)


def paginate(base: str, items: list[Item], per_page: int = PER_PAGE) -> Iterator[tuple[str, list[Item], dict]]:
    """Pages of a listing: base/index.md, base/page/2.md, … with links between them."""
    count = max(1, -(-len(items) // per_page))
    files = [f"{base}/index.md"] + [f"{base}/page/{n}.md" for n in range(2, count + 1)]
    for number, page in enumerate(files, start=1):
        pager = {
            "number": number,
            "count": count,
            "prev": relative(page, files[number - 2]) if number > 1 else None,
            "next": relative(page, files[number]) if number < count else None,
        }
        yield page, items[(number - 1) * per_page : number * per_page], pager


def listing(
    base: str, title: str, items: list[Item], intro: str = "", filters=(), lead: str = "", rows=False
) -> dict[str, str]:
    """A paginated listing of cards, or of rows; `lead` is Markdown shown above the items on the first page."""
    out = {}
    for page, chunk, pager in paginate(base, items, ROWS_PER_PAGE if rows else PER_PAGE):
        chips = [
            (label, relative(page, target), count, target == f"{base}/index.md") for label, target, count in filters
        ]
        out[page] = render(
            "listing.md.j2",
            page=page,
            title=title,
            intro=intro,
            items=chunk,
            pager=pager,
            filters=chips,
            total=len(items),
            lead=lead if pager["number"] == 1 else "",
            rows=rows,
        )
    return out


def filter_chips(top: str, total: int, groups: list[tuple[str, dict[str, str], dict[str, list]]]) -> list[Chip]:
    """Chips linking to the whole listing and to each sub-listing that has items."""
    chips = [("全部", f"{top}/index.md", total)]
    for base, vocabulary, index in groups:
        chips += [
            (label, f"{base}/{slug}/index.md", len(index[slug]))
            for label, slug in vocabulary.items()
            if index.get(slug)
        ]
    return chips


def case_listings(c: Collection) -> dict[str, str]:
    cases = c.by_kind["case"]
    chips = filter_chips(
        "cases", len(cases), [("cases/type", CASE_TYPES, c.by_case_type), ("cases/category", CATEGORIES, c.by_category)]
    )
    out = listing("cases", "典型案例", cases, "工作案例、先进典型和警示案例，按发布时间从新到旧排列。", chips)
    # Every type, category, format and topic has its page, empty or not: URLs stay stable and
    # study materials may link to them.
    for label, slug in CASE_TYPES.items():
        items = c.by_case_type.get(slug, [])
        out |= listing(f"cases/type/{slug}", label, items, f"类型为「{label}」的典型案例。", chips)
    for label, slug in CATEGORIES.items():
        items = c.by_category.get(slug, [])
        out |= listing(f"cases/category/{slug}", f"{label}案例", items, f"类别为「{label}」的典型案例。", chips)
    return out


def lesson_listings(c: Collection) -> dict[str, str]:
    lessons = c.by_kind["lesson"]
    chips = filter_chips(
        "micro-lessons",
        len(lessons),
        [("micro-lessons/format", FORMATS, c.by_format), ("micro-lessons/topic", TOPICS, c.by_topic)],
    )
    out = listing("micro-lessons", "微党课", lessons, "视频、音频和图文微党课，手机上随时学。", chips)
    for label, slug in FORMATS.items():
        out |= listing(f"micro-lessons/format/{slug}", f"{label}微党课", c.by_format.get(slug, []), "", chips)
    for label, slug in TOPICS.items():
        items = c.by_topic.get(slug, [])
        out |= listing(f"micro-lessons/topic/{slug}", label, items, f"专题为「{label}」的微党课。", chips)
    secretary = "各单位党组织书记每年至少讲一次党课：这里是书记年度党课的微党课。"
    out |= listing("micro-lessons/secretary", "书记讲党课", c.secretary_lectures, secretary, chips)
    return out


def unit_listings(c: Collection, unit_sections: dict[str, str]) -> dict[str, str]:
    """The units' index and each unit's page: its plan (`unit_sections`) above its items."""
    out = {"units/index.md": render("units.md.j2", page="units/index.md", units=c.units, by_unit=c.by_unit)}
    for unit in c.units.values():
        out |= listing(
            f"units/{unit.id}",
            unit.name,
            c.by_unit.get(unit.id, []),
            f"{unit.org_type}{'，主题党日：' + unit.theme_day.describe() if unit.theme_day else ''}。",
            lead=unit_sections.get(unit.id, ""),
            rows=True,
        )
    return out


def tag_listings(c: Collection) -> dict[str, str]:
    out = {"tags/index.md": render("tags.md.j2", page="tags/index.md", tags=c.tags, by_tag=c.by_tag)}
    for tag in c.tags.values():
        out |= listing(f"tags/{tag.id}", f"标签：{tag.label}", c.by_tag.get(tag.id, []), tag.meaning, rows=True)
    return out


def month_listings(c: Collection) -> dict[str, str]:
    months = sorted(c.by_month, reverse=True)
    out = {"archive/index.md": render("archive.md.j2", page="archive/index.md", months=months, by_month=c.by_month)}
    for month in months:
        year, number = month.split("-")
        out |= listing(f"archive/{month}", f"{year}年{int(number)}月", c.by_month[month], rows=True)
    return out
