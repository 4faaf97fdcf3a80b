"""Hostile and broken input: symlinks, sizes, hidden files, the account of every file, fuzzing."""

from __future__ import annotations

import atexit
import io
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.check import checker
from build_tools.project import Project
from tests.helpers import BASE, TODAY, make_project, run


def files_on_disk(content: Path) -> int:
    count = 0
    for folder, dirs, files in os.walk(content, followlinks=False):
        count += len(files) + sum(1 for d in dirs if (Path(folder) / d).is_symlink())
    return count


def account_numbers(output: str) -> list[int]:
    line = next(line for line in output.splitlines() if line.startswith("content/ 共"))
    return [int(n) for n in __import__("re").findall(r"(\d+)", line.split("构建日期")[0])]


def test_symlinks_are_errors_and_never_published(tmp_path):
    root = make_project(tmp_path / "project")
    (root / "content/cases/2017/passwd.md").symlink_to("/etc/passwd")
    (root / "content/cases/2017/images/linked").symlink_to("/etc", target_is_directory=True)
    done = run(root, "build")
    assert done.returncode == 1
    assert "\ncontent/cases/2017/passwd.md: 错误[symlink]" in "\n" + done.stdout
    assert "\ncontent/cases/2017/images/linked: 错误[symlink]" in "\n" + done.stdout
    assert not (root / "site").exists()


def test_oversized_text_is_an_error_and_hidden_files_are_ignored_with_a_notice(tmp_path):
    root = make_project(tmp_path / "project")
    cases = root / "content/cases/2017"
    (cases / "huge.md").write_text("---\ntitle: 大\n---\n" + "字" * 400_000, encoding="utf-8")
    for name in (".DS_Store", "ceshi-ztdr.md~", ".ceshi-ztdr.md.swp"):
        (cases / name).write_text("x", encoding="utf-8")
    done = run(root, "check")
    assert done.returncode == 1
    assert "content/cases/2017/huge.md: 错误[file-too-large] 文件有 1.1 MB，超过上限 1 MB" in done.stdout
    for name in (".DS_Store", "ceshi-ztdr.md~", ".ceshi-ztdr.md.swp"):
        assert f"content/cases/2017/{name}: 提示[ignored-file]" in done.stdout


def test_account_adds_up_to_the_files_on_disk(tmp_path):
    root = make_project(tmp_path / "project")
    cases = root / "content/cases/2017"
    case = (cases / "ceshi-ztdr.md").read_text(encoding="utf-8")
    (cases / "ceshi-draft.md").write_text(case.replace("author:", "draft: true\nauthor:"), encoding="utf-8")
    (root / "content/cases/2030").mkdir()
    future = case.replace("2017-09-01", "2030-01-04").replace("images/ceshi-1.jpg", "../2017/images/ceshi-1.jpg")
    (root / "content/cases/2030/ceshi-future.md").write_text(future, encoding="utf-8")
    (cases / "ceshi-broken.md").write_text(case.replace("unit: ceshi-xx", "unit: nowhere"), encoding="utf-8")
    (cases / "notes.docx").write_bytes(b"PK\x03\x04")
    (cases / ".DS_Store").write_bytes(b"\0")
    (cases / "images/unused.png").write_bytes(b"\x89PNG")
    (cases / "link.md").symlink_to("/etc/hostname")
    done = run(root, "check")
    numbers = account_numbers(done.stdout)
    total, submissions, published, draft, scheduled, failed, plans, plans_ok, plans_failed, *rest = numbers
    assert total == files_on_disk(root / "content") == 15
    assert (submissions, published, draft, scheduled, failed) == (7, 3, 1, 1, 2)
    assert (plans, plans_ok, plans_failed) == (2, 2, 0)
    registries, templates, attachments, ignored, rejected = rest
    assert (registries, templates, attachments, ignored, rejected) == (2, 0, 2, 1, 1)
    assert total == submissions + plans + registries + templates + attachments + ignored + rejected


# --- fuzzing: random front matter and bodies never crash `check` --------------------------------------

KEYS = ["title", "case_type", "category", "unit", "date", "summary", "tags", "author", "reviewed_by", "images",
        "draft", "source", "violated", "screen", "speaker", "format", "duration", "media", "series"]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=80),
    st.sampled_from(["2017-02-30", "2017-09-01", "工作案例", "警示案例", "ceshi-xx", "主题党日", "10:00", "99:99"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
front = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=12)), values, max_size=12)
bodies = st.text(max_size=400) | st.sampled_from(
    ["", "## 背景\n\n<script>x</script>", "```\n<iframe>\n```", "[a](javascript:1)"]
)


def as_file(meta: dict, body: str, raw: bool) -> bytes:
    if raw:
        return body.encode("utf-8", errors="surrogatepass")
    try:
        text = yaml.safe_dump(meta, allow_unicode=True)
    except yaml.YAMLError:
        text = repr(meta)
    return f"---\n{text}---\n{body}".encode("utf-8", errors="replace")


def registries_only() -> Path:
    """A project holding the registries and nothing else: each example checks the fuzzed file alone (it is
    still the whole `check`: reading, validation, every rule, links, the report)."""
    folder = tempfile.mkdtemp(prefix="fuzz-")
    atexit.register(shutil.rmtree, folder, True)
    root = make_project(Path(folder) / "project")
    shutil.rmtree(root / "content")
    for name in ("units.yml", "tags.yml"):
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(BASE / name, root / "content" / name)
    for folder in ("cases/2017", "micro_lessons/2017", "materials"):
        (root / "content" / folder).mkdir(parents=True)
    return root


_fuzz_root = registries_only()
_fuzz_project = Project(_fuzz_root, TODAY)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    meta=front,
    body=bodies,
    raw=st.booleans(),
    folder=st.sampled_from(["cases/2017", "micro_lessons/2017", "materials"]),
)
def test_check_never_crashes_on_random_input(meta, body, raw, folder):
    path = _fuzz_root / "content" / folder / "fuzz-item.md"
    path.write_bytes(as_file(meta, body, raw))
    try:
        result = checker.run(_fuzz_project, [path])  # the whole project is read; this file's problems reported
        out = io.StringIO()
        result.reporter.print("text", out)
        result.reporter.print("github", out)
        exit_code = 1 if result.reporter.errors else 0
        assert exit_code in (0, 1)
        if exit_code:
            assert any(d.path.endswith("fuzz-item.md") for d in result.reporter.errors), out.getvalue()
            assert "错误[" in out.getvalue()
    finally:
        path.unlink()
