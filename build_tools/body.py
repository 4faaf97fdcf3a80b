"""Contributor Markdown -> sanitized HTML, before it reaches a page (the second wall of issue 7).

`check` already rejects unsafe raw HTML and URLs line by line (see html_rules.py); this renders the
body with the site's Markdown extensions and passes the result through nh3 (ammonia), so whatever
slips past the rules — an attr_list `{ onclick=… }`, a new trick — is removed anyway. The page
template embeds the result as a raw HTML block, which MkDocs passes through untouched.
"""

from __future__ import annotations

import functools

import markdown
import nh3
from pymdownx.slugs import slugify

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


def render(text: str) -> tuple[str, str]:
    """(sanitized body HTML, sanitized table of contents HTML)."""
    md = _converter()
    md.reset()
    html = md.convert(text)
    clean = {
        "tags": TAGS,
        "attributes": ATTRIBUTES,
        "url_schemes": URL_SCHEMES,
        "link_rel": "noopener noreferrer",
        "strip_comments": True,
    }
    return nh3.clean(html, **clean), nh3.clean(getattr(md, "toc", ""), **clean)
