"""Personal data in content files (`personal-data`, `allowlist`): resident ID numbers, mobile numbers, e-mail.

Published texts use 某某 for people; a number is an error unless content/allowlist.yml lists it
with a reason (a school office's public number, say). Messages never repeat the full value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ...diagnostics import Diagnostic
from ...project import display
from ...read.yamlload import YamlError, parse

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![\d])(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![\d])")
EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# Cheap necessary conditions: a pattern that starts with a lookbehind is tried at every character.
ID_GATE = re.compile(r"\d{17}")
MOBILE_GATE = re.compile(r"1[3-9]\d[- ]?\d{4}[- ]?\d{4}")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CODES = "10X98765432"


def valid_id(number: str) -> bool:
    """GB 11643: a real birth date and the ISO 7064 MOD 11-2 check character."""
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], WEIGHTS, strict=True))
    return CHECK_CODES[total % 11] == number[17].upper()


def mask(value: str) -> str:
    return value[:3] + "*" * max(len(value) - 7, 3) + value[-4:] if len(value) > 7 else "***"


def allowlist(root: Path) -> tuple[set[str], list[Diagnostic]]:
    path = root / "content" / "allowlist.yml"
    if not path.is_file():
        return set(), []
    rel = display(path, root)
    try:
        parsed = parse(path.read_text(encoding="utf-8-sig"))
    except (YamlError, UnicodeDecodeError) as exc:
        return set(), [
            Diagnostic(rel, getattr(exc, "line", 1), "yaml-syntax", "允许名单格式错误", "每项写 value 和 reason")
        ]
    values, problems = set(), []
    for index, entry in enumerate(parsed.data or []):
        line = parsed.lines.get((index,), 1)
        if not (
            isinstance(entry, dict) and isinstance(entry.get("value"), str) and str(entry.get("reason") or "").strip()
        ):
            problems.append(
                Diagnostic(
                    rel,
                    line,
                    "allowlist",
                    "允许名单的每一项都要写 value 和 reason",
                    "例如 {value: 021-12345678, reason: 学校办公室公开电话}",
                )
            )
            continue
        values |= {entry["value"], re.sub(r"[- ]", "", entry["value"])}
    return values, problems


def scan(text: str, rel: str, first_line: int, allowed: set[str]) -> Iterator[Diagnostic]:
    # Whole-text searches (no pattern can cross a line break), in the order of a line-by-line reading.
    found = []
    if ID_GATE.search(text):
        found += [(m.start(), 0, "身份证号码", m.group(1)) for m in ID_NUMBER.finditer(text) if valid_id(m.group(1))]
    if MOBILE_GATE.search(text):
        found += [(m.start(), 1, "手机号码", "".join(m.groups())) for m in MOBILE.finditer(text)]
    if "@" in text:
        found += [(m.start(), 2, "电子邮箱", m.group(1)) for m in EMAIL.finditer(text)]
    located = sorted((text.count("\n", 0, start), order, start, what, value) for start, order, what, value in found)
    for offset, _, _, what, value in located:
        if value not in allowed:
            yield Diagnostic(rel, first_line + offset, "personal-data", f"内容里有{what}（{mask(value)}）",
                             "公开内容不能含个人信息，请删除；公开的办公电话等请写进 content/allowlist.yml 并注明理由")  # fmt: skip
