"""Incremental builds: after any edit, the site an incremental build publishes is byte for byte the site a cold
build of the same tree publishes; an interrupted build publishes nothing.

The edits are the ones contributors and administrators make (publish/incremental.py says what each one touches),
drawn in a seeded random order; the seed is printed on failure, and INCREMENTAL_SEED=<seed> replays a sequence.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import EPOCH, REPO, SAMPLE, build, make_project

LATER_EPOCH = "1805158800"  # 2027-03-16 in Shanghai: after the sample's scheduled case (2027-03-15)
STEPS = 16  # per sequence; two sequences run side by side


def site_bytes(site: Path) -> dict[str, bytes | None]:
    """Every file's bytes, and every folder (None): a folder left empty by a deleted page is a difference too."""
    return {p.relative_to(site).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(site.rglob("*"))}


def differences(built: Path, cold: Path) -> list[str]:
    a, b = site_bytes(built), site_bytes(cold)
    only = [f"只在增量构建中：{p}" for p in sorted(a.keys() - b.keys())]
    only += [f"只在完整构建中：{p}" for p in sorted(b.keys() - a.keys())]
    return only + [f"内容不同：{p}" for p in sorted(a.keys() & b.keys()) if a[p] != b[p]]


def cold_site(root: Path, scratch: Path, epoch: str) -> Path:
    """The same tree built from nothing in another folder."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    shutil.copy2(root / "mkdocs.yml", scratch / "mkdocs.yml")
    for folder in ("content", "docs", "overrides"):
        shutil.copytree(root / folder, scratch / folder, symlinks=True)
    outcome = build(scratch, epoch=epoch)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr
    return scratch / "site"


class Tree:
    """The project being edited, and the edits: each changes the tree and says what it did."""

    def __init__(self, root: Path, rng: random.Random):
        self.root, self.rng, self.epoch, self.count = root, rng, EPOCH, 0

    @property
    def content(self) -> Path:
        return self.root / "content"

    def items(self) -> list[Path]:
        """Published cases and lessons that no other file names (so deleting or moving one breaks no link)."""
        files = sorted(p for folder in ("cases", "micro_lessons") for p in (self.content / folder).glob("*/*.md"))
        texts = {p: p.read_text(encoding="utf-8") for p in self.content.rglob("*") if p.suffix in (".md", ".yml")}
        found = []
        for path in files:
            text = texts[path]
            if "draft: true" in text or "\ndate: 2027" in text:
                continue
            if not any(path.stem in other for p, other in texts.items() if p != path):
                found.append(path)
        return found

    def pick(self) -> Path:
        return self.rng.choice(self.items())

    def label(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def edit_body(self) -> str:
        path = self.pick()
        self.count += 1
        path.write_text(path.read_text(encoding="utf-8") + f"\n补充说明：第 {self.count} 次修改的段落。\n", "utf-8")
        return f"改正文 {self.label(path)}"

    def retitled(self, source: Path, target: Path, mark: str) -> None:
        """`source` written to `target` with `mark` and a new number after its title (quoted or not)."""
        self.count += 1
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"^title: (.*?)(\"?)$", rf"title: \1（{mark}{self.count}）\2", text, count=1, flags=re.M)
        target.write_text(text, encoding="utf-8")

    def edit_title(self) -> str:
        path = self.pick()
        self.retitled(path, path, "修订")
        return f"改标题 {self.label(path)}"

    def add_item(self) -> str:
        source = self.pick()
        target = source.with_name(f"{source.stem}-copy{self.count + 1}.md")
        self.retitled(source, target, "转载")
        return f"新增 {self.label(target)}"

    def delete_item(self) -> str:
        path = self.pick()
        path.unlink()
        return f"删除 {self.label(path)}"

    def rename_item(self) -> str:
        path = self.pick()
        self.count += 1
        target = path.with_name(f"{path.stem}-r{self.count}.md")
        path.rename(target)
        return f"改名 {self.label(path)} → {target.name}"

    def move_case(self) -> str:
        cases = [p for p in self.items() if p.parts[-3] == "cases" and "images/" not in p.read_text("utf-8")]
        path = self.rng.choice(cases)
        year = "2018" if path.parent.name != "2018" else "2017"
        target = self.content / "cases" / year / path.name
        target.parent.mkdir(exist_ok=True)
        text = re.sub(r"^date: \d{4}", f"date: {year}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
        target.write_text(text, encoding="utf-8")
        path.unlink()
        return f"移到 {year} 年 {self.label(path)}"

    def rename_unit(self) -> str:
        path = self.content / "units.yml"
        names = re.findall(r"^  name: (.+)$", path.read_text(encoding="utf-8"), flags=re.M)
        old = self.rng.choice(names)
        self.count += 1
        path.write_text(
            path.read_text("utf-8").replace(f"  name: {old}\n", f"  name: {old}（{self.count}）\n"), "utf-8"
        )
        return f"单位改名 {old}"

    def relabel_tag(self) -> str:
        path = self.content / "tags.yml"
        others = "".join(p.read_text("utf-8") for p in self.content.rglob("*.md")) + "".join(
            p.read_text("utf-8") for p in (self.content / "plans").rglob("*.yml")
        )
        labels = [
            label for label in re.findall(r"^  label: (.+)$", path.read_text("utf-8"), re.M) if label not in others
        ]
        old = self.rng.choice(labels)
        self.count += 1
        new = f"{old}专题{self.count}"
        path.write_text(path.read_text("utf-8").replace(f"  label: {old}\n", f"  label: {new}\n"), "utf-8")
        return f"标签改名 {old} → {new}"

    def change_template(self) -> str:
        path = self.root / "overrides" / "main.html"
        self.count += 1
        text = path.read_text(encoding="utf-8")
        marker = "{% block extrahead %}\n"
        path.write_text(text.replace(marker, f'{marker}  <meta name="revision" content="{self.count}">\n', 1), "utf-8")
        return "改模板 overrides/main.html"

    def publish_draft(self) -> str | None:
        drafts = [p for p in sorted(self.content.rglob("*.md")) if "\ndraft: true\n" in p.read_text("utf-8")]
        if not drafts:
            return None
        path = self.rng.choice(drafts)
        path.write_text(path.read_text("utf-8").replace("\ndraft: true\n", "\n"), "utf-8")
        return f"草稿公开 {self.label(path)}"

    def pass_scheduled_date(self) -> str | None:
        if self.epoch == LATER_EPOCH:
            return None
        self.epoch = LATER_EPOCH
        return "构建日期越过定时稿件的发布日期"

    def edits(self) -> list[Callable[[], str | None]]:
        return [
            self.edit_body,
            self.edit_title,
            self.add_item,
            self.delete_item,
            self.rename_item,
            self.move_case,
            self.rename_unit,
            self.relabel_tag,
            self.change_template,
            self.publish_draft,
            self.pass_scheduled_date,
        ]


def sequence(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    tree = Tree(make_project(tmp_path / "project", SAMPLE), rng)
    first = build(tree.root)
    assert first.returncode == 0, first.stdout + first.stderr
    kinds = tree.edits()
    rng.shuffle(kinds)
    kinds += [rng.choice(tree.edits()[:5]) for _ in range(STEPS - len(kinds))]
    done: list[str] = []
    for step, edit in enumerate(kinds, 1):
        what = edit() or "（无可做的修改）"
        done.append(f"{step}. {what}")
        outcome = build(tree.root, epoch=tree.epoch)
        context = f"seed {seed}（INCREMENTAL_SEED={seed} 可重放）:\n" + "\n".join(done)
        assert outcome.returncode == 0, f"{context}\n{outcome.stdout}{outcome.stderr}"
        cold = cold_site(tree.root, tmp_path / "cold", tree.epoch)
        problems = differences(tree.root / "site", cold)
        assert not problems, f"{context}\n" + "\n".join(problems[:20])


def seed_for(default: int) -> int:
    return int(os.environ.get("INCREMENTAL_SEED", default))


class TestFirstSequence:
    def test_incremental_build_equals_cold_build_after_every_edit(self, tmp_path):
        sequence(seed_for(20261207), tmp_path)


class TestSecondSequence:
    def test_incremental_build_equals_cold_build_after_every_edit(self, tmp_path):
        sequence(seed_for(1701) + 1, tmp_path)


@pytest.mark.parametrize("spare", [False, True], ids=["first-rebuild", "from-the-spare-site"])
def test_an_interrupted_build_leaves_the_site_as_it_was_and_the_next_build_is_right(tmp_path, spare):
    """Killed while it makes its scratch site: from the published files alone (the first rebuild) or from the site
    before (build/site.old, which the scratch site is made from once there is one)."""
    root = make_project(tmp_path / "project", SAMPLE)
    assert build(root).returncode == 0
    if spare:
        other = next((root / "content" / "cases" / "2017").glob("bjzx-*.md"))
        other.write_text(other.read_text("utf-8") + "\n打断之前的一次构建加的段落。\n", encoding="utf-8")
        assert build(root).returncode == 0
        assert (root / "build" / "site.old").is_dir()
    before = site_bytes(root / "site")
    case = next((root / "content" / "cases" / "2017").glob("hzzx-*.md"))
    case.write_text(case.read_text("utf-8") + "\n被打断的构建之后的新段落。\n", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "build"]
    process = subprocess.Popen(command, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
    scratch = root / "build" / "site.partial"
    deadline = time.monotonic() + 60
    while not (scratch.is_dir() and any(scratch.rglob("*.html"))) and process.poll() is None:
        assert time.monotonic() < deadline, "构建没有开始写临时目录"
        time.sleep(0.02)
    assert process.poll() is None, "构建在被打断之前就结束了：本测试需要它还在运行"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert site_bytes(root / "site") == before
    assert build(root).returncode == 0
    assert "被打断的构建之后的新段落" in (root / "site" / "cases" / case.stem / "index.html").read_text("utf-8")
    assert differences(root / "site", cold_site(root, tmp_path / "cold", EPOCH)) == []


@pytest.mark.parametrize("kind", ["edit_body", "rename_unit"])
def test_an_incremental_build_renders_only_what_the_edit_touches(tmp_path, kind):
    root = make_project(tmp_path / "project", SAMPLE)
    assert build(root).returncode == 0
    tree = Tree(root, random.Random(7))
    getattr(tree, kind)()
    outcome = build(root)
    kept, rendered = map(int, re.search(r"沿用未变的文件 (\d+) 个，MkDocs 重新生成 (\d+) 个", outcome.stdout).groups())
    assert kept > 10 * rendered
