"""Diagnostics: the problem record every stage reports (file, line, rule id, message, hint), collected in one run
and printed for a terminal or as GitHub annotations."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"
_LABEL = {ERROR: "错误", WARNING: "警告", NOTICE: "提示"}


@dataclass(frozen=True)
class Diagnostic:
    path: str  # relative to the project root, forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    rule: str  # stable kebab-case id, documented in the guide
    message: str  # what is wrong, in Chinese
    hint: str = ""  # how to fix it, in Chinese
    severity: str = ERROR

    def text(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        hint = f"（{self.hint}）" if self.hint else ""
        return f"{where}: {_LABEL[self.severity]}[{self.rule}] {self.message}{hint}"

    def github(self) -> str:
        # GitHub annotation syntax: commas and newlines in properties/messages must be escaped.
        def esc(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        line = f",line={self.line}" if self.line else ""
        body = esc(self.message + (f"（{self.hint}）" if self.hint else ""))
        prop = esc(self.path).replace(",", "%2C").replace(":", "%3A")
        return f"::{self.severity} file={prop}{line},title={self.rule}::{body}"


@dataclass
class Reporter:
    """Collects diagnostics from every stage; nothing stops at the first problem."""

    items: list[Diagnostic] = field(default_factory=list)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]

    def sorted(self) -> list[Diagnostic]:
        # Stable sort: within one line, the order in which the checks found them.
        return sorted(self.items, key=lambda d: (d.path, d.line))

    def print(self, fmt: str = "text", stream: TextIO | None = None) -> None:
        out = stream or sys.stdout
        for diagnostic in self.sorted():
            print(diagnostic.github() if fmt == "github" else diagnostic.text(), file=out)
        files = len({d.path for d in self.errors})
        if self.errors:
            print(
                f"检查未通过：{files} 个文件中共有 {len(self.errors)} 个错误、{len(self.warnings)} 个警告。", file=out
            )
        elif self.warnings:
            print(f"检查通过，但有 {len(self.warnings)} 个警告，建议修改。", file=out)


def closest(value: object, choices: Iterable[str]) -> str | None:
    """The choice closest to what was written, or None when nothing is close."""
    if not isinstance(value, str):
        return None
    options = list(choices)
    match = difflib.get_close_matches(value, options, n=1, cutoff=0.5)
    if not match:
        lowered = {o.lower(): o for o in options}
        if value.strip().lower() in lowered:
            match = [lowered[value.strip().lower()]]
        else:
            match = [o for o in options if value and (value in o or o in value)][:1]
    return match[0] if match else None


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """「您是否想写「…」？」 for the closest choice, or '' when nothing is close."""
    match = closest(value, choices)
    return f"您是否想写「{match}」？" if match is not None else ""
