"""One page per published case and lesson: the meta block and the contributor's body, sanitized.

Rendering a body (Markdown, then sanitizing) is most of a build's own work, so the pages made last time are
reused when nothing they are made of changed: `ItemPages` holds them by a key of everything an item page
depends on — the item as read (front matter, body, its unit and tags as the registries give them), which items
are published where (the body's links to them), and the code that renders (this package, the models).
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from .. import parallel
from ..aggregate.collection import Collection, Item
from ..models.kinds import KINDS
from . import body
from .templates import render, to_root

TOOLS = Path(__file__).resolve().parents[1]
CODE = ("render", "models", "aggregate")  # the packages whose code an item page depends on


def item_page(item: Item, pages: dict[str, str | None]) -> tuple[str, str]:
    """(the item's page, its body HTML); `pages` resolves the body's links to other items (Collection.pages)."""
    item_body = body.render(item.body, body.Links(item.content_dir.as_posix(), to_root(item.page), pages))[0]
    return render(KINDS[item.kind].template, page=item.page, item=item, m=item.model, item_body=item_body), item_body


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


@functools.cache
def code_key() -> str:
    files = sorted(p for package in CODE for p in (TOOLS / package).rglob("*") if p.suffix in (".py", ".j2"))
    return _sha1(b"".join(p.relative_to(TOOLS).as_posix().encode() + p.read_bytes() for p in files))


def item_key(item: Item, shared: str) -> str:
    """Everything the item's page is made of; `shared`: what all pages share (code, published items)."""
    parts = [shared, item.kind, item.slug, item.content_dir.as_posix(), item.body, repr(item.unit), repr(item.tags)]
    return _sha1("\0".join([*parts, item.model.model_dump_json()]).encode())


def item_pages(c: Collection, known: dict[str, list[str]] | None = None) -> tuple[dict, dict, dict]:
    """({docs path: page}, {docs path: body HTML}, the pages by key for the next build) of every item, reusing the
    `known` pages of last time; the others on every core when there are many."""
    known = known or {}
    links = json.dumps(sorted(c.pages.items()), ensure_ascii=False)
    shared = _sha1(f"{code_key()}\0{links}".encode())
    keys = [item_key(item, shared) for item in c.items]
    missing = [index for index, key in enumerate(keys) if key not in known]
    render_one = functools.partial(item_page, pages=c.pages)
    made = dict(zip(missing, parallel.map_items(render_one, [c.items[i] for i in missing]), strict=True))
    pages, bodies, kept = {}, {}, {}
    for index, (item, key) in enumerate(zip(c.items, keys, strict=True)):
        page, item_body = made[index] if index in made else known[key]
        pages[item.page], bodies[item.page], kept[key] = page, item_body, [page, item_body]
    return pages, bodies, kept
