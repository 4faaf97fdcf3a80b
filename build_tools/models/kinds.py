"""The content kinds, in one table that every stage reads: where the files are, which model checks them, where
their pages are published and which template draws them. A new kind is a new row (and its model)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .case import Case
from .lesson import Lesson
from .material import Material
from .plan import Plan


@dataclass(frozen=True)
class Kind:
    name: str  # the id used in code, file lists and task links: case, lesson, material, plan
    label: str  # what readers call it
    folder: str  # under content/
    model: type[BaseModel]
    section: str  # URL prefix of its pages: /<section>/<slug>/
    template: str | None  # render/templates/ file of an item page; None: not one page per file
    yearly: bool  # files in a folder per year of their date: content/cases/2017/<slug>.md
    suffix: str  # what its files are: Markdown with front matter, or a YAML document


CASE = Kind("case", "典型案例", "cases", Case, "cases", "case.md.j2", yearly=True, suffix=".md")
LESSON = Kind("lesson", "微党课", "micro_lessons", Lesson, "micro-lessons", "lesson.md.j2", yearly=True, suffix=".md")
MATERIAL = Kind(
    "material", "学习资料", "materials", Material, "materials", "material.md.j2", yearly=False, suffix=".md"
)
PLAN = Kind("plan", "学习计划", "plans", Plan, "plans", None, yearly=False, suffix=".yml")

KINDS = {kind.name: kind for kind in (CASE, LESSON, MATERIAL, PLAN)}
SUBMISSIONS = {name: kind for name, kind in KINDS.items() if kind.suffix == ".md"}  # one page per file
BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}
