"""Shared fixtures: the sample and the base fixture, each built once, for real, with MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import BASE, SAMPLE, build, make_project


def build_project(root: Path, content: Path) -> Path:
    make_project(root, content=content)
    done = build(root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The frozen sample content (tests/fixtures/sample) built once."""
    return build_project(tmp_path_factory.mktemp("sample") / "project", SAMPLE)


@pytest.fixture(scope="session")
def base_site(tmp_path_factory) -> Path:
    """The base fixture (known counts: tests/fixtures/base) built once for the plan and material tests."""
    return build_project(tmp_path_factory.mktemp("base") / "project", BASE)
