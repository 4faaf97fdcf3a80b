"""The written text: `placeholder` (a template's 请填写 left in), `body-sections` (a case's `##` headings in
order), `title-length`, `body-length`, `body-empty`."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import WARNING, Diagnostic
from ...models.common import zh_len
from ...models.vocab import (
    BODY_MAX,
    BODY_WARN,
    CASE_TITLE_MAX,
    CASE_TITLE_WARN,
    LESSON_TITLE_MAX,
    LESSON_TITLE_WARN,
    SECTIONS,
)
from ...read.markdown import headings
from ...read.sources import Source, key_name
from ..validate import iter_strings
from .fields import Fields

PLACEHOLDER = "请填写"
# (warn, limit) in 字 for titles and bodies; materials carry official titles and may be long texts.
TITLE_LIMITS = {"case": (CASE_TITLE_WARN, CASE_TITLE_MAX), "lesson": (LESSON_TITLE_WARN, LESSON_TITLE_MAX)}
BODY_LIMITS = {"case": (BODY_WARN, BODY_MAX), "lesson": (BODY_WARN, BODY_MAX)}
UNLIMITED = (10**9, 10**9)


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


def check_title_length(source: Source, f: Fields) -> Iterator[Diagnostic]:
    warn, limit = TITLE_LIMITS.get(source.kind, UNLIMITED)
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


def check_body_length(source: Source) -> Iterator[Diagnostic]:
    size = zh_len(source.body)
    body_warn, body_max = BODY_LIMITS.get(source.kind, UNLIMITED)
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
