"""Regenerate tests/fixtures/rules/*/expected.txt from the current messages: `python -m tests.regen_expected`.

Review the diff before committing: these files are the contract of what contributors read.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.helpers import RULES, check, diagnostics, make_project


def main() -> None:
    for fixture in sorted(p for p in RULES.iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as tmp:
            root = make_project(Path(tmp) / "project", overlay=fixture / "content")
            lines = diagnostics(check(root)[1].stdout)
        (fixture / "expected.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{fixture.name}: {len(lines)}")


if __name__ == "__main__":
    main()
