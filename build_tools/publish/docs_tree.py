"""The engine's input, as {path: bytes}: the hand-written docs/, every generated page and calendar, our search
worker, the hashed assets, the screens and posters, and the items' media. Generated pages may not shadow
hand-written ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..aggregate import collection, planning
from ..check.outcome import Result
from ..project import Project, ProjectError
from ..render.pages import render_pages
from ..screens.cards import render_cards
from ..screens.pages import render_screens
from ..search.worker import patched_worker
from . import assets
from .media import media_files


@dataclass
class DocsTree:
    files: dict[str, bytes]  # path under build/docs → bytes
    bodies: dict[str, str]  # item page → its body HTML (the search index reuses it)


def hand_written(docs: Path) -> dict[str, bytes]:
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def docs_tree(project: Project, result: Result) -> DocsTree:
    files = hand_written(project.docs)
    c = collection.build(result)
    periods = planning.build([plan for _, plan in result.plans], result.registry, c)
    rendered = render_pages(c, periods, result.registry, project.site_url, project.site_name)
    generated = {name: text.encode("utf-8") for name, text in rendered.pages.items()} | rendered.files
    shadowing = sorted(generated.keys() & files.keys())
    if shadowing:
        raise ProjectError(f"docs/{shadowing[0]} 与生成的页面重名，请改名")
    files |= generated
    files |= patched_worker()
    files |= assets.docs_files(project.overrides)
    files |= render_screens(c, periods, project.site_url)
    files |= render_cards(c)
    files |= media_files(c, project.content, project.build / "cache" / "images")
    return DocsTree(files, rendered.bodies)
