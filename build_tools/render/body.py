"""Contributor Markdown -> sanitized HTML, before it reaches a page (the second wall against hostile input).

`check` already rejects unsafe raw HTML and URLs line by line (check/rules/html.py); this renders the
body with the site's Markdown extensions and passes the result through nh3 (ammonia), so whatever
slips past the rules — an attr_list `{ onclick=… }`, a new trick — is removed anyway. The page
template embeds the result as a raw HTML block, which MkDocs passes through untouched.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

import markdown
import nh3
from pymdownx.slugs import slugify

from ..read.markdown import target_of

EXTENSIONS = [
    "tables",
    "footnotes",
    "admonition",
    "attr_list",
    "md_in_html",
    "sane_lists",
    "pymdownx.superfences",
    "pymdownx.details",
    "toc",
]
CONFIG = {"toc": {"permalink": True, "slugify": slugify(case="lower"), "toc_depth": "2-3"}}

TAGS = set(nh3.ALLOWED_TAGS) | {"video", "audio", "source", "picture", "figure", "figcaption", "details", "summary"}
TAGS -= {"area", "map"}
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "title", "lang"},
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "width", "height", "loading", "title"},
    "video": {
        "src",
        "poster",
        "controls",
        "preload",
        "playsinline",
        "webkit-playsinline",
        "x5-playsinline",
        "width",
        "height",
    },
    "audio": {"src", "controls", "preload"},
    "source": {"src", "type", "srcset"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
    # footnotes link by id
    "sup": {"id"},
    "li": {"id"},
    "div": {"id"},
    "ol": {"start"},
}
URL_SCHEMES = {"https", "http", "mailto"}  # plus relative URLs; never javascript:, data:, vbscript:


@functools.cache
def _converter() -> markdown.Markdown:
    # One converter, reset before each body: building it (loading every extension) costs more than a body.
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIG, output_format="html")


@dataclass(frozen=True)
class Links:
    """What a body's links to other items' `.md` files resolve against (check/rules/links.py checked them)."""

    folder: str  # the body's file's folder, relative to content/: cases/2017
    to_root: str  # from the body's page URL to the site root: ../../
    pages: Mapping[str, str | None]  # content-relative path → page URL such as cases/slug/ (None: not published)


ANCHOR = re.compile(r'<a\b([^>]*?) href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def link_pages(body_html: str, links: Links) -> str:
    """Links to items' .md files → links to their pages; to an unpublished item → its text only, no link."""

    def page_link(match: re.Match) -> str:
        found = target_of(links.folder, html.unescape(match.group(2)))
        if found is None:
            return match.group(0)
        url = links.pages.get(found[0])
        if url is None:  # a draft or a scheduled item: neither its address nor its existence may show
            return match.group(4)
        href = html.escape(links.to_root + url + (f"#{found[1]}" if found[1] else ""))
        return f'<a{match.group(1)} href="{href}"{match.group(3)}>{match.group(4)}</a>'

    return ANCHOR.sub(page_link, body_html) if ".md" in body_html else body_html


def render(text: str, links: Links | None = None) -> tuple[str, str]:
    """(sanitized body HTML, sanitized table of contents HTML)."""
    md = _converter()
    md.reset()
    converted = md.convert(text)
    clean = {
        "tags": TAGS,
        "attributes": ATTRIBUTES,
        "url_schemes": URL_SCHEMES,
        "link_rel": "noopener noreferrer",
        "strip_comments": True,
    }
    body_html = nh3.clean(converted, **clean)
    if links is not None:  # after nh3: the addresses put in are the site's own
        body_html = link_pages(body_html, links)
    return body_html, nh3.clean(getattr(md, "toc", ""), **clean)
