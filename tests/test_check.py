"""`check`: one fixture per rule, the kitchen sink, output formats, and the real sample content."""

from __future__ import annotations

import re
import sys

import pytest

from build_tools.project import Project
from tests.helpers import REPO, RULES, SAMPLE, TODAY, build, check, diagnostics, make_project

FIXTURES = sorted(p.name for p in RULES.iterdir() if p.is_dir())
# Fixtures named after a scenario rather than the rule they expect.
OTHER_RULE = {
    "media-fields": "required-field",
    "warning-case": "required-field",
    "registry": "duplicate-id",
    "plan-unknown-field": "unknown-field",
    "plan-invalid-url": "invalid-url",
    "material-fields": "required-field",
    "plan-material-reference": "plan-reference",
}
PASSING = {
    "bom-crlf",
    "title-length",
    "plan-month-missing",
    "plan-theme-day-date",
}  # accepted input: no error, at most a warning


@pytest.mark.parametrize("name", FIXTURES)
def test_rule_fixture(tmp_path, name):
    fixture = RULES / name
    root = make_project(tmp_path / "project", overlay=fixture / "content")
    _, done = check(root)
    expected = fixture.joinpath("expected.txt").read_text(encoding="utf-8").splitlines()
    expected = [line for line in expected if line]
    assert diagnostics(done.stdout) == expected
    if name in PASSING:
        assert done.returncode == 0, done.stdout
    else:
        assert done.returncode == 1
        assert expected, "a failing fixture must name its messages"
        # Each fixture is about its own rule (the file is named after it), with path and line.
        rule = OTHER_RULE.get(name, name)
        if name != "kitchen-sink":
            assert any(f"[{rule}]" in line for line in expected), expected
        for line in expected:
            assert re.match(r"content/\S+:\d*:? ", line), line
        assert "检查未通过" in done.stdout


def test_kitchen_sink_reports_every_problem_in_order(tmp_path):
    root = make_project(tmp_path / "project", overlay=RULES / "kitchen-sink" / "content")
    lines = diagnostics(check(root)[1].stdout)
    rules = [line.split("[", 1)[1].split("]", 1)[0] for line in lines]
    assert rules == [
        "file-name",
        "placeholder",
        "title-length",
        "invalid-value",
        "invalid-value",
        "unknown-unit",
        "invalid-date",
        "too-long",
        "unknown-tag",
        "required-field",
        "path-outside-content",
        "required-field",
        "file-missing",
        "unknown-field",
        "invalid-type",
        "unknown-field",
    ]
    line_numbers = [int(line.split(":")[1]) if line.split(":")[1].isdigit() else 0 for line in lines]
    assert line_numbers == sorted(line_numbers)


def test_github_format_prints_annotations(tmp_path):
    root = make_project(tmp_path / "project", overlay=RULES / "unknown-tag" / "content")
    _, done = check(root, fmt="github")
    assert done.returncode == 1
    assert "::error file=content/cases/2017/unknown-tag.md,line=8,title=unknown-tag::标签「师德师分」" in done.stdout


def test_check_only_reports_the_named_paths(tmp_path):
    root = make_project(tmp_path / "project", overlay=RULES / "unknown-tag" / "content")
    _, clean = check(root, root / "content/cases/2017/ceshi-ztdr.md")
    assert clean.returncode == 0, clean.stdout
    _, dirty = check(root, root / "content/cases/2017/unknown-tag.md")
    assert dirty.returncode == 1 and "unknown-tag" in dirty.stdout


LIBRARIES_CHECK_NEVER_NEEDS = ("PIL", "zxingcpp", "icalendar", "jinja2", "mkdocs", "material", "nh3", "playwright")


def test_checking_one_file_loads_no_imaging_qr_or_calendar_library(tmp_path):
    """Validating a file needs only the reader, the schema and the rules: the modules of check and of every library
    above are taken out of sys.modules, then `check PATH` runs here; none of those libraries comes back. (Taken out
    and put back, so that the rest of the run keeps the modules it already has.)"""
    root = make_project(tmp_path / "project", content=SAMPLE)
    ours = ("build_tools.check", "build_tools.read", "build_tools.models", "build_tools.project", "build_tools.diag")
    saved = {
        name: module
        for name, module in sys.modules.items()
        if name.split(".")[0] in LIBRARIES_CHECK_NEVER_NEEDS or name.startswith(ours)
    }
    for name in saved:
        del sys.modules[name]
    try:
        from build_tools.check import checker

        result = checker.run(Project(root, TODAY), [root / "content/materials/xuexi-dangzhang.md"])
        loaded = sorted({n.split(".")[0] for n in sys.modules} & set(LIBRARIES_CHECK_NEVER_NEEDS))
    finally:
        for name in [n for n in sys.modules if n.split(".")[0] in LIBRARIES_CHECK_NEVER_NEEDS or n.startswith(ours)]:
            del sys.modules[name]
        sys.modules.update(saved)
    assert not result.reporter.errors and result.published, "the check ran over the sample"
    assert loaded == []


def test_base_fixture_is_valid(tmp_path):
    _, done = check(make_project(tmp_path / "project"))
    assert done.returncode == 0, done.stdout
    assert "content/ 共 8 个文件：稿件 3（发布 3，草稿 0，定时 0，未通过 0）" in done.stdout


def test_the_live_sample_content_builds_cleanly(tmp_path):
    """The one test of the live content/ (every other test reads fixtures): it checks and builds."""
    done = build(make_project(tmp_path / "project", content=REPO / "content"))
    assert done.returncode == 0, done.stdout + done.stderr
    # Not even a warning, except the two months one sample unit left out of its plan on purpose.
    assert diagnostics(done.stdout) == [
        f"content/plans/2017/hxcz.yml:8: 警告[plan-month-missing] 2017-0{m} 没有安排（年度有安排、月月有计划：请补上这个月，放假的月份写 skip 并说明原因）"
        for m in (1, 2)
    ]


def test_libyaml_and_the_python_parser_read_content_alike():
    """check reads YAML with libyaml (fast) and explains errors with the pure-Python parser: both must give the
    same values and the same key lines for every file of the sample and of the rule fixtures."""
    from build_tools.read import yamlload

    assert yamlload.FastLoader is not yamlload.ContentLoader  # PyYAML here is built with libyaml
    documents = 0
    for path in sorted([*SAMPLE.rglob("*"), *RULES.rglob("*")]):
        if path.suffix not in (".md", ".yml") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        if path.suffix == ".md":
            if not text.startswith("---\n") or "\n---\n" not in text[4:]:
                continue
            text = text[4 : text.index("\n---\n", 4)]
        results = []
        for loader in (yamlload.FastLoader, yamlload.ContentLoader):
            try:
                parsed = yamlload._parse(loader, text, 2)
                results.append((repr(parsed.data), parsed.lines, parsed.duplicates))
            except yamlload.YamlError as exc:
                results.append(("error", exc.line))
        assert results[0] == results[1], path
        documents += 1
    assert documents > 90
