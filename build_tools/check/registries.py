"""Load and check content/units.yml and content/tags.yml, the lists every item refers to."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, did_you_mean
from ..models import Registry, Tag, Unit
from ..project import display
from ..read.sources import Source, decode
from ..read.yamlload import YamlError, parse
from .validate import explain


def suggest_tag(registry: Registry, value: str) -> str:
    return did_you_mean(value, [t.label for t in registry.tags.values()] + list(registry.tags))


def suggest_unit(registry: Registry, value: str) -> str:
    by_name = {u.name: u.id for u in registry.units.values()} | {u.short_name: u.id for u in registry.units.values()}
    if value in by_name:
        return f"单位要写编号，您是否想写「{by_name[value]}」？"
    return did_you_mean(value, list(registry.units))


def _load_list(
    path: Path, model: type[BaseModel], root: Path
) -> tuple[list[tuple[int, BaseModel]], list[Diagnostic], Source]:
    """(line of each valid entry, entry), problems, and the file as a Source for line look-ups."""
    rel = display(path, root)
    source = Source(path=path, rel=rel, kind="registry", meta={})
    if not path.is_file():
        return [], [Diagnostic(rel, 0, "registry-missing", "找不到登记文件", "请由区教育工委办公室提供此文件")], source
    text, problem = decode(path.read_bytes(), rel)
    if problem:
        return [], [problem], source
    try:
        parsed = parse(text)
    except YamlError as exc:
        return [], [Diagnostic(rel, exc.line, "yaml-syntax", exc.problem, "请对照已有条目修改格式")], source
    if not isinstance(parsed.data, list):
        return [], [Diagnostic(rel, 1, "registry-invalid", "登记文件应是一个列表，每项以「- id: …」开头", "")], source
    source.lines = parsed.lines
    items, problems = [], []
    problems += [
        Diagnostic(rel, line, "yaml-duplicate-key", f"字段 `{key}` 出现了不止一次", "请删除重复的一行")
        for key, line in parsed.duplicates
    ]
    seen: dict[str, int] = {}
    for index, raw in enumerate(parsed.data):
        try:
            item = model.model_validate(raw)
        except ValidationError as exc:
            problems += [explain(source, model, e, prefix=(index,), raw=raw) for e in exc.errors()]
            continue
        line = source.line_of(index, "id")
        if item.id in seen:
            problems.append(
                Diagnostic(
                    rel, line, "duplicate-id", f"编号「{item.id}」重复（第 {seen[item.id]} 行已使用）", "请改用其他编号"
                )
            )
            continue
        seen[item.id] = line
        items.append((index, item))
    return items, problems, source


def load(root: Path) -> tuple[Registry, list[Diagnostic]]:
    content = root / "content"
    units, unit_problems, unit_source = _load_list(content / "units.yml", Unit, root)
    tags, tag_problems, tag_source = _load_list(content / "tags.yml", Tag, root)
    problems = unit_problems + tag_problems
    unreadable = ("registry-missing", "registry-invalid", "yaml-syntax", "file-encoding")
    registry = Registry(
        units={u.id: u for _, u in units},
        tags={t.id: t for _, t in tags},
        loaded=not any(p.rule in unreadable for p in problems),
    )
    for index, unit in units:
        if unit.parent and unit.parent not in registry.units:
            problems.append(
                Diagnostic(
                    unit_source.rel,
                    unit_source.line_of(index, "parent"),
                    "unknown-unit",
                    f"单位「{unit.id}」的上级单位「{unit.parent}」不存在",
                    suggest_unit(registry, unit.parent) or "请填写 units.yml 中已有的单位编号",
                )
            )
    names: dict[str, str] = {}
    for index, tag in tags:
        # A label may not repeat, nor equal another tag's id: contributors may write either.
        if tag.label in names or (tag.label in registry.tags and tag.label != tag.id):
            problems.append(
                Diagnostic(
                    tag_source.rel,
                    tag_source.line_of(index, "label"),
                    "duplicate-id",
                    f"标签名称「{tag.label}」与其他标签重复",
                    "每个标签的名称和编号都必须唯一",
                )
            )
        names[tag.label] = tag.id
    return registry, problems
