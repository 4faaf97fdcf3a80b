"""The project being built: its folder, its settings (mkdocs.yml) and the build date, passed to every stage.

Nothing here is read at import time: the command line makes one `Project` from its options and the environment
(`Project.from_environment`), tests make theirs for a folder and a day of their own.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from .models.common import CHINA

TOOLS = Path(__file__).resolve().parent
CHECKOUT = TOOLS.parent  # the project these tools belong to: the default root


class ProjectError(Exception):
    """A problem that stops a command, already worded for the person who ran it (in Chinese)."""


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """Today in Shanghai, or the day of SOURCE_DATE_EPOCH so that a rebuild gives the same site."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), CHINA) if epoch else dt.datetime.now(CHINA)
    return moment.date()


@dataclass(frozen=True)
class Project:
    root: Path
    today: dt.date = field(default_factory=build_date)

    @classmethod
    def from_environment(cls, root: Path | None = None) -> Project:
        return cls((root or CHECKOUT).resolve(), build_date())

    # Where things are. The engine reads build/docs and build/overrides (mkdocs.yml: docs_dir, theme.custom_dir).
    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        """Hand-written pages, copied into the generated tree."""
        return self.root / "docs"

    @property
    def overrides(self) -> Path:
        """Theme templates, and in assets/ our CSS and JS (published under hashed names: publish/assets.py)."""
        return self.root / "overrides"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def generated_docs(self) -> Path:
        return self.build / "docs"

    @property
    def generated_theme(self) -> Path:
        return self.build / "overrides"

    @property
    def state_file(self) -> Path:
        """What the published site/ was made from (publish/state.py): the next build redoes only what changed."""
        return self.build / "cache" / "state.json"

    @property
    def search_cache(self) -> Path:
        """The search index's shards as last made (search/shards.py)."""
        return self.build / "cache" / "search"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @functools.cached_property
    def config(self) -> dict:
        """mkdocs.yml as the engine reads it (`!ENV` included: SITE_URL)."""
        from mkdocs.utils import yaml_load  # the engine's loader, only when a stage needs the settings

        with open(self.mkdocs_yml, encoding="utf-8") as handle:
            return yaml_load(handle)

    @property
    def site_url(self) -> str:
        return self.config["site_url"]

    @property
    def site_name(self) -> str:
        return self.config["site_name"]

    def display(self, path: Path) -> str:
        return display(path, self.root)


def display(path: Path, root: Path) -> str:
    """A path as contributors see it: relative to the project root, with forward slashes."""
    # Not path.resolve() first: a symlink must be named by where it is, not by what it points at.
    absolute, anchor = os.path.abspath(path), os.path.abspath(root)
    if absolute.startswith(anchor.rstrip(os.sep) + os.sep):
        return Path(absolute[len(anchor.rstrip(os.sep)) + 1 :]).as_posix()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
