"""Every path the project knows about, in one place."""

from __future__ import annotations

import os
from pathlib import Path

# SITE_ROOT lets tests build a copy of the project in a temporary folder.
ROOT = Path(os.environ.get("SITE_ROOT") or Path(__file__).resolve().parent.parent).resolve()
CONTENT = ROOT / "content"
CASES = CONTENT / "cases"
LESSONS = CONTENT / "micro_lessons"
UNITS_FILE = CONTENT / "units.yml"
TAGS_FILE = CONTENT / "tags.yml"
DOCS = ROOT / "docs"  # hand-written pages, copied into the generated tree
OVERRIDES = ROOT / "overrides"  # theme templates, and in assets/ our CSS and JS (published hashed: assets.py)
BUILD = ROOT / "build"
GENERATED_DOCS = BUILD / "docs"  # mkdocs.yml: docs_dir
GENERATED_THEME = BUILD / "overrides"  # mkdocs.yml: theme.custom_dir (overrides/ plus hashed asset names)
JIEBA_USER_DICT = BUILD / "jieba_user_dict.txt"  # party terms kept whole by the search index (search_engine.py)
SITE = ROOT / "site"
MKDOCS_YML = ROOT / "mkdocs.yml"
TERMS_FILE = Path(__file__).resolve().parent / "data" / "terms.txt"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def display(path: Path, root: Path | None = None) -> str:
    """A path as contributors see it: relative to the project root, with forward slashes."""
    base = root or ROOT
    # Not path.resolve() first: a symlink must be named by where it is, not by what it points at.
    absolute, anchor = os.path.abspath(path), os.path.abspath(base)
    if absolute.startswith(anchor.rstrip(os.sep) + os.sep):
        return Path(absolute[len(anchor.rstrip(os.sep)) + 1 :]).as_posix()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
