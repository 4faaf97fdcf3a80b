"""`check`: read every content file, validate it against its model, apply the rules; collect every problem.

A submission with an error is not published; without one it is published, a draft, or scheduled (dated after the
build date). Nothing stops at the first problem. `check PATH…` still reads and checks every file (slugs, links and
references need them all) but decodes the pictures only of the files it reports on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..diagnostics import ERROR, Diagnostic, Reporter
from ..models import Plan
from ..models.kinds import SUBMISSIONS
from ..project import Project
from ..read import inventory
from ..read.sources import Source, read, read_yaml
from .outcome import Entry, Result
from .registries import load
from .rules import check_item, links, materials, plans, privacy, text
from .rules.names import check_file_name, check_slugs
from .validate import validate


class Reports:
    """Where diagnostics go: all of them, or only those of the files asked for (`check PATH…`)."""

    def __init__(self, reporter: Reporter, only: list[Path] | None):
        self.reporter = reporter
        self.wanted = {p.resolve() for p in only} if only else None

    def wants(self, path: Path) -> bool:
        return self.wanted is None or path.resolve() in self.wanted

    def __call__(self, path: Path, diagnostics: Iterable[Diagnostic]) -> None:
        if self.wants(path):
            self.reporter.extend(diagnostics)


def run(project: Project, only: list[Path] | None = None) -> Result:
    """Check everything under content/; `only` limits which files' problems are reported."""
    root = project.root
    registry, problems = load(root)
    inv = inventory.take(root / "content", root)
    allowed, allow_problems = privacy.allowlist(root)
    result = Result(Reporter(), registry, project.today, inventory=inv)
    result.reporter.extend(problems + allow_problems)
    report = Reports(result.reporter, only)
    for diagnostic in inv.problems:
        report(root / diagnostic.path, [diagnostic])
    sources = [read(path, kind, root) for path, kind in inv.submissions]
    check_submissions(sources, result, report, allowed, root)
    slugs = {kind: {s.path.stem for s in sources if s.kind == kind} for kind in SUBMISSIONS}
    check_across_files(sources, result, report, slugs)
    for path in inv.plans:
        check_plan_file(path, result, report, allowed, slugs, root)
    return result


def check_submissions(sources: list[Source], result: Result, report: Reports, allowed: set[str], root: Path) -> None:
    """Each case, lesson and material on its own; those without an error become entries."""
    duplicates = {d.path: d for d in check_slugs(sources)}
    for source in sources:
        diagnostics = list(check_file_name(source)) + source.problems
        diagnostics += [duplicates[source.rel]] if source.rel in duplicates else []
        diagnostics += list(privacy.scan(_text(source.path), source.rel, 1, allowed))
        model = None
        if source.meta is not None:
            model, found = validate(source, SUBMISSIONS[source.kind].model)
            diagnostics += found + list(check_item(source, result.registry, root, decode=report.wants(source.path)))
        report(source.path, diagnostics)
        if model is None or _has_error(diagnostics):
            result.failed.append(source)
            continue
        status = "draft" if model.draft else "scheduled" if model.date > result.today else "published"
        result.entries.append(Entry(source, model, status))


def check_across_files(sources: list[Source], result: Result, report: Reports, slugs: dict[str, set[str]]) -> None:
    """The rules that need every file read first: study materials' task links, links between bodies."""

    def apply(rule: Callable[[Entry], Iterable[Diagnostic]]) -> None:
        for entry in list(result.entries):
            found = list(rule(entry))
            report(entry.source.path, found)
            if _has_error(found):  # an entry with an error is not published
                result.failed.append(entry.source)
                result.entries.remove(entry)

    def task_links(e: Entry) -> Iterable[Diagnostic]:
        if e.source.kind != "material":
            return ()
        return materials.check_task_links(e.source, e.model, result.registry, slugs)

    apply(task_links)
    # Links between bodies: what each linked file's status is.
    known = {s.rel.removeprefix("content/"): "failed" for s in sources}
    known.update({e.source.rel.removeprefix("content/"): e.status for e in result.entries})
    apply(lambda e: links.check_body(e.source, known))


def check_plan_file(
    path: Path, result: Result, report: Reports, allowed: set[str], slugs: dict[str, set[str]], root: Path
) -> None:
    source = read_yaml(path, "plan", root)
    diagnostics = list(source.problems) + list(privacy.scan(_text(path), source.rel, 1, allowed))
    plan = None
    if source.meta is not None:
        diagnostics += list(text.check_placeholders(source))
        plan, found = validate(source, Plan)
        diagnostics += found
        if plan is not None:
            diagnostics += list(plans.check_plan(source, plan, result.registry, slugs))
    report(path, diagnostics)
    if plan is None or _has_error(diagnostics):
        result.failed.append(source)
    else:
        result.plans.append((source, plan))


def _has_error(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
