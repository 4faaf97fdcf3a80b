"""The web editor's form fields, made from the contract's pydantic models: one Decap CMS field per model field, in
the model's order (Decap writes front matter keys in the order of its fields), the model's Chinese title as the
label, its example as the hint, Literal values as select options, limits as patterns, required-ness mirrored.

The closed lists that live in files (units, tags, study materials) come in as `Choices`, so a unit added to
content/units.yml is in the form at the next build."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import annotated_types
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from ..models.vocab import SLUG_PATTERN

SLUG_RULE = "只能用小写英文字母、数字和短横线 -，如 flexx-ztdr-wubufa"
SLUG_HINT = (
    "用作文件名和网址，保存后不能再改：只能用小写英文字母、数字和短横线，建议写“单位编号-内容拼音缩写”，"
    "如 flexx-ztdr-wubufa；同一类稿件不能重名"
)
# Free-text fields that take a paragraph rather than one line.
PARAGRAPHS = {"summary", "caption", "note", "meaning"}
# Files a field names, uploaded beside the item: photos in images/, lesson slides in files/ (the contract's folders).
MEDIA = {
    "src": {"widget": "image", "choose_url": False},
    "poster": {"widget": "image", "choose_url": False},
    "slides": {"widget": "file", "choose_url": False, "media_folder": "files", "public_folder": "files"},
}
LIST_MAX = 99  # Decap flags an empty list only when a list has both min and max (validateMinMax)


@dataclass(frozen=True)
class Choices:
    """The closed lists kept in files: units (id, name), tags (labels), study materials (slug, title)."""

    units: tuple[tuple[str, str], ...]
    tags: tuple[str, ...]
    materials: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Shape:
    """A field's annotation taken apart: the bare type, the metadata of every layer, whether None is allowed."""

    base: Any
    metadata: tuple[Any, ...]
    optional: bool


def shape(annotation: Any, metadata: list[Any]) -> Shape:
    found, optional = list(metadata), False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = typing.get_args(annotation)
            found += extra
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional, annotation = optional or len(rest) < len(typing.get_args(annotation)), rest[0]
        else:
            break
    for item in list(found):  # Field(min_length=…) inside Annotated arrives as a FieldInfo of its own
        if isinstance(item, FieldInfo):
            found += item.metadata
    return Shape(annotation, tuple(found), optional)


def _limit(metadata: tuple[Any, ...], kind: type) -> int | None:
    for item in metadata:
        if isinstance(item, kind):
            return getattr(item, "min_length", None) if kind is annotated_types.MinLen else item.max_length
    return None


def _validator_attribute(metadata: tuple[Any, ...], name: str) -> Any:
    for item in metadata:
        if isinstance(item, AfterValidator | BeforeValidator) and hasattr(item.func, name):
            return getattr(item.func, name)
    return None


def max_chars_pattern(limit: int) -> list[str]:
    """At most `limit` characters other than whitespace: the models' zh_len, as a pattern Decap can check."""
    return [rf"^\s*(?:\S\s*){{1,{limit}}}$", f"不超过 {limit} 字"]


def _hint(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    example = extra.get("example")
    if info.description:
        return info.description
    return f"例如：{example}" if isinstance(example, str) and example and "content/" not in example else None


def _has_defaults(fields: list[dict]) -> bool:
    return any("default" in f or _has_defaults(f.get("fields", [])) for f in fields)


class FieldMaker:
    """Decap fields for one kind's model; `choices` fills the selects of units, tags and materials."""

    def __init__(self, choices: Choices):
        self.choices = choices

    def fields(self, model: type[BaseModel], *, optional: bool = False, needed: frozenset[str] = frozenset()) -> list:
        """The model's fields in order; `optional`: the model is an optional part (its fields are not asked for);
        `needed`: optional fields that this form requires (what `required_when` makes required)."""
        return [
            self.field(name, info, optional=optional and name not in needed, needed=name in needed)
            for name, info in model.model_fields.items()
        ]

    def field(self, name: str, info: FieldInfo, *, optional: bool = False, needed: bool = False) -> dict:
        s = shape(info.annotation, info.metadata)
        required = needed or (info.is_required() and not s.optional and not optional)
        out: dict[str, Any] = {"name": name, "label": info.title or name}
        out |= self._widget(name, s, info, required, optional)
        if not required:
            out["required"] = False
        quiet = out["widget"] in ("select", "list", "object", "hidden", "image", "file")  # no example to show
        hint = info.description if quiet or out["widget"] == "boolean" else _hint(info)
        if hint and "hint" not in out:
            out["hint"] = hint
        return out

    def _widget(self, name: str, s: Shape, info: FieldInfo, required: bool, in_optional_part: bool) -> dict:
        base, default = s.base, info.default if info.default not in (None, ...) else None
        if name in MEDIA:
            return MEDIA[name]
        if name == "slug":
            return {"widget": "lx-slug", "pattern": [SLUG_PATTERN, SLUG_RULE], "hint": SLUG_HINT}
        if name == "unit":
            return self._select([{"label": f"{label}（{uid}）", "value": uid} for uid, label in self.choices.units])
        if name == "material":
            return self._select(
                [{"label": f"{title}（{slug}）", "value": slug} for slug, title in self.choices.materials]
            )
        if typing.get_origin(base) is list:
            return self._list(name, s, info, required, in_optional_part)
        if typing.get_origin(base) is Literal:
            out = self._select(list(typing.get_args(base)))
            return out | ({"default": default} if isinstance(default, str) else {})
        if isinstance(base, type) and issubclass(base, BaseModel):
            return {"widget": "object", "fields": self.fields(base, optional=not required)}
        if base is bool:
            return {"widget": "boolean", "default": bool(default)}
        if base is int:
            low = next((m.ge for m in s.metadata if isinstance(m, annotated_types.Ge)), None)
            return {"widget": "number", "value_type": "int"} | ({"min": low} if low is not None else {})
        if base is dt.date:
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
        return self._text(name, s)

    def _text(self, name: str, s: Shape) -> dict:
        out: dict[str, Any] = {"widget": "text" if name in PARAGRAPHS else "string"}
        limit = _validator_attribute(s.metadata, "limit")
        pattern = _validator_attribute(s.metadata, "pattern")
        if limit is not None:
            out["pattern"] = max_chars_pattern(limit)
        elif pattern is not None:
            out["pattern"] = list(pattern)
        return out

    @staticmethod
    def _select(options: list) -> dict:
        return {"widget": "select", "options": options}

    def _list(self, name: str, s: Shape, info: FieldInfo, required: bool, in_optional_part: bool) -> dict:
        (item,) = typing.get_args(s.base)
        low, high = _limit(s.metadata, annotated_types.MinLen) or 0, _limit(s.metadata, annotated_types.MaxLen)
        counts = ({"min": low} if low else {}) | ({"max": high} if high else {})
        item_shape = shape(item, [])
        if name == "tags":
            return self._select(list(self.choices.tags)) | {"multiple": True} | counts
        if typing.get_origin(item_shape.base) is Literal:
            return self._select(list(typing.get_args(item_shape.base))) | {"multiple": True} | counts
        out: dict[str, Any] = {"widget": "list", "label_singular": info.title or name}
        if isinstance(item_shape.base, type) and issubclass(item_shape.base, BaseModel):
            out["fields"] = self.fields(item_shape.base)
            out["collapsed"] = False
        else:
            out["field"] = {"name": name, "label": info.title or name} | self._text(name, item_shape)
        low = max(low, 1) if required and "field" in out else low  # a needed list of texts: at least one
        if low:  # an empty list is flagged only with default [] and both bounds
            counts = {"min": low, "max": high or LIST_MAX}
        # default []: without it Decap starts a new entry with one item when the item's fields have defaults, and
        # it lets an empty list pass `min`. Elsewhere it would only write `x: []` into new files (and an optional
        # part of the form holding the list as soon as the entry is new).
        needs_empty = low or _has_defaults(out.get("fields", [out.get("field", {})]))
        empty = {"default": []} if needs_empty and not in_optional_part else {}
        return out | empty | counts
