"""One page per published case and lesson: the meta block and the contributor's body, sanitized."""

from __future__ import annotations

import functools

from .. import parallel
from ..aggregate.collection import Collection, Item
from ..models.kinds import KINDS
from . import body
from .templates import render, to_root


def item_page(item: Item, pages: dict[str, str | None]) -> tuple[str, str]:
    """(the item's page, its body HTML); `pages` resolves the body's links to other items (Collection.pages)."""
    item_body = body.render(item.body, body.Links(item.content_dir.as_posix(), to_root(item.page), pages))[0]
    return render(KINDS[item.kind].template, page=item.page, item=item, m=item.model, item_body=item_body), item_body


def item_pages(c: Collection) -> tuple[dict[str, str], dict[str, str]]:
    """({docs path: page}, {docs path: body HTML}) of every item, on every core when there are many."""
    rendered = parallel.map_items(functools.partial(item_page, pages=c.pages), c.items)
    pages = {item.page: page for item, (page, _) in zip(c.items, rendered, strict=True)}
    bodies = {item.page: item_body for item, (_, item_body) in zip(c.items, rendered, strict=True)}
    return pages, bodies
