"""YAML for contributors: keeps the line of every key, and leaves dates and times as text.

PyYAML's SafeLoader turns `2017-02-30` into a bare ValueError with no file or field, and reads
`10:00` as the base-60 integer 600; both are left as strings here so the schema can explain them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
import yaml.cyaml

Path_ = tuple  # a key path such as ("images", 0, "src")


class ContentLoader(yaml.SafeLoader):
    pass


# libyaml's parser is about ten times faster; errors are re-parsed by the pure-Python one above, whose
# messages _PROBLEMS explains (libyaml words them differently).
_CParser = getattr(yaml.cyaml, "CParser", None) if yaml.__with_libyaml__ else None


ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp",)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Integers and floats without the YAML 1.1 base-60 forms (so "mm:ss" stays a string), and booleans
# only as true/false: the contract has a key `no` (a task's number), which YAML 1.1 reads as False.
_REPLACED = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")
for _first, _resolvers in ContentLoader.yaml_implicit_resolvers.items():
    _resolvers[:] = [(t, r) for t, r in _resolvers if t not in _REPLACED]
ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)
ContentLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)

if _CParser is not None:

    class FastLoader(_CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        def __init__(self, stream):
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    FastLoader.yaml_implicit_resolvers = ContentLoader.yaml_implicit_resolvers
else:  # PyYAML built without libyaml
    FastLoader = ContentLoader


@dataclass
class Parsed:
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)  # key path -> 1-based line
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (key, line)


class YamlError(Exception):
    def __init__(self, line: int, problem: str):
        super().__init__(problem)
        self.line = line
        self.problem = problem


def parse(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document; `first_line` is the file line where `text` starts."""
    try:
        return _parse(FastLoader, text, first_line)
    except YamlError:
        if FastLoader is ContentLoader:
            raise
    return _parse(ContentLoader, text, first_line)


def _parse(loader_class: type, text: str, first_line: int) -> Parsed:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Parsed(None)
        parsed = Parsed(None)
        _walk(node, (), parsed, first_line)
        parsed.data = loader.construct_document(node)
        return parsed
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlError(line, _explain(exc)) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise YamlError(first_line, str(exc)) from None
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: Path_, parsed: Parsed, first_line: int) -> None:
    parsed.lines.setdefault(path, first_line + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = first_line + key_node.start_mark.line
            if key in seen:
                parsed.duplicates.append((key, line))
            seen.add(key)
            parsed.lines[(*path, key)] = line
            _walk(value_node, (*path, key), parsed, first_line)
            parsed.lines[(*path, key)] = line  # the key's line wins over its value's
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), parsed, first_line)


_PROBLEMS = {
    "mapping values are not allowed here": "这里不能出现冒号「:」。如果值里含有英文冒号，请用英文引号把整个值括起来",
    "could not find expected ':'": "缺少「:」，每一行应写成「字段名: 值」",
    "found character '\\t' that cannot start any token": "YAML 中不能使用 Tab 缩进，请改用空格",
    "did not find expected key": "缩进不一致或缺少「:」",
    "found undefined alias": "出现了未定义的「*」别名",
    "did not find expected '-' indicator": "列表的缩进不一致，每一项请用相同数量的空格开头",
}


def _explain(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    for english, chinese in _PROBLEMS.items():
        if problem.startswith(english):
            return chinese
    if "found unexpected end of stream" in problem or "found unexpected" in problem:
        return "引号或括号没有成对闭合"
    return f"YAML 格式错误（{problem}）"
