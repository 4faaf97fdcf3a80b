"""Content rules beyond the field schema: each yields Diagnostics and has a stable rule id.

A rule sees one validated file (`source`, its `model`) plus the registries; `check_slugs` sees all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic_core import PydanticCustomError

from . import file_rules, html_rules
from .diagnostics import WARNING, Diagnostic
from .models.common import parse_date, zh_len
from .models.lesson import seconds
from .models.vocab import (
    BODY_MAX,
    BODY_WARN,
    CASE_TITLE_MAX,
    CASE_TITLE_WARN,
    DURATION_MAX,
    DURATION_WARN,
    LESSON_TITLE_MAX,
    LESSON_TITLE_WARN,
    RESERVED_SLUGS,
    SECRETARY_ROLES,
    SECTIONS,
    SLUG_PATTERN,
)
from .registries import Registry
from .sources import Source, key_name
from .validate import iter_strings

PLACEHOLDER = "请填写"


def check_file_name(source: Source) -> Iterator[Diagnostic]:
    stem = source.path.stem
    if not stem.isascii():
        yield Diagnostic(
            source.rel,
            0,
            "file-name",
            f"文件名「{source.path.name}」含有中文或全角字符",
            "文件名只能用小写英文字母、数字和短横线，如 hyzx-ztdr.md；中文标题写在 title 字段里",
        )
    elif not re.fullmatch(SLUG_PATTERN, stem):
        yield Diagnostic(
            source.rel,
            0,
            "file-name",
            f"文件名「{source.path.name}」不符合规则",
            f"只能用小写英文字母、数字和短横线，如 {re.sub(r'[^a-z0-9]+', '-', stem.lower()).strip('-') or 'hyzx-ztdr'}.md",
        )
    elif stem in RESERVED_SLUGS:
        yield Diagnostic(source.rel, 0, "file-name", f"文件名「{stem}」是网站保留字", "请换一个文件名")


def check_placeholders(source: Source) -> Iterator[Diagnostic]:
    for key_path, text in iter_strings(source.meta or {}):
        if PLACEHOLDER in text:
            key = key_name(key_path)
            yield Diagnostic(
                source.rel, source.line_of(*key_path), "placeholder", f"`{key}` 还是模板里的提示文字", "请换成实际内容"
            )
    if PLACEHOLDER in source.body:
        line = source.body_line + source.body[: source.body.index(PLACEHOLDER)].count("\n")
        yield Diagnostic(source.rel, line, "placeholder", "正文里还有模板的提示文字", "请换成实际内容")


class Fields:
    """Typed reads of the raw front matter, so rules still run when other fields are invalid:
    a contributor gets every problem in one run, not one layer at a time."""

    def __init__(self, meta: dict):
        self.meta = meta

    def text(self, *key_path) -> str | None:
        value = self.meta
        for key in key_path:
            value = value.get(key) if isinstance(value, dict) else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    def texts(self, key: str) -> list[tuple[int, str]]:
        value = self.meta.get(key)
        value = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]

    def date(self) -> dt.date | None:
        try:
            return parse_date(self.meta.get("date"))
        except PydanticCustomError:
            return None

    def images(self) -> list[tuple[int, str]]:
        value = self.meta.get("images")
        items = value if isinstance(value, list) else []
        return [(i, v["src"]) for i, v in enumerate(items) if isinstance(v, dict) and isinstance(v.get("src"), str)]


def check_year_folder(source: Source, f: Fields, root: Path) -> Iterator[Diagnostic]:
    day = f.date()
    if day is None:
        return
    kind_root = root / ("content/cases" if source.kind == "case" else "content/micro_lessons")
    relative = source.path.relative_to(kind_root)
    expected = f"{kind_root.relative_to(root).as_posix()}/{day.year}/{source.path.name}"
    if len(relative.parts) != 2 or relative.parts[0] != str(day.year):
        yield Diagnostic(
            source.rel,
            source.line_of("date"),
            "year-folder",
            f"日期是 {day.year} 年，文件却不在 {day.year} 文件夹里",
            f"请把文件移到 {expected}",
        )


def check_unit(source: Source, f: Fields, registry: Registry) -> Iterator[Diagnostic]:
    unit = f.text("unit")
    if registry.loaded and unit and unit not in registry.units:
        yield Diagnostic(
            source.rel,
            source.line_of("unit"),
            "unknown-unit",
            f"单位「{unit}」不在 content/units.yml 中",
            registry.suggest_unit(unit) or "请填写 units.yml 中的单位编号（id）",
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
                registry.suggest_tag(tag) or "请使用 tags.yml 中已有的标签，或请区教育工委办公室添加",
            )


def headings(source: Source) -> list[tuple[int, str]]:
    """(line, text) of each `##` heading in the body, outside fenced code."""
    found, fenced = [], False
    for offset, line in enumerate(source.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"^##\s+\S", line):
            found.append((source.body_line + offset, line[2:].strip()))
    return found


def check_sections(source: Source, f: Fields) -> Iterator[Diagnostic]:
    case_type = f.text("case_type")
    words = SECTIONS.get(case_type or "", ())
    found = headings(source)
    position = 0
    for word in words:
        match = next((i for i in range(position, len(found)) if word in found[i][1]), None)
        if match is None:
            earlier = any(word in text for _, text in found)
            problem = "顺序不对" if earlier else "缺少"
            yield Diagnostic(
                source.rel,
                source.body_line,
                "body-sections",
                f"{case_type}的正文{problem}含「{word}」的二级标题",
                f"正文应依次包含：{'、'.join(f'## …{w}…' for w in words)}",
            )
        else:
            position = match + 1


# (warn, limit) in 字 for titles and bodies; materials carry official titles and may be long texts.
TITLE_LIMITS = {"case": (CASE_TITLE_WARN, CASE_TITLE_MAX), "lesson": (LESSON_TITLE_WARN, LESSON_TITLE_MAX)}
BODY_LIMITS = {"case": (BODY_WARN, BODY_MAX), "lesson": (BODY_WARN, BODY_MAX)}


def check_lengths(source: Source, f: Fields) -> Iterator[Diagnostic]:
    warn, limit = TITLE_LIMITS.get(source.kind, (10**9, 10**9))
    title = f.text("title") or ""
    if warn < zh_len(title) <= limit:  # above the limit the schema already reports an error
        yield Diagnostic(
            source.rel,
            source.line_of("title"),
            "title-length",
            f"标题 {zh_len(title)} 字，超过建议的 {warn} 字",
            "手机上会显示不全，建议精简",
            WARNING,
        )
    size = zh_len(source.body)
    body_warn, body_max = BODY_LIMITS.get(source.kind, (10**9, 10**9))
    if size > body_max:
        yield Diagnostic(
            source.rel, source.body_line, "body-length", f"正文 {size} 字，超过上限 {body_max} 字", "请精简正文"
        )
    elif size > body_warn:
        yield Diagnostic(
            source.rel,
            source.body_line,
            "body-length",
            f"正文 {size} 字，超过建议的 {body_warn} 字",
            "建议精简，便于手机阅读",
            WARNING,
        )
    elif not source.body.strip():
        yield Diagnostic(
            source.rel,
            source.body_line,
            "body-empty",
            "正文是空的",
            "请在第二个「---」之后写正文" + ("（讲稿或提纲）" if source.kind == "lesson" else ""),
        )


def check_lesson(source: Source, f: Fields) -> Iterator[Diagnostic]:
    duration = f.text("duration")
    if duration and re.fullmatch(r"\d{1,3}:[0-5]\d", duration):
        length = seconds(duration)
        if length > DURATION_MAX:
            yield Diagnostic(
                source.rel,
                source.line_of("duration"),
                "duration-limit",
                f"时长 {duration} 超过微党课上限 15:00",
                "请剪辑到 15 分钟以内",
            )
        elif length > DURATION_WARN:
            yield Diagnostic(
                source.rel,
                source.line_of("duration"),
                "duration-limit",
                f"时长 {duration} 超过建议的 10:00",
                "微党课建议 3—10 分钟",
                WARNING,
            )
    role = f.text("speaker", "role")
    if f.meta.get("secretary_lecture") is True and role and role not in SECRETARY_ROLES:
        yield Diagnostic(
            source.rel,
            source.line_of("secretary_lecture"),
            "secretary-role",
            f"标为书记年度党课，但主讲人身份是「{role}」",
            f"书记党课的主讲人身份应为 {'、'.join(SECRETARY_ROLES)} 之一；否则删除 secretary_lecture",
        )


def check_item(source: Source, registry: Registry, root: Path) -> Iterator[Diagnostic]:
    f = Fields(source.meta or {})
    yield from check_placeholders(source)
    yield from html_rules.check_body(source)
    if source.kind != "material":  # materials live in content/materials/<slug>.md, no year folder
        yield from check_year_folder(source, f, root)
    yield from check_unit(source, f, registry)
    yield from check_tags(source, f, registry)
    yield from file_rules.check_files(source, f, root)
    yield from check_lengths(source, f)
    if source.kind == "case":
        yield from check_sections(source, f)
    else:
        yield from check_lesson(source, f)


def check_slugs(sources: list[Source]) -> Iterator[Diagnostic]:
    first: dict[tuple[str, str], Source] = {}
    for source in sources:
        key = (source.kind, source.path.stem)
        if key in first:
            yield Diagnostic(
                source.rel,
                0,
                "duplicate-slug",
                f"文件名「{source.path.stem}」与 {first[key].rel} 重复",
                "同类内容的文件名不能重复，请换一个文件名",
            )
        else:
            first[key] = source
