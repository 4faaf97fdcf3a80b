"""Shared fixtures: the sample content built once, for real, with MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import REPO, make_project, run


def build_sample(root: Path) -> Path:
    make_project(root, content=REPO / "content")
    done = run(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("sample") / "project")
