"""Micro lessons: `duration-limit` (3–10 minutes advised, 15 at most), `secretary-role` (a secretary's yearly
lesson is given by a secretary)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...diagnostics import WARNING, Diagnostic
from ...models.lesson import seconds
from ...models.vocab import DURATION_MAX, DURATION_WARN, SECRETARY_ROLES
from ...read.sources import Source
from .fields import Fields


def check_duration(source: Source, f: Fields) -> Iterator[Diagnostic]:
    duration = f.text("duration")
    if not (duration and re.fullmatch(r"\d{1,3}:[0-5]\d", duration)):
        return  # a malformed duration is the schema's error
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


def check_secretary_role(source: Source, f: Fields) -> Iterator[Diagnostic]:
    role = f.text("speaker", "role")
    if f.meta.get("secretary_lecture") is True and role and role not in SECRETARY_ROLES:
        yield Diagnostic(
            source.rel,
            source.line_of("secretary_lecture"),
            "secretary-role",
            f"标为书记年度党课，但主讲人身份是「{role}」",
            f"书记党课的主讲人身份应为 {'、'.join(SECRETARY_ROLES)} 之一；否则删除 secretary_lecture",
        )
