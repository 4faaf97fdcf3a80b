"""A one-file change rewrites only the generated files it affects: every other file of build/docs keeps its
mtime, so MkDocs' caches and a deploy that compares files see only real changes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from build_tools.publish.writer import recycle
from tests.helpers import build, make_project, run

CASE = "content/cases/2017/ceshi-ztdr.md"
OLD_SUMMARY = "测试路小学党支部把主题党日搬进社区，党员教师为居民子女开设周末课堂。"
NEW_SUMMARY = "测试路小学党支部把主题党日办到社区里，党员教师每周为居民子女上一次课。"


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every generated input of the engine (build/docs, build/overrides): mtime and bytes."""
    folder = root / "build"
    files = [p for name in ("docs", "overrides") for p in (folder / name).rglob("*") if p.is_file()]
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes()) for p in files}


def test_one_changed_summary_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    first = run(root, "generate")  # what the engine is given: build/docs and build/overrides
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(root)

    time.sleep(1.1)  # any rewrite now gets a later mtime, even on a file system with 1 s timestamps
    case = root / CASE
    text = case.read_text(encoding="utf-8")
    assert OLD_SUMMARY in text
    case.write_text(text.replace(OLD_SUMMARY, NEW_SUMMARY), encoding="utf-8")
    second = run(root, "generate")
    assert second.returncode == 0, second.stdout + second.stderr
    after = snapshot(root)

    assert set(after) == set(before), "a summary change adds or removes no generated file"
    touched = {name for name in after if after[name][0] != before[name][0]}
    changed = {name for name in after if after[name][1] != before[name][1]}
    assert touched == changed, (
        f"rewritten with the same bytes: {sorted(touched - changed)}; changed, mtime kept: {sorted(changed - touched)}"
    )

    # What changed is what shows the summary: the case's page, the listings and home page that list it, the feed.
    assert changed, "changing a summary changed no generated file"
    expected = {"docs/cases/ceshi-ztdr.md", "docs/index.md", "docs/cases/index.md", "docs/feed.xml"}
    assert expected <= changed, sorted(expected - changed)
    assert {n for n in changed if n.startswith("docs/cases/type/")}, "the case type's listing shows the summary"
    # Units, tags and months list items as rows (title, unit, date), without the summary: they keep their bytes.
    assert not {n for n in changed if n.startswith(("docs/units/", "docs/tags/", "docs/archive/"))}
    for name in changed:
        shown = after[name][1].decode("utf-8")
        assert NEW_SUMMARY in shown or NEW_SUMMARY[:20] in shown, f"{name} changed but does not show the summary"

    # Everything else kept its bytes and its mtime: the lesson, the material, the guide, assets, the theme.
    kept = set(after) - changed
    for name in ("docs/guide/index.md", "overrides/main.html", "overrides/hashed_assets.html"):
        assert name in kept, name
    assert not {n for n in changed if "ceshi-dangzhang" in n}, "the lesson's and the material's pages are untouched"
    assert not {n for n in changed if n.startswith("docs/assets/") or n.startswith("docs/media/")}
    assert len(kept) > len(changed)


def test_a_failed_engine_build_publishes_nothing(tmp_path: Path) -> None:
    """MkDocs fails while the search index is being made beside it: site/ stays as it was, no scratch is left."""
    root = make_project(tmp_path / "project")
    assert build(root).returncode == 0
    site = root / "site"
    before = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert "pagefind/shards.json" in before

    (root / "docs" / "broken.md").write_text("# 坏链接\n\n[不存在的页面](missing.md)\n", encoding="utf-8")
    failed = build(root)
    assert failed.returncode == 1
    assert "MkDocs 构建失败，site/ 保持不变。" in failed.stderr
    after = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not (root / "build" / "site.partial").exists() and not (root / "build" / "pagefind.partial").exists()


@pytest.mark.parametrize("reuse", [True, False], ids=["from-the-spare", "from-nothing"])
def test_a_scratch_site_made_from_the_spare_holds_only_the_published_files_it_links(
    tmp_path: Path, reuse: bool
) -> None:
    """writer.recycle: of an earlier tree, only the very files of site/ that are kept stay; a file with the same
    name but another inode (an old version), a file not kept, a symbolic link and a folder left empty go; the
    kept files missing from it are linked in; site/ itself is not touched. Without reuse (few files kept) the
    spare is set aside and the scratch site made from nothing, with the same result."""
    site, spare, scratch = tmp_path / "site", tmp_path / "site.old", tmp_path / "site.partial"
    published = {"index.html": b"home", "a/index.html": b"new a", "b/index.html": b"b", "c/index.html": b"c"}
    for name, data in published.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    (spare / "a").mkdir(parents=True)
    (spare / "a" / "index.html").write_bytes(b"old a")  # same name, an older version
    for name in ("index.html", "b/index.html"):  # unchanged since: the same files
        (spare / name).parent.mkdir(parents=True, exist_ok=True)
        (spare / name).hardlink_to(site / name)
    (spare / "gone" / "deep").mkdir(parents=True)
    (spare / "gone" / "deep" / "index.html").write_bytes(b"a deleted page")
    (spare / "link").symlink_to(site / "c")
    before = {name: (site / name).read_bytes() for name in published}

    recycle(spare, site, scratch, ["index.html", "a/index.html", "b/index.html"], reuse)  # c/ is rendered again

    assert not spare.exists()
    found = sorted(p.relative_to(scratch).as_posix() for p in scratch.rglob("*"))
    assert found == ["a", "a/index.html", "b", "b/index.html", "index.html"]
    for name in ("index.html", "a/index.html", "b/index.html"):
        assert (scratch / name).samefile(site / name), name
    assert {name: (site / name).read_bytes() for name in published} == before
