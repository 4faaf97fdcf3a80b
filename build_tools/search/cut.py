"""A page as Pagefind reads it: the article of the page (no nav, header or footer), without permalinks, scripts,
media players (their fallback text) and the poster link, its text already cut into tokens (tokens.py).

The pages are handed to Pagefind already cut, tagged with the language `und` so that it cuts nothing more. The
worker rebuilds the readable text (and the highlighted excerpt) from the tokens: the first character of each
pair, terms skipped, a ¶ token between blocks.
"""

from __future__ import annotations

import html
import re

from .tokens import Tokenizer

LANGUAGE = "und"  # not zh: Pagefind would cut the tokens again, and so would pagefind.js cut the query
BLOCK = "¶"  # a token after the text of each block, so that the worker shows blocks apart
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
# Not the item's text: code and media elements (a player's fallback text), pictures (whose addresses MkDocs makes
# relative to the page, which the docs tree does not know), permalinks, the poster link.
DROP = re.compile(
    r"<(script|style|svg|template|video|audio)\b.*?</\1>|<!--.*?-->|<(?:img|source)\b[^>]*>"
    r'|<a class="(?:headerlink|item-tools)"[^>]*>.*?</a>',
    re.S | re.IGNORECASE,
)
INLINE = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
TEXT = re.compile(r">([^<]+)<")
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def page_title(page: str, article: str) -> str:
    """The item's title: its <h1>, else the <title> without the site name."""
    heading = H1.search(article)
    if heading:
        return html.unescape(TAG.sub("", DROP.sub("", heading.group(1)))).strip()
    title = TITLE.search(page)
    return html.unescape(title.group(1)).rsplit(" - ", 1)[0].strip() if title else ""


def cut_page(page: str, tokens: Tokenizer) -> str | None:
    """The page as Pagefind reads it: the article's blocks with their text already cut into tokens."""
    article = ARTICLE.search(page)
    if article is None:
        return None
    body = DROP.sub("", article.group(1))
    title = page_title(page, body)
    body = INLINE.sub("", body)  # inline tags would split a word in two

    def cut(match: re.Match) -> str:
        text = tokens.text(html.unescape(match.group(1)))
        return f">{html.escape(text, quote=False)} {BLOCK} <" if text else "> <"

    body = TEXT.sub(cut, body)
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title></title></head>'
        f'<body><h1 data-pagefind-meta="title">{html.escape(title, quote=False)}</h1>'  # outside the body: not indexed
        f"<main data-pagefind-body>{body}</main></body></html>"
    )
