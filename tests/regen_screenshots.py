"""Retake the 网上投稿 guide's screenshots (docs/guide/images/online-*.png): `python -m tests.regen_screenshots`.

The browser tests of the editor take them at 390×844 (a phone) on every run, into a temporary folder; this runs those
tests with the guide's folder as the target. Review the pictures before committing them."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers import REPO

IMAGES = REPO / "docs" / "guide" / "images"
TESTS = [
    "tests/browser/test_cms_create.py::test_a_case_a_lesson_and_a_plan_made_in_the_editor_are_branches_that_check_and_build[390-844-2020]",
    "tests/browser/test_cms_forms.py::test_an_incomplete_form_cannot_be_saved_and_says_why_at_the_fields",
]


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CMS_SCREENSHOTS": str(IMAGES)}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", *TESTS], cwd=REPO, env=env)
    for picture in sorted(IMAGES.glob("online-*.png")):
        print(f"{picture.relative_to(REPO)}: {picture.stat().st_size // 1024} KB")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
