"""网上投稿, end to end: in chromium at a phone's and a PC's size, a 工作案例 (photo included), a 视频 micro lesson and a
unit's learning plan made through the editor's forms, saved by the local backend as branches of a scratch
repository (never on main), then checked and built as a pull request's merge would be."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.editor import (
    PHOTO,
    SCREENSHOTS,
    TIMEOUT_MS,
    add_item,
    branches,
    choose,
    editor_session,
    fill,
    front_matter,
    git,
    save,
    scratch_repository,
    upload,
    write_markdown,
)
from tests.helpers import SAMPLE, build, check

pytestmark = pytest.mark.browser

CASE_BODY = """## 一、背景

学校党员教师多数担任班主任，志愿服务时间难以统一。

## 二、做法

- 每月第二个星期六开放“党员先锋岗”；
- 服务内容见[主题党日五步法](flexx-ztdr-wubufa.md)。

| 时间 | 内容 |
| --- | --- |
| 9月 | 社区课堂 |

## 三、成效

**一学期**服务社区居民三百余人次。

## 四、启示

志愿服务要固定时间、固定岗位。"""

LESSON_BODY = """## 引言

同志们，今天我们一起学习党章。

## 一、为什么学

党章是立党治党管党的总章程。"""


THEME_DAYS = {"2019": "2019-01-04", "2020": "2020-01-03"}


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    return scratch_repository(tmp_path_factory.mktemp("cms-create") / "project", SAMPLE)


def shot(page, name: str, width: int) -> None:
    if width < 600:  # the guide shows the phone's view
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def create_case(editor, slug: str, width: int) -> None:
    editor.open("collections/cases-work/new")
    page = editor.page
    fill(page, "slug", slug)
    fill(page, "title", "枫林路二小党支部：党员先锋岗服务社区")
    choose(page, "案例类别", "志愿服务", "主题党日")
    choose(page, "所属单位", "枫林路二小党支部（flexx）")
    page.get_by_label("日期", exact=True).fill("2017-09-15")
    fill(page, "summary", "支部每月固定开放党员先锋岗，党员教师走进社区开展志愿服务。")
    choose(page, "标签", "志愿服务", "两学一做")
    fill(page, "author", "张某某")
    fill(page, "reviewed_by", "王某某（党支部书记）")
    shot(page, "online-case-form", width)
    add_item(page, "图片")
    upload(page, PHOTO)
    fill(page, "caption", "党员教师在社区课堂。")
    write_markdown(page, CASE_BODY)
    shot(page, "online-case-body", width)
    if width >= 800:  # the preview pane (hidden on a phone): the page as the site will show it, in its styles
        preview = page.frame_locator("iframe").first
        assert preview.locator("h1").inner_text() == "枫林路二小党支部：党员先锋岗服务社区"
        meta = preview.locator(".item-meta")  # the pane redraws after each change: wait until it shows the last
        expect(meta).to_contain_text("工作案例 · 志愿服务 · 主题党日", timeout=TIMEOUT_MS)
        expect(meta).to_contain_text("枫林路二小党支部（flexx）", timeout=TIMEOUT_MS)
        assert preview.locator(".item-body h2").all_inner_texts() == ["一、背景", "二、做法", "三、成效", "四、启示"]
        styles = preview.locator("link[rel=stylesheet]").evaluate_all("links => links.map(l => l.href)")
        assert any("/assets/stylesheets/main." in href for href in styles), styles
        assert any("/assets/stylesheets/site." in href for href in styles), styles
    save(page)
    shot(page, "online-case-saved", width)
    page.get_by_role("button", name="状态: 草稿").click()  # 草稿 → 审核中: the office sees it is ready
    page.get_by_role("menuitem", name="审核中").click()
    page.get_by_role("button", name="状态: 审核中").wait_for()
    shot(page, "online-case-review", width)


def create_lesson(editor, slug: str) -> None:
    editor.open("collections/lessons-video/new")
    page = editor.page
    fill(page, "slug", slug)
    fill(page, "title", "党章是我们的总章程")
    fill(page, "name", "王某某")
    choose(page, "主讲人身份", "党支部书记")
    choose(page, "所属单位", "枫林路二小党支部（flexx）")
    page.get_by_label("日期", exact=True).fill("2017-10-13")
    fill(page, "duration", "08:30")
    fill(page, "url", "https://media.example.org/wdk/flexx-dangzhang.mp4")
    fill(page, "summary", "支部书记结合学校实际，讲解为什么要学党章、怎样学党章。")
    choose(page, "专题", "党章党规党纪教育")
    choose(page, "标签", "党章党规", "微党课")
    fill(page, "reviewed_by", "周某某（区教育系统党委）")
    write_markdown(page, LESSON_BODY)
    save(page)


def create_plan(editor, period: str, width: int) -> None:
    editor.open("collections/plans/new")
    page = editor.page
    fill(page, "period", period)
    choose(page, "单位", "枫林路二小党支部（flexx）")
    fill(page, "theme", "做“四讲四有”的合格党员教师")
    add_item(page, "月度计划")
    fill(page, "month", f"{period}-01")
    fill(page, "theme", "开好组织生活会", nth=1)
    add_item(page, "活动")
    page.get_by_label("日期", exact=True).fill(THEME_DAYS[period])  # flexx: the first Friday (units.yml)
    choose(page, "活动类型", "主题党日")
    fill(page, "title", "学习党章，交纳党费")
    choose(page, "活动形式", "集中学习", "交纳党费")
    choose(page, "标签", "党章党规", "两学一做")
    add_item(page, "学习材料")
    choose(page, "学习资料", "xuexi-dangzhang", exact=False)
    fill(page, "participants", "全体党员")
    add_item(page, "活动")
    page.get_by_label("日期", exact=True).nth(1).fill(f"{period}-01-18")
    choose(page, "活动类型", "党课", nth=1)
    fill(page, "title", "书记讲党课：做合格党员", nth=2)  # nth 1: the reading's title
    fill(page, "name", "王某某", nth=1)
    choose(page, "负责人身份", "党支部书记", nth=1)
    choose(page, "状态", "已完成", nth=1)
    add_item(page, "月度计划")
    fill(page, "month", f"{period}-02", nth=1)
    fill(page, "theme", "寒假", nth=2)
    fill(page, "skip", "寒假，党员分散休假", nth=1)
    shot(page, "online-plan-form", width)
    save(page)


@pytest.mark.parametrize(("width", "height", "period"), [(1280, 800, "2019"), (390, 844, "2020")])
def test_a_case_a_lesson_and_a_plan_made_in_the_editor_are_branches_that_check_and_build(
    browser, repo, tmp_path, width, height, period
):
    case, lesson = f"flexx-xianfenggang-{width}", f"flexx-dangzhang-{width}"
    main_before = git(repo, "rev-parse", "main")
    with editor_session(browser, repo, width, height) as editor:
        editor.login()
        shot(editor.page, "online-login-list", width)
        create_case(editor, case, width)
        create_lesson(editor, lesson)
        create_plan(editor, period, width)
    assert not editor.outside(), editor.outside()
    assert not editor.errors, editor.errors

    # Editorial workflow: each save is a branch of its own; main has not moved.
    expected = {
        f"cms/cases-work/2017/{case}": [f"content/cases/2017/{case}.md"],
        f"cms/lessons-video/2017/{lesson}": [f"content/micro_lessons/2017/{lesson}.md"],
        f"cms/plans/{period}/flexx": [f"content/plans/{period}/flexx.yml"],
    }
    assert git(repo, "rev-parse", "main") == main_before
    assert set(expected) <= set(branches(repo)), branches(repo)
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    for branch, paths in expected.items():
        changed = git(repo, "diff", "--name-only", f"main...{branch}").split()
        for path in paths:
            assert path in changed, (branch, changed)
    photos = [
        p for p in git(repo, "diff", "--name-only", f"main...cms/cases-work/2017/{case}").split() if "/images/" in p
    ]
    assert len(photos) == 1 and photos[0].startswith("content/cases/2017/images/photo-"), photos

    state = git(repo, "config", f"branch.cms/cases-work/2017/{case}.description").strip()
    assert state == "decap-cms/pending_review"

    meta, body = front_matter(git(repo, "show", f"cms/cases-work/2017/{case}:content/cases/2017/{case}.md"))
    assert meta["slug"] == case and meta["unit"] == "flexx" and meta["tags"] == ["志愿服务", "两学一做"]
    assert meta["images"][0]["src"] == "images/" + photos[0].rsplit("/", 1)[1]
    assert body.strip() == CASE_BODY

    # The merge request's result: check reports no error, build publishes the three.
    merged = tmp_path / "merged"
    git(repo, "worktree", "add", "--quiet", "--detach", str(merged), "main")
    try:
        git(merged, "merge", "--quiet", "--no-edit", *expected)
        _, outcome = check(merged)
        assert outcome.returncode == 0, outcome.stdout
        done = build(merged)
        assert done.returncode == 0, done.stdout + done.stderr
        site = merged / "site"
        assert (site / "cases" / case / "index.html").is_file()
        assert "党员先锋岗服务社区" in (site / "cases" / case / "index.html").read_text(encoding="utf-8")
        assert (site / "micro-lessons" / lesson / "index.html").is_file()
        assert f"{period}-02" in " ".join(str(p) for p in (site / "plans").rglob("*.html")) or any(
            "寒假，党员分散休假" in p.read_text(encoding="utf-8") for p in (site / "plans").rglob("*.html")
        )
    finally:
        git(repo, "worktree", "remove", "--force", str(merged))
