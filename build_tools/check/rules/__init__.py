"""The rules beyond the field schema, one module per family; each rule yields Diagnostics with a stable rule id
(listed in the 投稿指南, with a failing fixture under tests/fixtures/rules/<rule id>/)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path

from ...diagnostics import Diagnostic
from ...models import Registry
from ...read.sources import Source
from . import files, html, lessons, names, refs, text
from .fields import Fields

# The rules that only one kind of submission has.
KIND_RULES: dict[str, tuple[Callable[[Source, Fields], Iterator[Diagnostic]], ...]] = {
    "case": (text.check_sections,),
    "lesson": (lessons.check_duration, lessons.check_secretary_role),
    "material": (),
}


def check_item(source: Source, registry: Registry, root: Path, decode: bool = True) -> Iterator[Diagnostic]:
    """Every rule about one submission that needs no other file, in the order they are reported on a line;
    `decode`: whether the pictures it names are decoded (Pillow), or only found."""
    f = Fields(source.meta or {})
    yield from text.check_placeholders(source)
    yield from html.check_body(source)
    yield from names.check_year_folder(source, f, root)
    yield from names.check_slug_field(source, f)
    yield from refs.check_unit(source, f, registry)
    yield from refs.check_tags(source, f, registry)
    yield from files.check_files(source, f, root, decode)
    yield from text.check_title_length(source, f)
    yield from text.check_body_length(source)
    yield from chain.from_iterable(rule(source, f) for rule in KIND_RULES[source.kind])
