"""`check`: read every content file, validate it, apply the rules; collect every problem."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import inventory, link_rules, material_rules, paths, plan_rules, privacy, rules
from .diagnostics import ERROR, Diagnostic, Reporter
from .models import Case, Lesson, Material, Plan
from .registries import Registry, load
from .sources import Source, read, read_yaml
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
    inventory: inventory.Inventory = field(default_factory=inventory.Inventory)

    @property
    def published(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "published"]


def run(root: Path = paths.ROOT, only: list[Path] | None = None, today: dt.date | None = None) -> Result:
    """Check everything under content/; `only` limits which files' problems are reported."""
    registry, problems = load(root)
    inv = inventory.take(root / "content", root)
    allowed, allow_problems = privacy.allowlist(root)
    result = Result(Reporter(), registry, today=today or build_date(), inventory=inv)
    wanted = {p.resolve() for p in only} if only else None

    def report(path: Path, diagnostics: list[Diagnostic]) -> None:
        if wanted is None or path.resolve() in wanted:
            result.reporter.extend(diagnostics)

    result.reporter.extend(problems + allow_problems)
    for diagnostic in inv.problems:
        report(root / diagnostic.path, [diagnostic])
    sources = [read(path, kind, root) for path, kind in inv.submissions]
    duplicates = {d.path: d for d in rules.check_slugs(sources)}
    for source in sources:
        diagnostics = list(rules.check_file_name(source)) + source.problems
        diagnostics += [duplicates[source.rel]] if source.rel in duplicates else []
        diagnostics += list(privacy.scan(_text(source.path), source.rel, 1, allowed))
        model = None
        if source.meta is not None:
            model, found = validate(source, MODELS[source.kind])
            diagnostics += found + list(rules.check_item(source, registry, root))
        report(source.path, diagnostics)
        if model is None or any(d.severity == ERROR for d in diagnostics):
            result.failed.append(source)
            continue
        status = "draft" if model.draft else "scheduled" if model.date > result.today else "published"
        result.entries.append(Entry(source, model, status))

    def across_files(rule) -> None:
        """A rule that needs every file read first: an entry it finds an error in is not published."""
        for entry in list(result.entries):
            found = list(rule(entry))
            report(entry.source.path, found)
            if any(d.severity == ERROR for d in found):
                result.failed.append(entry.source)
                result.entries.remove(entry)

    slugs = {kind: {s.path.stem for s in sources if s.kind == kind} for kind in MODELS}
    across_files(
        lambda e: (
            material_rules.check_task_links(e.source, e.model, registry, slugs) if e.source.kind == "material" else ()
        )
    )
    # Links between bodies: what each linked file's status is.
    known = {s.rel.removeprefix("content/"): "failed" for s in sources}
    known.update({e.source.rel.removeprefix("content/"): e.status for e in result.entries})
    across_files(lambda e: link_rules.check_body(e.source, known))
    for path in inv.plans:
        source = read_yaml(path, "plan", root)
        diagnostics = list(source.problems) + list(privacy.scan(_text(path), source.rel, 1, allowed))
        diagnostics += list(rules.check_placeholders(source)) if source.meta is not None else []
        plan = None
        if source.meta is not None:
            plan, found = validate(source, Plan)
            diagnostics += found
            if plan is not None:
                diagnostics += list(plan_rules.check_plan(source, plan, registry, slugs))
        report(path, diagnostics)
        if plan is None or any(d.severity == ERROR for d in diagnostics):
            result.failed.append(source)
        else:
            result.plans.append((source, plan))
    return result


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
