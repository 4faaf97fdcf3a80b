"""Read contributor files: bytes -> text -> front matter + body, with the line of every key.

No content rules live here, only what it takes to read a file at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic
from ..project import display
from .yamlload import Parsed, YamlError, parse


@dataclass
class Source:
    path: Path
    rel: str  # as shown in messages
    kind: str  # a name of models.kinds.KINDS, or "registry"
    meta: dict | None = None
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    front_line: int = 1  # line of the opening ---
    problems: list[Diagnostic] = field(default_factory=list)

    def line_of(self, *key) -> int:
        """Line of a key path; falls back to its nearest parent, then the opening ---."""
        path = tuple(key)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.front_line


def key_name(key_path: tuple) -> str:
    """A key path as contributors read it: images[1].src (lists counted from 1)."""
    out = ""
    for part in key_path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def decode(raw: bytes, rel: str) -> tuple[str | None, Diagnostic | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM from Windows Notepad is fine
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            what = "文件不是 UTF-8 编码，看起来是 GBK/GB2312（Windows 中文默认编码）"
        except UnicodeDecodeError:
            what = "文件不是 UTF-8 编码，无法读取"
        hint = "请用记事本打开，选择「另存为」，在「编码」中选择「UTF-8」后保存；WPS 或 VS Code 中也可选择 UTF-8 编码重新保存"
        return None, Diagnostic(rel, line, "file-encoding", what, hint)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def read(path: Path, kind: str, root: Path) -> Source:
    rel = display(path, root)
    source = Source(path=path, rel=rel, kind=kind)
    if path.suffix != ".md":
        source.problems.append(
            Diagnostic(
                rel,
                0,
                "file-type",
                f"稿件必须是 .md 文件，不能是「{path.suffix}」文件",
                "请把文字复制到 python -m build_tools new 生成的 .md 模板里；Word 文档不能直接投稿",
            )
        )
        return source
    try:
        raw = path.read_bytes()
    except OSError as exc:
        source.problems.append(
            Diagnostic(rel, 0, "file-unreadable", f"无法读取文件（{exc.strerror}）", "请检查文件是否存在")
        )
        return source
    text, problem = decode(raw, rel)
    if problem:
        source.problems.append(problem)
        return source
    if not text.strip():
        source.problems.append(
            Diagnostic(rel, 1, "file-empty", "文件是空的", "请用 python -m build_tools new 生成模板后再填写")
        )
        return source
    lines = text.split("\n")
    if lines[0].strip() != "---":
        source.problems.append(
            Diagnostic(
                rel,
                1,
                "front-matter-missing",
                "文件开头没有元数据（front matter）",
                "第一行必须是三个短横线「---」，接着写字段，再用一行「---」结束，然后才是正文",
            )
        )
        return source
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        source.problems.append(
            Diagnostic(rel, 1, "front-matter-missing", "元数据没有结束标记", "请在最后一个字段之后加一行「---」")
        )
        return source
    if not _take_mapping(source, "\n".join(lines[1:end]), 2, "请对照投稿指南中的示例修改"):
        return source
    source.body = "\n".join(lines[end + 1 :])
    source.body_line = end + 2
    return source


def read_yaml(path: Path, kind: str, root: Path) -> Source:
    """A whole-YAML content file (a plan): the document is the front matter, there is no body."""
    rel = display(path, root)
    source = Source(path=path, rel=rel, kind=kind)
    if path.suffix not in (".yml", ".yaml"):
        hint = "计划文件必须是 .yml 文件，请用 content/_templates 或示例计划复制后修改"
        source.problems.append(Diagnostic(rel, 0, "file-type", f"不能识别「{path.suffix}」文件", hint))
        return source
    text, problem = decode(path.read_bytes(), rel)
    if problem:
        source.problems.append(problem)
        return source
    if not text.strip():
        source.problems.append(Diagnostic(rel, 1, "file-empty", "文件是空的", "请参照示例计划填写"))
        return source
    _take_mapping(source, text, 1, "请参照示例计划修改")
    return source


def _take_mapping(source: Source, text: str, first_line: int, hint: str) -> bool:
    """Parse YAML that must be a mapping into source.meta and source.lines; False on failure."""
    try:
        parsed: Parsed = parse(text, first_line=first_line)
    except YamlError as exc:
        source.problems.append(Diagnostic(source.rel, exc.line, "yaml-syntax", exc.problem, hint + "格式"))
        return False
    for key, line in parsed.duplicates:
        source.problems.append(
            Diagnostic(source.rel, line, "yaml-duplicate-key", f"字段 `{key}` 出现了不止一次", "请删除重复的一行")
        )
    if not isinstance(parsed.data, dict):
        what = "元数据" if source.kind != "plan" else "计划文件"
        source.problems.append(
            Diagnostic(source.rel, first_line, "front-matter-invalid", f"{what}必须是「字段名: 值」的形式", hint)
        )
        return False
    source.meta = parsed.data
    source.lines = parsed.lines
    return True
