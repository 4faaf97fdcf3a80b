"""Nothing lost: every sample file opened in the editor and saved keeps every key, value and body.

The editor cannot save an unchanged entry (保存 stays disabled), so each file is saved with one field changed
(「（改）」 appended); everything else must come back as it was: the same values (formatting and comments may
change), a byte-identical body, a clean `check`, and built pages whose text differs only by that change."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.editor.config import CASE_VARIANTS, LESSON_VARIANTS
from tests.browser.editor import control, editor_session, front_matter, git, save, save_button, scratch_repository
from tests.helpers import SAMPLE, build, check

pytestmark = pytest.mark.browser

MARK = "（改）"
# The field changed in each kind: one every file of the kind has.
CHANGED = {"cases": "author", "micro_lessons": "reviewed_by", "materials": "issuer", "plans": "theme"}


def collection_of(path: Path, meta: dict) -> str:
    folder = path.relative_to(SAMPLE).parts[0]
    if folder == "cases":
        return "cases-" + next(k for k, v in CASE_VARIANTS.items() if v == meta["case_type"])
    if folder == "micro_lessons":
        return "lessons-" + next(k for k, v in LESSON_VARIANTS.items() if v == meta["format"])
    return folder


def samples() -> list[Path]:
    kinds = ("cases", "micro_lessons", "materials", "plans")
    return sorted(p for kind in kinds for p in (SAMPLE / kind).rglob("*") if p.suffix in (".md", ".yml"))


def entry_route(path: Path, meta: dict) -> tuple[str, str]:
    """(editor route, branch) of a sample file: the entry's slug is its path under the folder, without suffix."""
    collection = collection_of(path, meta)
    folder = path.relative_to(SAMPLE).parts[0]
    slug = path.relative_to(SAMPLE / folder).with_suffix("").as_posix()
    return f"collections/{collection}/entries/{slug}", f"cms/{collection}/{slug}"


def page_texts(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_every_sample_file_saved_in_the_editor_keeps_every_value_and_its_body(browser, sample_site, tmp_path):
    repo = scratch_repository(tmp_path / "project", SAMPLE)
    files = samples()
    saved = []
    with editor_session(browser, repo, 1280, 800) as editor:
        editor.login()
        for path in files:
            meta, _ = front_matter(path.read_text(encoding="utf-8"))
            route, branch = entry_route(path, meta)
            field = CHANGED[path.relative_to(SAMPLE).parts[0]]
            editor.open(route)
            box = control(editor.page, field)
            box.wait_for()
            editor.page.wait_for_timeout(300)
            assert box.input_value() == meta[field], path
            assert save_button(editor.page).is_disabled(), f"{path}: 保存 enabled on an unchanged entry"
            box.fill(meta[field] + MARK)
            save(editor.page)
            saved.append((path, branch, field))
    assert not editor.outside(), editor.outside()
    assert not editor.errors, editor.errors

    for path, branch, field in saved:
        rel = "content/" + path.relative_to(SAMPLE).as_posix()
        before_meta, before_body = front_matter(path.read_text(encoding="utf-8"))
        after_meta, after_body = front_matter(git(repo, "show", f"{branch}:{rel}"))
        assert after_meta[field] == before_meta[field] + MARK, rel
        assert {**after_meta, field: before_meta[field]} == before_meta, rel
        assert after_body.rstrip("\n") == before_body.rstrip("\n"), rel
        assert git(repo, "diff", "--name-only", f"main...{branch}").split() == [rel]

    merged = tmp_path / "merged"
    git(repo, "worktree", "add", "--quiet", "--detach", str(merged), "main")
    git(merged, "merge", "--quiet", "--no-edit", *(branch for _, branch, _ in saved))
    _, outcome = check(merged)
    assert "错误[" not in outcome.stdout, outcome.stdout
    done = build(merged)
    assert done.returncode == 0, done.stdout + done.stderr
    before, after = page_texts(sample_site), page_texts(merged / "site")
    assert before.keys() == after.keys()
    changed = [name for name in before if after[name].replace(MARK, "") != before[name]]
    assert not changed, changed
