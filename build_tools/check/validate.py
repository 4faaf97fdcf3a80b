"""Run a model on one file's front matter and explain every failure in Chinese, at its line."""

from __future__ import annotations

import typing
from collections.abc import Iterator

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, did_you_mean
from ..read.sources import Source, key_name

# pydantic error type -> (rule id, message, hint); {key}, {label}, {input} and the error's ctx fill them.
_BUILTIN = {
    "missing": ("required-field", "缺少必填字段 `{key}`（{label}）", "请添加一行，例如「{leaf}: {example}」"),
    "extra_forbidden": ("unknown-field", "未知字段 `{key}`", "{suggest}"),
    "literal_error": ("invalid-value", "`{key}`（{label}）的值「{input}」不在可选范围内", "可选：{options}。{suggest}"),
    "string_type": ("invalid-type", "`{key}`（{label}）应是一段文字", "纯数字等内容请用英文引号括起来"),
    "list_type": ("invalid-type", "`{key}`（{label}）应是列表", "写成 [甲, 乙]，或每行一项「- 甲」"),
    "model_type": ("invalid-type", "`{key}`（{label}）应包含下级字段", "例如 {example}"),
    "dict_type": ("invalid-type", "`{key}`（{label}）应包含下级字段", "例如 {example}"),
    "model_attributes_type": ("invalid-type", "`{key}`（{label}）应包含下级字段", "例如 {example}"),
    "bool_type": ("invalid-type", "`{key}`（{label}）应是 true 或 false", "是写 true，否写 false"),
    "bool_parsing": ("invalid-type", "`{key}`（{label}）应是 true 或 false", "是写 true，否写 false"),
    "int_type": ("invalid-type", "`{key}`（{label}）应是整数", "例如 1"),
    "int_parsing": ("invalid-type", "`{key}`（{label}）应是整数", "例如 1"),
    "int_from_float": ("invalid-type", "`{key}`（{label}）应是整数", "例如 1"),
    "too_short": ("item-count", "`{key}`（{label}）至少需要 {min_length} 项", "请补充"),
    "too_long": ("item-count", "`{key}`（{label}）最多 {max_length} 项，现有 {actual_length} 项", "请删减"),
    "greater_than_equal": ("invalid-value", "`{key}`（{label}）不能小于 {ge}", "请修改"),
    "less_than_equal": ("invalid-value", "`{key}`（{label}）不能大于 {le}", "请修改"),
    "string_pattern_mismatch": (
        "invalid-id",
        "`{key}`（{label}）的值「{input}」格式不对",
        "只能用小写英文字母、数字和短横线，如 xhzx-dzb",
    ),
}
# Our own PydanticCustomError types: the message is already Chinese.
_CUSTOM = {
    "date_format": ("invalid-date", "请写成 YYYY-MM-DD，例如 2017-09-01"),
    "date_invalid": ("invalid-date", "请核对年、月、日（例如 2 月没有 30 日）"),
    "text_too_long": ("too-long", "请精简文字"),
    "empty": ("required-field", "请填写内容"),
    "url_scheme": ("invalid-url", "请填写以 https:// 开头的官方网址"),
    "duration_format": ("invalid-duration", '例如 duration: "08:30"（英文引号）'),
    "reading_target": (
        "invalid-value",
        '例如 {material: xuexi-dangzhang, mode: 集体学习} 或 {title: 名称, url: "https://…"}',
    ),
    "theme_day": ("invalid-value", "每月第一个星期五写 {nth: 1, weekday: 5}，每月15日写 {day: 15}"),
}


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model that owns the last key of `loc` (to suggest its field names)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: object) -> object:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field_info(model: type[BaseModel], loc: tuple):
    keys = [p for p in loc if isinstance(p, str)]
    if not keys:
        return None
    owner = _model_at(model, tuple(loc[: max(i for i, p in enumerate(loc) if isinstance(p, str))]))
    return owner.model_fields.get(keys[-1]) if owner else None


def _real_loc(raw: object, loc: tuple, kind: str) -> tuple:
    """The key path of an error in the contributor's data: pydantic adds union and validator branch
    names (str, list[…], function-after[…]) to `loc`; only keys and indexes present in the data stay,
    plus the last key of a "missing" error, which by definition is not there."""
    out: list = []
    current = raw
    for index, part in enumerate(loc):
        if (isinstance(part, int) and isinstance(current, list) and 0 <= part < len(current)) or (
            isinstance(part, str) and isinstance(current, dict) and part in current
        ):
            out.append(part)
            current = current[part]
        elif kind == "missing" and index == len(loc) - 1 and isinstance(part, str):
            out.append(part)
    return tuple(out)


def explain(source: Source, model: type[BaseModel], error: dict, prefix: tuple = (), raw: object = None) -> Diagnostic:
    kind = error["type"]
    loc = _real_loc(source.meta if raw is None else raw, tuple(error["loc"]), kind)
    info = _field_info(model, loc)
    label = (info.title if info and info.title else "") or (str(loc[-1]) if loc else "")
    example = (info.json_schema_extra or {}).get("example", "…") if info else "…"
    key = key_name(loc)
    leaf = next((p for p in reversed(loc) if isinstance(p, str)), key)
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    line = source.line_of(*prefix, *loc)
    if kind in _CUSTOM:
        rule, hint = _CUSTOM[kind]
        return Diagnostic(source.rel, line, rule, f"`{key}`（{label}）：{error['msg']}", hint)
    if kind in _BUILTIN:
        rule, message, hint = _BUILTIN[kind]
        options = _literal_values(info.annotation) if info else []
        if kind == "extra_forbidden" and loc:
            owner = _model_at(model, loc[:-1])
            suggest = did_you_mean(str(loc[-1]), owner.model_fields if owner else [])
            suggest = suggest or "请删除这一行，或对照投稿指南改成正确的字段名"
        else:
            suggest = did_you_mean(value, options)
        fill = {
            "key": key,
            "leaf": leaf,
            "label": label,
            "input": value if isinstance(value, (str, int, float)) else "",
            "example": example,
            "options": "、".join(options),
            "suggest": suggest,
            **ctx,
        }
        return Diagnostic(source.rel, line, rule, message.format(**fill), hint.format(**fill).rstrip("。 ") or "")
    return Diagnostic(source.rel, line, "invalid-value", f"`{key}`（{label}）：{error['msg']}", "请对照投稿指南修改")


def _literal_values(annotation: object) -> list[str]:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    values: list[str] = []
    for arg in typing.get_args(annotation):
        values += _literal_values(arg)
    return values


# Fields whose value makes other fields required (see the models' required_when).
TRIGGERS = ("case_type", "format", "fulltext")


def validate(source: Source, model: type[BaseModel]) -> tuple[BaseModel | None, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    meta = source.meta or {}
    for key, why in model.required_when(meta).items():  # type: ignore[attr-defined]
        if meta.get(key) is None:
            info = model.model_fields[key]
            problems.append(
                Diagnostic(
                    source.rel,
                    source.line_of(next((k for k in TRIGGERS if k in meta), "")),
                    "required-field",
                    f"缺少字段 `{key}`（{info.title}）：{why}",
                    "请对照投稿指南中的示例补充",
                )
            )
    try:
        return model.model_validate(meta), problems
    except ValidationError as exc:
        return None, problems + [explain(source, model, e) for e in exc.errors()]


def iter_strings(value: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string in a front matter value, with its key path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, (*path, index))
