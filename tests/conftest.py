"""Shared fixtures: the sample content built once, for real, with MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BASE, REPO, make_project, run


def build_project(root: Path, content: Path) -> Path:
    make_project(root, content=content)
    done = run(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def build_sample(root: Path) -> Path:
    return build_project(root, REPO / "content")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("sample") / "project")


@pytest.fixture(scope="session")
def base_site(tmp_path_factory) -> Path:
    """The base fixture (known counts: tests/fixtures/base) built once for the plan and material tests."""
    return build_project(tmp_path_factory.mktemp("base") / "project", BASE)
