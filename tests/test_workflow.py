"""Contributor workflow: templates and `new`, CODEOWNERS, the workflows, pre-commit and `sitediff`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, TODAY, diagnostics, make_project, run

TEMPLATES = REPO / "content" / "_templates"
OFFICE = "@xhjy-dangjian/district-office"
ITEMS = [("case", "--type", v, "case_type") for v in ("工作案例", "先进典型", "警示案例")]
ITEMS += [("lesson", "--format", v, "format") for v in ("视频", "音频", "图文")]
PLANS = [("ceshi-xx", "2018"), ("ceshi-xx", "2017-2018"), ("district", "2018")]


def rules(output: str) -> set[str]:
    return {line.split("[")[1].split("]")[0] for line in diagnostics(output)}


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def fill(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("请填写", "实际内容"), encoding="utf-8")


@pytest.mark.parametrize(("kind", "option", "variant", "field"), ITEMS)
def test_new_item_fails_until_filled(tmp_path, kind, option, variant, field):
    root = make_project(tmp_path / "project")
    chosen = [] if variant in ("工作案例", "视频") else [option, variant]  # the defaults
    made = run(root, "new", kind, "--unit", "ceshi-xx", "--slug", "ceshi-new", *chosen)
    assert made.returncode == 0, made.stderr
    folder = "cases" if kind == "case" else "micro_lessons"
    path = root / f"content/{folder}/2026/ceshi-new.md"
    meta = front_matter(path)
    assert (meta[field], meta["unit"], str(meta["date"])) == (variant, "ceshi-xx", TODAY.isoformat())
    failed = run(root, "check")
    assert failed.returncode == 1
    assert rules(failed.stdout) == {"placeholder"}
    assert all(path.name in line and "请换成实际内容" in line for line in diagnostics(failed.stdout))
    fill(path)
    passed = run(root, "check")
    assert passed.returncode == 0, passed.stdout
    assert diagnostics(passed.stdout) == []


@pytest.mark.parametrize(("unit", "period"), PLANS)
def test_new_plan_passes_once_filled(tmp_path, unit, period):
    root = make_project(tmp_path / "project")
    made = run(root, "new", "plan", "--unit", unit, "--period", period)
    assert made.returncode == 0, made.stderr
    path = root / f"content/plans/{period}/{unit}.yml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (plan["period"], plan["unit"], len(plan["months"])) == (period, unit, 12)
    skipped = [m["month"][5:] for m in plan["months"] if "skip" in m]
    assert skipped == ["07", "08"]
    lessons = [i for m in plan["months"] for i in m.get("items", []) if i["kind"] == "党课"]
    assert len(lessons) == (0 if unit == "district" else 1)
    fill(path)
    passed = run(root, "check")
    assert passed.returncode == 0, passed.stdout
    assert diagnostics(passed.stdout) == []  # not even a warning: every month, on the unit's theme day


def test_new_plan_fails_until_filled(tmp_path):
    root = make_project(tmp_path / "project")
    assert run(root, "new", "plan", "--unit", "ceshi-xx", "--period", "2018").returncode == 0
    failed = run(root, "check")
    assert failed.returncode == 1
    assert rules(failed.stdout) == {"placeholder"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plan", "--unit", "ceshi-xx"], "--period"),
        (["plan", "--unit", "ceshi-xx", "--period", "2017-2019"], "两个年份相连"),
        (["plan", "--unit", "ceshi-xx", "--period", "2017"], "已存在"),
        (["plan", "--unit", "ceshi-xx", "--period", "2018", "--slug", "x"], "不需要 --slug"),
        (["plan", "--unit", "ceshi-x", "--period", "2018"], "ceshi-xx"),
        (["case", "--unit", "ceshi-xx"], "--slug"),
        (["case", "--unit", "ceshi-xx", "--slug", "Bad_Name"], "不符合规则"),
        (["lesson", "--unit", "ceshi-xx", "--slug", "ceshi-c", "--type", "警示案例"], "只用于 new case"),
        (["case", "--unit", "ceshi-xx", "--slug", "ceshi-c", "--format", "图文"], "只用于 new lesson"),
    ],
)
def test_new_rejects_bad_options(tmp_path, args, message):
    root = make_project(tmp_path / "project")
    made = run(root, "new", *args)
    assert made.returncode == 1 and message in made.stderr and "Traceback" not in made.stderr
    assert not list((root / "content").rglob("ceshi-c.md"))


def test_new_uses_the_projects_templates(tmp_path):
    root = make_project(tmp_path / "project")
    shutil.copytree(TEMPLATES, root / "content/_templates")
    own = root / "content/_templates/lesson-text.md"
    own.write_text(own.read_text(encoding="utf-8").replace("# 内容摘要", "# 本项目自己的模板\n# 内容摘要"), "utf-8")
    assert run(root, "new", "lesson", "--unit", "ceshi-xx", "--slug", "ceshi-d", "--format", "图文").returncode == 0
    assert "本项目自己的模板" in (root / "content/micro_lessons/2026/ceshi-d.md").read_text(encoding="utf-8")


def _keys(text: str) -> list[tuple[int, int, str]]:
    """(line index, indent, key) of every `key:` line of a template."""
    found = [(i, re.match(r"^( *)(?:- )?([a-z_]+):", line)) for i, line in enumerate(text.splitlines())]
    return [(i, len(m.group(1)), m.group(2)) for i, m in found if m]


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.iterdir()))
def test_every_template_field_has_a_chinese_comment(name):
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    lines = text.splitlines()

    def commented(index: int) -> bool:
        above = lines[index - 1].strip() if index else ""
        return above.startswith("#") and re.search(r"[\u4e00-\u9fff]", above) is not None

    keys = _keys(text)
    explained = set()
    for position, (index, indent, key) in enumerate(keys):
        parent = next((k for k in reversed(keys[:position]) if k[1] < indent), None)
        if commented(index) or (parent and commented(parent[0])):
            explained.add(key)
    assert {k for _, _, k in keys} - explained == set()
    assert "请填写" in text


def test_templates_are_never_checked_or_published(sample_site):
    assert (REPO / "content/_templates").is_dir()
    assert not [p for p in sample_site.rglob("*") if "_templates" in p.as_posix()]
    for page in sample_site.rglob("*.html"):  # the guide itself does mention 请填写
        assert not re.search("请填写(背景|讲稿|本月主题)", page.read_text(encoding="utf-8")), page


def test_committed_codeowners_is_current():
    done = run(REPO, "codeowners", "--check")
    assert done.returncode == 0, done.stderr + "（运行 python -m build_tools codeowners 后提交）"
    text = (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "python -m build_tools codeowners" in text.splitlines()[0]
    assert "@shili-flexx-shuji" in text


def _owners(path: Path) -> dict[str, list[str]]:
    rules = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return {pattern: owners for pattern, *owners in rules}


def test_unit_with_maintainers_owns_its_files(tmp_path):
    root = make_project(tmp_path / "project")
    units = root / "content/units.yml"
    units.write_text(units.read_text(encoding="utf-8") + "  maintainers: [ceshi-shuji, ceshi-xuanchuan]\n", "utf-8")
    done = run(root, "codeowners")
    assert done.returncode == 0, done.stderr
    owners = _owners(root / ".github/CODEOWNERS")
    unit = ["@ceshi-shuji", "@ceshi-xuanchuan", OFFICE]
    assert owners["*"] == [OFFICE]
    assert owners["/content/units.yml"] == owners["/build_tools/"] == [OFFICE]
    assert owners["/content/cases/2017/ceshi-ztdr.md"] == unit
    assert owners["/content/cases/2017/images/ceshi-1.jpg"] == unit  # the images its case names
    assert owners["/content/micro_lessons/2017/ceshi-dangzhang.md"] == unit
    assert owners["/content/plans/2017/ceshi-xx.yml"] == unit
    assert owners["/content/plans/2017/district.yml"] == [OFFICE]
    patterns = list(owners)
    assert patterns[0] == "*" and patterns == [*patterns[:15], *sorted(patterns[15:])]  # the last match wins
    assert run(root, "codeowners", "--check").returncode == 0
    again = (root / ".github/CODEOWNERS").read_bytes()
    assert run(root, "codeowners").returncode == 0 and (root / ".github/CODEOWNERS").read_bytes() == again
    units.write_text(units.read_text(encoding="utf-8").replace("ceshi-xuanchuan", "ceshi-zuzhi"), "utf-8")
    stale = run(root, "codeowners", "--check")
    assert stale.returncode == 1 and "不是最新的" in stale.stderr
    reviewers = run(root, "codeowners", "--reviewers", "content/cases/2017/ceshi-ztdr.md", "content/tags.yml")
    assert reviewers.stdout.split() == ["ceshi-shuji", "ceshi-zuzhi"]


def _subcommands() -> dict[str, str]:
    """Every `python -m build_tools` subcommand with its --help text."""
    helptext = run(REPO, "--help").stdout
    names = re.search(r"\{([a-z,]+)\}", helptext).group(1).split(",")
    return {name: run(REPO, name, "--help").stdout for name in names}


def _make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([A-Za-z0-9_.-]+):", text, re.M)}


def _commands(text: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """make targets, and (build_tools subcommand, its --options), that a shell snippet runs."""
    makes = re.findall(r"(?:^|[;&|(]\s*|\s)make\s+([A-Za-z0-9_.-]+)", text, re.M)
    tools = [
        (m.group(1), re.findall(r"(--[a-z-]+)", m.group(2)))
        for m in re.finditer(r"-m build_tools\s+([a-z]+)([^\n|;&>]*)", text)
    ]
    return makes, tools


WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def test_workflows_parse_and_run_only_existing_commands():
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "publish.yml"}
    subcommands, targets = _subcommands(), _make_targets()
    seen_make, seen_tools = set(), set()
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["name"] and workflow[True]  # `on:` reads as True in YAML 1.1
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.search(r"@v\d+$", step["uses"]), step["uses"]
                makes, tools = _commands(step.get("run", ""))
                for target in makes:
                    assert target in targets, f"{path.name}: make {target}"
                    seen_make.add(target)
                for name, options in tools:
                    assert name in subcommands, f"{path.name}: python -m build_tools {name}"
                    for option in options:
                        assert option in subcommands[name], f"{path.name}: build_tools {name} {option}"
                    seen_tools.add(name)
    assert {"site", "lint"} <= seen_make
    assert {"check", "sitediff", "build", "codeowners"} <= seen_tools


def test_pull_request_workflow_annotates_builds_and_comments():
    text = (REPO / ".github/workflows/pr.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert "pull_request" in workflow[True]
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    uses = {s.get("uses", "").split("@")[0]: s for s in steps}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert uses["actions/upload-artifact"]["with"]["path"].rstrip("/") == "site"
    assert "actions/github-script" in uses
    runs = [s.get("run", "") for s in steps]
    order = [next(i for i, r in enumerate(runs) if needle in r) for needle in ("check --format github", "make site")]
    assert order == sorted(order)
    publish = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    assert publish[True]["push"]["branches"] == ["main"]


def test_pre_commit_runs_check_on_changed_content():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert all(h["language"] == "system" for h in hooks.values())  # nothing to download
    check = next(h for h in hooks.values() if "-m build_tools check" in h["entry"])
    assert check["files"] == "^content/" and check["pass_filenames"] is True
    assert any("ruff check" in h["entry"] for h in hooks.values())
    assert any("ruff format" in h["entry"] for h in hooks.values())


def _page(body: str, nav: str = "") -> str:
    return f"<html><head><title>{body} - 站点</title></head><body><nav>{nav}</nav><article><h1>{body}</h1></article></body></html>"


def _tree(root: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_sitediff_lists_added_changed_and_removed_pages(tmp_path):
    common = {"index.html": "首页", "cases/a/index.html": "案例甲"}
    old = _tree(
        tmp_path / "old", {r: _page(b, "旧导航") for r, b in {**common, "cases/b/index.html": "案例乙"}.items()}
    )
    new = {**common, "cases/a/index.html": "案例甲（修订）", "cases/c/index.html": "案例丙"}
    new = _tree(tmp_path / "new", {r: _page(b, "新导航") for r, b in new.items()})  # navigation is no change
    (old / "feed.xml").write_text("<rss>1</rss>", encoding="utf-8")
    (new / "feed.xml").write_text("<rss>2</rss>", encoding="utf-8")
    done = run(tmp_path, "sitediff", str(old), str(new))
    assert done.returncode == 0, done.stderr
    sections = {}
    for block in done.stdout.split("#### ")[1:]:
        heading, *items = block.strip().splitlines()
        sections[heading] = [line for line in items if line.startswith("- ")]
    assert sections == {
        "新增的页面（1）": ["- 案例丙 `/cases/c/`"],
        "修改的页面（1）": ["- 案例甲（修订） `/cases/a/`"],
        "删除的页面（1）": ["- 案例乙 `/cases/b/`"],
    }
    assert done.stdout.startswith("<!-- sitediff -->")
    assert "新增 1 个页面，修改 1 个页面，删除 1 个页面" in done.stdout
    assert "另有 1 个其他文件" in done.stdout
    same = run(tmp_path, "sitediff", str(old), str(old))
    assert "网站页面没有变化" in same.stdout and "#### " not in same.stdout
    linked = run(tmp_path, "sitediff", str(old), str(new), "--base-url", "https://preview.example.cn/")
    assert "- [案例丙](https://preview.example.cn/cases/c/) `/cases/c/`" in linked.stdout
    missing = run(tmp_path, "sitediff", str(tmp_path / "none"), str(new))
    assert missing.returncode == 1 and "找不到网站文件夹" in missing.stderr
