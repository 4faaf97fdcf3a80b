"""The web editor under test: a scratch git repository made from a fixture's content, the editor served by the real
`cms` tool (decap-server and our server on 127.0.0.1), Debian chromium, and ways to drive Decap's widgets by their
labels and roles (never by CSS classes, which change with Decap's versions)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from build_tools.read.yamlload import parse
from build_tools.tools import cms
from tests.helpers import FIXTURES, build, make_project

PHOTO = FIXTURES / "editor" / "微信图片_20170915.jpg"  # a Chinese file name, as phones and WeChat name them
TIMEOUT_MS = 60_000  # the editor is a large React page: on a busy 2-core runner a save can take tens of seconds
# Where the tests leave the guide's screenshots (`python -m tests.regen_screenshots` points it at docs/guide/images).
SCREENSHOTS = Path(os.environ.get("CMS_SCREENSHOTS") or tempfile.mkdtemp(prefix="cms-screenshots-"))


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout


def scratch_repository(root: Path, content: Path) -> Path:
    """A project (mkdocs.yml, docs/, overrides/, the given content) committed on `main` of a new git repository,
    then built (site/ is ignored, as in the real checkout)."""
    make_project(root, content=content)
    (root / ".gitignore").write_text("/site/\n/build/\n", encoding="utf-8")
    git(root, "init", "--quiet", "--initial-branch", "main")
    git(root, "config", "user.name", "测试老师")
    git(root, "config", "user.email", "teacher@example.cn")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "样例内容")
    done = build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def branches(repo: Path) -> list[str]:
    return git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/").split()


def front_matter(text: str) -> tuple[dict, str]:
    """(front matter as the project's loader reads it, body) of a Markdown file; a YAML file has no body."""
    if not text.startswith("---\n"):
        return parse(text).data, ""
    head, _, body = text[4:].partition("\n---\n")
    return parse(head).data, body


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == cms.LOCAL


@dataclass
class Editor:
    page: Page
    url: str
    repo: Path
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def login(self) -> None:
        """The local backend's 登录 button, then the collection list."""
        self.page.goto(self.url)
        self.page.get_by_role("button", name="登录").click()
        self.page.get_by_role("link", name="学习资料").first.wait_for()

    def open(self, route: str) -> None:
        """An editor route, through the collection list: going from one entry straight to another keeps the first
        one's values in the form."""
        self.page.evaluate("location.hash = '#/'")
        self.page.get_by_role("link", name="学习资料").first.wait_for()
        self.page.evaluate(f"location.hash = {'#/' + route!r}")


@contextmanager
def editor_session(browser: Browser, repo: Path, width: int, height: int) -> Iterator[Editor]:
    """The editor for `repo` (served from its site/) in a fresh chromium context; outside requests are recorded and
    refused, never sent."""
    with cms.editor(repo / "site", repo, repo.parent / "decap-server.log") as url:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=1,
            is_mobile=width < 600,
            has_touch=width < 600,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        context.set_default_timeout(TIMEOUT_MS)
        session = Editor(context.new_page(), url, repo)
        context.on("request", lambda request: session.requests.append(request.url))
        context.route(lambda url: not is_local(url), lambda route: route.abort())
        session.page.on("pageerror", lambda error: session.errors.append(str(error)))
        try:
            yield session
        finally:
            context.close()


# Widgets. Every control's <label for> names its id (`<name>-field-<n>`); optional fields are labelled
# "<label> (可选)"; inside lists the labels repeat (nth).


def control(page: Page, name: str, nth: int = 0):
    return page.locator(f'[id^="{name}-field-"]').nth(nth)


def fill(page: Page, name: str, value: str, nth: int = 0) -> None:
    """string and text widgets (<input>, <textarea>), by the field's name."""
    control(page, name, nth).fill(value)


def choose(page: Page, label: str, *options: str, nth: int = 0, exact: bool = True) -> None:
    """select widget, single or multiple: open the combobox, click each option."""
    box = page.get_by_role("combobox", name=label, exact=False).nth(nth)
    values = box.locator("xpath=ancestor::div[contains(@class, '-control')][1]").locator(
        "[class*='singleValue'], [class*='multiValue']"
    )
    for option in options:
        chosen = values.filter(has_text=option).first
        for attempt in range(2):  # on a busy runner a click on the open menu is now and then lost: once more
            box.click()
            page.get_by_role("option", name=option, exact=exact).click()
            try:
                chosen.wait_for(timeout=5_000 if attempt == 0 else TIMEOUT_MS)
                break
            except PlaywrightError:
                if attempt:
                    raise AssertionError(f"{label}: 「{option}」 was clicked twice and is not chosen") from None
    box.press("Escape")  # a multiple select keeps its menu open over the fields below


def options_of(page: Page, label: str, nth: int = 0) -> list[str]:
    box = page.get_by_role("combobox", name=label, exact=False).nth(nth)
    box.click()
    names = page.get_by_role("option").all_inner_texts()
    box.press("Escape")
    return names


def add_item(page: Page, label_singular: str, nth: int = 0) -> None:
    page.get_by_role("button", name=f"新增{label_singular}", exact=True).nth(nth).click()


def upload(page: Page, file: Path, nth: int = 0) -> None:
    """image widget: the media library, its file input, then 选用已选中项目 once the upload is in the grid."""
    page.get_by_role("button", name="选择图片", exact=True).nth(nth).click()
    dialog = page.get_by_role("dialog")
    dialog.locator('input[type="file"]').set_input_files(str(file))
    insert = dialog.get_by_role("button", name="选用已选中项目")
    page.wait_for_function("button => !button.disabled", arg=insert.element_handle(), timeout=TIMEOUT_MS)
    insert.click()
    dialog.wait_for(state="detached")


def write_markdown(page: Page, text: str) -> None:
    """The body, in the markdown widget's raw mode (a Slate editor, one block per line)."""
    box = page.locator('[role="textbox"][contenteditable="true"]').first
    box.scroll_into_view_if_needed()
    box.click()
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line:
            page.keyboard.insert_text(line)
        if index < len(lines) - 1:
            page.keyboard.press("Enter")


def save_button(page: Page):
    return page.get_by_role("button", name="保存", exact=True)


def save(page: Page) -> None:
    """保存, then wait until the toolbar says it is saved (and, for a new entry, until Decap has reloaded it)."""
    was_new = page.url.endswith("/new")
    save_button(page).click()
    try:
        page.get_by_text("修改已保存").wait_for(timeout=30_000)
    except PlaywrightError:
        raise AssertionError(f"not saved; messages at the fields: {field_errors(page)}") from None
    if was_new:
        page.wait_for_url(lambda url: not url.endswith("/new"), timeout=TIMEOUT_MS)
        page.wait_for_timeout(500)


def field_errors(page: Page) -> dict[str, list[str]]:
    """The messages shown at each field: {label text: [message, …]}."""
    return page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('ul'))
             .filter(ul => ul.querySelector('li') && ul.parentElement && ul.parentElement.querySelector('label'))
             .map(ul => [ul.parentElement.querySelector('label').innerText.trim(),
                         Array.from(ul.querySelectorAll('li')).map(li => li.innerText.trim()).filter(Boolean)])
             .filter(pair => pair[1].length))"""
    )
