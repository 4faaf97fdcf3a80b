"""The tree tells the pipeline: the import contracts of pyproject.toml hold, and they catch an import against the
flow (a rule module imported from rendering)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run([str(LINT_IMPORTS)], cwd=project, env=env, capture_output=True, text=True, check=False)


def copy_of_the_tools(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(REPO / "pyproject.toml", project / "pyproject.toml")
    shutil.copytree(REPO / "build_tools", project / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))
    return project


def test_the_contracts_hold(tmp_path):
    done = lint_imports(copy_of_the_tools(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    for contract in (
        "Stages import only the stages before them KEPT",
        "Checking content loads no rendering, publishing, QR, calendar or engine library KEPT",
        "Rendering never applies the rules KEPT",
        "No import cycles between the modules of a package KEPT",
    ):
        assert contract in done.stdout, contract


def test_a_rule_imported_from_rendering_breaks_them(tmp_path):
    project = copy_of_the_tools(tmp_path)
    body = project / "build_tools" / "render" / "body.py"
    body.write_text(body.read_text(encoding="utf-8") + "\nfrom ..check.rules import links  # noqa\n", "utf-8")
    done = lint_imports(project)
    assert done.returncode == 1, done.stdout
    assert "Rendering never applies the rules BROKEN" in done.stdout
    assert "build_tools.render.body -> build_tools.check.rules.links" in done.stdout
