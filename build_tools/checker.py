"""`check`: read every content file, validate it, apply the rules; collect every problem."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import material_rules, paths, plan_rules, rules
from .diagnostics import Reporter
from .models import Case, Lesson, Material, Plan
from .registries import Registry, load
from .sources import Source, discover, discover_plans, read, read_yaml
from .validate import validate

MODELS = {"case": Case, "lesson": Lesson, "material": Material}
CHINA = dt.timezone(dt.timedelta(hours=8))  # no daylight saving in China


def build_date() -> dt.date:
    """Today in Shanghai, or the day of SOURCE_DATE_EPOCH so that a rebuild gives the same site."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), CHINA) if epoch else dt.datetime.now(CHINA)
    return moment.date()


@dataclass
class Entry:
    source: Source
    model: Case | Lesson | Material
    status: str  # "published" | "draft" | "scheduled"


@dataclass
class Result:
    reporter: Reporter
    registry: Registry
    entries: list[Entry] = field(default_factory=list)
    plans: list[tuple[Source, Plan]] = field(default_factory=list)
    failed: list[Source] = field(default_factory=list)
    today: dt.date = field(default_factory=build_date)

    @property
    def published(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "published"]


def run(root: Path = paths.ROOT, only: list[Path] | None = None, today: dt.date | None = None) -> Result:
    registry, problems = load(root)
    result = Result(Reporter(), registry, today=today or build_date())
    result.reporter.extend(problems)
    sources = []
    for path, kind in discover(root / "content"):
        sources.append(read(path, kind, root))
    wanted = {p.resolve() for p in only} if only else None
    for source in sources:
        diagnostics = list(rules.check_file_name(source)) + source.problems
        model = None
        if source.meta is not None:
            model, found = validate(source, MODELS[source.kind])
            diagnostics += found + list(rules.check_item(source, registry, root))
        if wanted is None or source.path.resolve() in wanted:
            result.reporter.extend(diagnostics)
        if model is None or any(d.severity == "error" for d in diagnostics):
            result.failed.append(source)
            continue
        status = "draft" if model.draft else "scheduled" if model.date > result.today else "published"
        result.entries.append(Entry(source, model, status))
    for diagnostic in rules.check_slugs(sources):
        if wanted is None or (root / diagnostic.path).resolve() in wanted:
            result.reporter.add(diagnostic)
    slugs = {kind: {s.path.stem for s in sources if s.kind == kind} for kind in MODELS}
    for entry in result.entries:
        if entry.source.kind == "material":
            found = list(material_rules.check_task_links(entry.source, entry.model, registry, slugs))
            if wanted is None or entry.source.path.resolve() in wanted:
                result.reporter.extend(found)
            if any(d.severity == "error" for d in found):
                result.failed.append(entry.source)
    result.entries = [e for e in result.entries if e.source not in result.failed]
    for path in discover_plans(root / "content"):
        source = read_yaml(path, "plan", root)
        diagnostics = list(source.problems)
        plan = None
        if source.meta is not None:
            plan, found = validate(source, Plan)
            diagnostics += found
            if plan is not None:
                diagnostics += list(plan_rules.check_plan(source, plan, registry, slugs))
        if wanted is None or path.resolve() in wanted:
            result.reporter.extend(diagnostics)
        if plan is None or any(d.severity == "error" for d in diagnostics):
            result.failed.append(source)
        else:
            result.plans.append((source, plan))
    return result
