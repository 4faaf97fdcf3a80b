"""What the forms check before saving, in Chinese at the fields, and where their lists come from: the registries
at the last build."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.editor import (
    SCREENSHOTS,
    TIMEOUT_MS,
    branches,
    choose,
    control,
    editor_session,
    field_errors,
    fill,
    git,
    options_of,
    save_button,
    scratch_repository,
    write_markdown,
)
from tests.helpers import SAMPLE, build

pytestmark = pytest.mark.browser

NEW_UNIT = """
- id: lhxx
  name: 中共上海市徐汇区龙华小学支部委员会
  short_name: 龙华小学党支部
  org_type: 党支部
  parent: xhjyxt
  school_type: 小学
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A scratch repository the tests of this module never save to."""
    return scratch_repository(tmp_path_factory.mktemp("cms-forms") / "project", SAMPLE)


def test_an_incomplete_form_cannot_be_saved_and_says_why_at_the_fields(browser, repo):
    with editor_session(browser, repo, 390, 844) as editor:
        editor.login()
        editor.open("collections/lessons-video/new")
        page = editor.page
        fill(page, "slug", "Flexx-DangKe")  # capitals
        fill(page, "duration", "8分30秒")
        fill(page, "reviewed_by", "王某某")  # and no title
        save_button(page).click()
        page.get_by_text("“标题”是必填项").wait_for()
        errors = field_errors(page)
        control(page, "slug").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "online-errors.png"))
    labels = {label.split(" ")[0]: messages for label, messages in errors.items()}
    assert labels["标题"] == ["“标题”是必填项"], errors
    assert labels["英文短名"] == ["英文短名：只能用小写英文字母、数字和短横线 -，如 flexx-ztdr-wubufa"], errors
    assert labels["时长"] == ["时长：写成“分:秒”，如 08:30"], errors
    assert all(message.startswith(("“", label)) for label, messages in labels.items() for message in messages)
    assert branches(repo) == ["main"]  # nothing saved
    assert not editor.outside(), editor.outside()


def test_a_new_case_dated_1_january_is_refused_with_the_way_round(browser, repo):
    """Decap files a new entry by the UTC year of its date: in China 1 January would land in the year before."""
    with editor_session(browser, repo, 1280, 800) as editor:
        editor.login()
        editor.open("collections/cases-exemplary/new")
        page = editor.page
        fill(page, "slug", "flexx-yuandan")
        fill(page, "title", "元旦坚守岗位的党员教师")
        choose(page, "案例类别", "党员示范岗")
        choose(page, "所属单位", "枫林路二小党支部（flexx）")
        fill(page, "summary", "元旦假期，党员教师坚守岗位。")
        choose(page, "标签", "做合格党员")
        fill(page, "author", "张某某")
        fill(page, "reviewed_by", "王某某")
        write_markdown(page, "## 基本情况\n\n略。\n\n## 主要事迹\n\n略。\n\n## 示范意义\n\n略。")
        # The refusal hangs on this one field: entered last and seen in the field before 保存 is pressed.
        date = page.get_by_label("日期", exact=True)
        date.fill("2018-01-01")
        expect(date).to_have_value("2018-01-01", timeout=TIMEOUT_MS)
        save_button(page).click()
        try:
            page.get_by_text("请先把日期改成 1 月 2 日保存一次，再改回 1 月 1 日保存", exact=False).wait_for()
        except PlaywrightError:
            raise AssertionError(f"no refusal shown; messages at the fields: {field_errors(page)}") from None
    assert branches(repo) == ["main"]
    assert not editor.outside(), editor.outside()


def test_a_unit_added_to_the_registry_is_in_the_unit_select_after_a_rebuild(browser, tmp_path):
    repo = scratch_repository(tmp_path / "project", SAMPLE)
    with editor_session(browser, repo, 1280, 800) as editor:
        editor.login()
        editor.open("collections/cases-work/new")
        before = options_of(editor.page, "所属单位")
    units = repo / "content" / "units.yml"
    units.write_text(units.read_text(encoding="utf-8") + NEW_UNIT, encoding="utf-8")
    git(repo, "commit", "--quiet", "--all", "--message", "新单位")
    done = build(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    with editor_session(browser, repo, 1280, 800) as editor:
        editor.login()
        editor.open("collections/cases-work/new")
        after = options_of(editor.page, "所属单位")
    assert "枫林路二小党支部（flexx）" in before and "龙华小学党支部（lhxx）" not in before
    assert after == [*before, "龙华小学党支部（lhxx）"]
