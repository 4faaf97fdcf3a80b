"""Shared fixtures: the sample and the base fixture, each built once for the whole run, for real, with MkDocs.

Under pytest-xdist every worker asks for them; the first one builds (under a file lock) in the folder the workers
share, and the others take the same site: the builds cost their time once, not once per worker."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from tests.helpers import BASE, SAMPLE, build, make_project


def build_project(root: Path, content: Path) -> Path:
    make_project(root, content=content)
    done = build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def built_once(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str, content: Path) -> Path:
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base  # xdist: each worker's basetemp is in one folder
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        done = shared / name / "built"
        if not done.is_file():
            build_project(shared / name / "project", content)
            done.touch()
    return shared / name / "project" / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory, worker_id) -> Path:
    """The frozen sample content (tests/fixtures/sample) built once; tests only read it."""
    return built_once(tmp_path_factory, worker_id, "sample", SAMPLE)


@pytest.fixture(scope="session")
def base_site(tmp_path_factory, worker_id) -> Path:
    """The base fixture (known counts: tests/fixtures/base) built once for the plan and material tests."""
    return built_once(tmp_path_factory, worker_id, "base", BASE)


def pytest_terminal_summary(terminalreporter) -> None:
    """The axe-core rules that the accessibility tests ran (tests/browser/test_accessibility.py records them), named
    at the end of every run: a passing run says what was checked."""
    for report in terminalreporter.stats.get("passed", []):
        for name, value in getattr(report, "user_properties", []):
            if name == "axe_rules_run":
                rules = value.split()
                terminalreporter.write_line(f"axe-core ran {len(rules)} rules ({report.nodeid}): {' '.join(rules)}")
