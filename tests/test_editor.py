"""The web editor's generated config.yml, its files in the build, and `cms` (make cms) from the command line."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from build_tools.check import checker
from build_tools.editor.config import config_text, editor_config
from build_tools.editor.fields import Choices
from build_tools.models.kinds import CASE, LESSON, MATERIAL, PLAN
from build_tools.models.vocab import CATEGORIES, PLAN_FORMS
from build_tools.project import Project, ProjectError
from build_tools.publish import editor as published_editor
from tests.helpers import REPO, SAMPLE, TODAY, build, make_project

CHOICES = Choices(units=(("flexx", "枫林路二小党支部"),), tags=("两学一做", "主题党日"), materials=(("xuexi", "学习"),))


def collections(config: dict | None = None) -> dict[str, dict]:
    return {c["name"]: c for c in (config or editor_config({}, CHOICES))["collections"]}


def fields(collection: dict) -> dict[str, dict]:
    return {f["name"]: f for f in collection["fields"]}


def test_every_kind_has_its_collections_with_the_models_fields_in_order():
    found = collections()
    assert list(found) == [
        "cases-work", "cases-exemplary", "cases-warning", "lessons-video", "lessons-audio", "lessons-text",
        "materials", "plans",
    ]  # fmt: skip
    for name, model, left_out in (
        ("cases-work", CASE.model, {"source", "violated"}),
        ("cases-warning", CASE.model, set()),
        ("lessons-video", LESSON.model, set()),
        ("lessons-text", LESSON.model, {"duration", "media"}),
        ("materials", MATERIAL.model, set()),
    ):
        expected = [n for n in model.model_fields if n not in left_out] + ["body"]
        assert [f["name"] for f in found[name]["fields"]] == expected, name
        labels = {f["name"]: f["label"] for f in found[name]["fields"]}
        assert all(labels[n] == model.model_fields[n].title for n in expected if n != "body")
    assert [f["name"] for f in found["plans"]["fields"]] == list(PLAN.model.model_fields)


def test_closed_lists_are_selects_and_limits_are_checked_by_the_form():
    case = fields(collections()["cases-work"])
    assert case["category"]["options"] == list(CATEGORIES) and case["category"]["multiple"]
    assert (case["category"]["min"], case["category"]["max"]) == (1, 2)
    assert case["tags"]["options"] == ["两学一做", "主题党日"] and case["tags"]["min"] == 1
    assert case["unit"]["options"] == [{"label": "枫林路二小党支部（flexx）", "value": "flexx"}]
    assert case["title"]["pattern"] == [r"^\s*(?:\S\s*){1,50}$", "不超过 50 字"]
    assert case["slug"]["pattern"][0] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert case["case_type"] == {"name": "case_type", "label": "案例类型", "widget": "hidden", "default": "工作案例"}
    assert case["images"]["fields"][0]["widget"] == "image" and case["images"]["max"] == 5
    assert case["body"]["modes"] == ["raw"]  # rich text would rewrite bodies
    assert re.fullmatch(case["title"]["pattern"][0], "字" * 50) and not re.fullmatch(
        case["title"]["pattern"][0], "字" * 51
    )

    warning = fields(collections()["cases-warning"])
    assert "required" not in warning["source"] and all("required" not in f for f in warning["source"]["fields"])
    assert (warning["violated"]["min"], warning["violated"]["default"]) == (1, [])
    video = fields(collections()["lessons-video"])
    assert "required" not in video["duration"] and video["duration"]["pattern"][0] == r"^\d{1,3}:[0-5]\d$"
    assert not re.fullmatch(video["duration"]["pattern"][0], "8分30秒")

    plan = fields(collections()["plans"])
    assert plan["unit"]["options"][0]["value"] == "district"
    item = {f["name"]: f for f in plan["months"]["fields"][3]["fields"]}
    assert item["forms"]["options"] == list(PLAN_FORMS) and item["status"]["default"] == "计划"
    reading = {f["name"]: f for f in item["readings"]["fields"]}
    assert reading["material"]["options"] == [{"label": "学习（xuexi）", "value": "xuexi"}]


def test_the_git_host_comes_from_mkdocs_yml_and_bad_settings_are_explained():
    config = editor_config(
        {"extra": {"editor": {"backend": "forgejo", "base_url": "https://git.example.org"}}}, CHOICES
    )
    assert config["backend"]["name"] == "forgejo" and config["backend"]["api_root"] == "https://git.example.org/api/v1"
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "zh_Hans"
    assert all(c["publish"] is False for c in config["collections"])
    with pytest.raises(ProjectError, match=r"extra\.editor\.backend 只能是"):
        editor_config({"extra": {"editor": {"backend": "gitea"}}}, CHOICES)  # no editorial workflow in Decap
    with pytest.raises(ProjectError, match="必须以 https:// 开头"):
        editor_config({"extra": {"editor": {"base_url": "http://git.example.org"}}}, CHOICES)


def test_the_built_config_is_deterministic_and_follows_the_registries(sample_site):
    text = (sample_site / "admin" / "config.yml").read_text(encoding="utf-8")
    project = Project(sample_site.parent, TODAY)
    assert text == config_text(project.config, published_editor.choices(checker.run(project)))
    units = yaml.safe_load((SAMPLE / "units.yml").read_text(encoding="utf-8"))
    case = fields(collections(yaml.safe_load(text))["cases-work"])
    assert [o["value"] for o in case["unit"]["options"]] == [u["id"] for u in units]
    tags = yaml.safe_load((SAMPLE / "tags.yml").read_text(encoding="utf-8"))
    assert case["tags"]["options"] == [t["label"] for t in tags]
    page = (sample_site / "admin" / "index.html").read_text(encoding="utf-8")
    for script in re.findall(r'<script src="([^"]+)"', page):
        assert (sample_site / "admin" / script).is_file() and re.fullmatch(r"[a-z-]+\.[0-9a-f]{8}\.js", script)


def test_without_the_npm_packages_the_build_stops_and_says_to_run_make_site(tmp_path, monkeypatch):
    root = make_project(tmp_path / "project")
    monkeypatch.setattr(published_editor, "BUNDLE", tmp_path / "node_modules" / "decap-cms" / "dist" / "decap-cms.js")
    done = build(root)
    assert done.returncode == 1
    assert "make site" in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert not (root / "site").exists()


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def _checkout(root: Path) -> Path:
    make_project(root)
    _git(root, "init", "--quiet", "--initial-branch", "main")
    _git(root, "add", "--all")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.cn", "commit", "--quiet", "--message", "内容")
    return root


def test_cms_refuses_uncommitted_content(tmp_path):
    root = _checkout(tmp_path / "project")
    (root / "content" / "units.yml").write_text("# 改了\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "cms"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 1 and "content/ 里有尚未提交的修改" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_cms_prints_the_editors_address_and_stops_on_ctrl_c(tmp_path):
    root = _checkout(tmp_path / "project")
    process = subprocess.Popen(
        [sys.executable, "-m", "build_tools", "--root", str(root), "cms"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = ""
        for line in process.stdout:
            if re.fullmatch(r"http://127\.0\.0\.1:\d+/admin/\n", line):
                url = line.strip()
                break
        assert url, process.stderr.read()
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert b'rel="cms-config-url"' in answer.read()
        request = urllib.request.Request(url.replace("/admin/", "/api/v1"), data=b'{"action":"info"}', method="POST")
        with urllib.request.urlopen(request, timeout=10) as answer:  # decap-server, through the same origin
            assert b'"publish_modes":["simple","editorial_workflow"]' in answer.read()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        assert "已停止" in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass
