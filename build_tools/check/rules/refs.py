"""References to the registries: `unknown-unit`, `unknown-tag` (content/units.yml, content/tags.yml)."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...models import Registry
from ...read.sources import Source
from ..registries import suggest_tag, suggest_unit
from .fields import Fields


def check_unit(source: Source, f: Fields, registry: Registry) -> Iterator[Diagnostic]:
    unit = f.text("unit")
    if registry.loaded and unit and unit not in registry.units:
        yield Diagnostic(
            source.rel,
            source.line_of("unit"),
            "unknown-unit",
            f"单位「{unit}」不在 content/units.yml 中",
            suggest_unit(registry, unit) or "请填写 units.yml 中的单位编号（id）",
        )


def check_tags(source: Source, f: Fields, registry: Registry) -> Iterator[Diagnostic]:
    if not registry.loaded:
        return
    for index, tag in f.texts("tags"):
        if registry.tag_id(tag.strip()) is None:
            yield Diagnostic(
                source.rel,
                source.line_of("tags", index),
                "unknown-tag",
                f"标签「{tag}」不在 content/tags.yml 中",
                suggest_tag(registry, tag) or "请使用 tags.yml 中已有的标签，或请区教育工委办公室添加",
            )
