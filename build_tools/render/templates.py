"""The Jinja environment of the pages: filters that make contributor text safe in generated Markdown, and the
links between pages. Rendering returns text; nothing here writes a file."""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import html
import json
import posixpath
import re
from pathlib import Path

import jinja2

from ..models.common import CHINA, zh_date
from ..models.vocab import CASE_TYPES, CATEGORIES, FORMATS, TOPICS

TEMPLATES = Path(__file__).resolve().parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:])")


def md(text: object) -> str:
    """Plain text made safe inside generated Markdown: shown as written, never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True)).replace("\n", " ")


def yaml_str(text: object) -> str:
    """A front matter value for the generated page. Material prints page.meta.title and .description
    into <title> and <meta> without escaping, so the value is HTML-escaped here; a JSON string is a
    valid YAML scalar."""
    return json.dumps(html.escape(str(text), quote=True), ensure_ascii=False)


def rfc822(day: dt.date) -> str:
    return email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=CHINA))


def relative(from_page: str, to: str) -> str:
    """Link from one docs-tree file to another (MkDocs resolves and checks .md links)."""
    return posixpath.relpath(to, posixpath.dirname(from_page) or ".")


def url_relative(from_page: str, to_file: str) -> str:
    """Link for raw HTML, which MkDocs does not rewrite: from the page's URL to a file."""
    page_dir = posixpath.dirname(from_page) if from_page.endswith("index.md") else from_page[: -len(".md")]
    return posixpath.relpath(to_file, page_dir or ".")


def relative_href(page: str, target: str) -> str:
    """Link for raw HTML from a page to a directory URL such as units/flexx/, the shortest way."""
    link = url_relative(page, target.rstrip("/"))
    return link + "/" if target.endswith("/") else link


@functools.cache
def to_root(from_page: str) -> str:
    """From a page's URL back to the site root: cases/index.md → ../, cases/page/2.md → ../../../"""
    page_dir = posixpath.dirname(from_page) if from_page.endswith("index.md") else from_page[: -len(".md")]
    return "../" * (page_dir.count("/") + 1) if page_dir else ""


def root_href(from_page: str, url: str) -> str:
    """Link for raw HTML from a page to a site URL such as `cases/slug/`: through the root, which costs a string
    join where relpath would cost a path walk (listings hold tens of thousands of links)."""
    return to_root(from_page) + url


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
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
        root_href=root_href,
        relative_href=relative_href,
        CASE_TYPES=CASE_TYPES,
        CATEGORIES=CATEGORIES,
        TOPICS=TOPICS,
        FORMATS=FORMATS,
    )
    return env


_MARKDOWN = _environment(autoescape=False)
_XML = _environment(autoescape=True)


def render(template: str, **context) -> str:
    """A template of render/templates/ with its context: XML templates escape every value, Markdown ones use `md`."""
    env = _XML if template.endswith(".xml.j2") else _MARKDOWN
    return env.get_template(template).render(**context)
