"""Collection -> the generated part of the docs tree, as {path: text}. No file writes here."""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import html
import json
import posixpath
import re
from collections.abc import Iterator

import jinja2

from . import body, parallel, paths
from .collection import KIND_LABEL, Collection, Item
from .models.vocab import CASE_TYPES, CATEGORIES, FORMATS, TOPICS

# Listings: items with their summary (cards) where readers browse, one line each (rows) where they look something
# up by unit, tag or month. Every tag of raw HTML costs the engine twice (Python-Markdown and MkDocs' anchor check
# both parse it): a row has three, a card seven; at thousands of items, that is most of what the listings cost.
PER_PAGE = 50  # cards
ROWS_PER_PAGE = 100
LATEST_ON_HOME = 6
FEED_SIZE = 30
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:])")


def md(text: object) -> str:
    """Plain text made safe inside generated Markdown: shown as written, never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True)).replace("\n", " ")


def yaml_str(text: object) -> str:
    """A front matter value for the generated page. Material prints page.meta.title and .description
    into <title> and <meta> without escaping, so the value is HTML-escaped here; a JSON string is a
    valid YAML scalar."""
    return json.dumps(html.escape(str(text), quote=True), ensure_ascii=False)


def zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def rfc822(day: dt.date) -> str:
    return email.utils.format_datetime(
        dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    )


def relative(from_page: str, to: str) -> str:
    """Link from one docs-tree file to another (MkDocs resolves and checks .md links)."""
    return posixpath.relpath(to, posixpath.dirname(from_page) or ".")


def url_relative(from_page: str, to_file: str) -> str:
    """Link for raw HTML, which MkDocs does not rewrite: from the page's URL to a file."""
    page_dir = posixpath.dirname(from_page) if from_page.endswith("index.md") else from_page[: -len(".md")]
    return posixpath.relpath(to_file, page_dir or ".")


@functools.cache
def to_root(from_page: str) -> str:
    """From a page's URL back to the site root: cases/index.md → ../, cases/page/2.md → ../../../"""
    page_dir = posixpath.dirname(from_page) if from_page.endswith("index.md") else from_page[: -len(".md")]
    return "../" * (page_dir.count("/") + 1) if page_dir else ""


def href(from_page: str, url: str) -> str:
    """Link for raw HTML from a page to a site URL such as `cases/slug/`: through the root, which costs a string
    join where relpath would cost a path walk (listings hold tens of thousands of links)."""
    return to_root(from_page) + url


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths.TEMPLATES),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(md=md, yaml_str=yaml_str, zh_date=zh_date, rfc822=rfc822)
    env.globals.update(
        relative=relative,
        url_relative=url_relative,
        href=href,
        CASE_TYPES=CASE_TYPES,
        CATEGORIES=CATEGORIES,
        TOPICS=TOPICS,
        FORMATS=FORMATS,
        KIND_LABEL=KIND_LABEL,
    )
    return env


_MD = _environment(autoescape=False)
_XML = _environment(autoescape=True)


def _render(template: str, **context) -> str:
    env = _XML if template.endswith(".xml.j2") else _MD
    return env.get_template(template).render(**context)


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


def _listing(
    out: dict, base: str, title: str, items: list[Item], intro: str = "", filters=(), lead: str = "", rows=False
) -> None:
    """A paginated listing of cards, or of rows; `lead` is Markdown shown above the items on the first page."""
    for page, chunk, pager in paginate(base, items, ROWS_PER_PAGE if rows else PER_PAGE):
        chips = [
            (label, relative(page, target), count, target == f"{base}/index.md") for label, target, count in filters
        ]
        out[page] = _render(
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


def _filters(
    top: str, total: int, groups: list[tuple[str, dict[str, str], dict[str, list]]]
) -> list[tuple[str, str, int]]:
    """Chips linking to the whole listing and to each sub-listing that has items: (label, target, count)."""
    chips = [("全部", f"{top}/index.md", total)]
    for base, vocabulary, index in groups:
        chips += [
            (label, f"{base}/{slug}/index.md", len(index[slug]))
            for label, slug in vocabulary.items()
            if index.get(slug)
        ]
    return chips


def item_page(item: Item, pages: dict[str, str | None]) -> tuple[str, str]:
    """(the item's page, its body HTML); `pages` resolves the body's links to other items (Collection.pages)."""
    item_body = body.render(item.body, body.Links(item.content_dir.as_posix(), to_root(item.page), pages))[0]
    template = "case.md.j2" if item.kind == "case" else "lesson.md.j2"
    return _render(template, page=item.page, item=item, m=item.model, item_body=item_body), item_body


def render_site(
    c: Collection,
    site_url: str,
    site_name: str,
    unit_sections: dict[str, str] | None = None,
    current_plan=None,
    bodies_out: dict[str, str] | None = None,
) -> dict[str, str]:
    """The pages; `bodies_out`, when given, receives each item page's body HTML (search_sources.py uses it)."""
    out: dict[str, str] = {}
    for item, (page, item_body) in zip(
        c.items, parallel.map_items(functools.partial(item_page, pages=c.pages), c.items), strict=True
    ):
        out[item.page] = page
        if bodies_out is not None:
            bodies_out[item.page] = item_body

    case_filters = _filters(
        "cases",
        len(c.by_kind["case"]),
        [("cases/type", CASE_TYPES, c.by_case_type), ("cases/category", CATEGORIES, c.by_category)],
    )
    _listing(
        out,
        "cases",
        "典型案例",
        c.by_kind["case"],
        "工作案例、先进典型和警示案例，按发布时间从新到旧排列。",
        case_filters,
    )
    # Every type, category, format and topic has its page, empty or not: URLs stay stable and
    # study materials may link to them.
    for label, slug in CASE_TYPES.items():
        items = c.by_case_type.get(slug, [])
        _listing(out, f"cases/type/{slug}", label, items, f"类型为「{label}」的典型案例。", case_filters)
    for label, slug in CATEGORIES.items():
        items = c.by_category.get(slug, [])
        _listing(out, f"cases/category/{slug}", f"{label}案例", items, f"类别为「{label}」的典型案例。", case_filters)

    lesson_filters = _filters(
        "micro-lessons",
        len(c.by_kind["lesson"]),
        [("micro-lessons/format", FORMATS, c.by_format), ("micro-lessons/topic", TOPICS, c.by_topic)],
    )
    _listing(
        out, "micro-lessons", "微党课", c.by_kind["lesson"], "视频、音频和图文微党课，手机上随时学。", lesson_filters
    )
    for label, slug in FORMATS.items():
        items = c.by_format.get(slug, [])
        _listing(out, f"micro-lessons/format/{slug}", f"{label}微党课", items, "", lesson_filters)
    for label, slug in TOPICS.items():
        items = c.by_topic.get(slug, [])
        _listing(out, f"micro-lessons/topic/{slug}", label, items, f"专题为「{label}」的微党课。", lesson_filters)
    secretary = "各单位党组织书记每年至少讲一次党课：这里是书记年度党课的微党课。"
    _listing(out, "micro-lessons/secretary", "书记讲党课", c.secretary_lectures, secretary, lesson_filters)

    out["units/index.md"] = _render("units.md.j2", page="units/index.md", units=c.units, by_unit=c.by_unit)
    for unit in c.units.values():
        _listing(
            out,
            f"units/{unit.id}",
            unit.name,
            c.by_unit.get(unit.id, []),
            f"{unit.org_type}{'，主题党日：' + unit.theme_day.describe() if unit.theme_day else ''}。",
            lead=(unit_sections or {}).get(unit.id, ""),
            rows=True,
        )
    out["tags/index.md"] = _render("tags.md.j2", page="tags/index.md", tags=c.tags, by_tag=c.by_tag)
    for tag in c.tags.values():
        _listing(out, f"tags/{tag.id}", f"标签：{tag.label}", c.by_tag.get(tag.id, []), tag.meaning, rows=True)
    months = sorted(c.by_month, reverse=True)
    out["archive/index.md"] = _render("archive.md.j2", page="archive/index.md", months=months, by_month=c.by_month)
    for month in months:
        year, number = month.split("-")
        _listing(out, f"archive/{month}", f"{year}年{int(number)}月", c.by_month[month], rows=True)

    out["index.md"] = _render(
        "home.md.j2",
        page="index.md",
        site_name=site_name,
        cases=c.by_kind["case"][:LATEST_ON_HOME],
        lessons=c.by_kind["lesson"][:LATEST_ON_HOME],
        counts={
            "case": len(c.by_kind["case"]),
            "lesson": len(c.by_kind["lesson"]),
            "unit": len(c.units),
            "material": len(c.materials),
        },
        current_plan=current_plan,
    )
    out["feed.xml"] = _render(
        "feed.xml.j2", items=c.items[:FEED_SIZE], site_url=site_url.rstrip("/") + "/", site_name=site_name
    )
    return out
