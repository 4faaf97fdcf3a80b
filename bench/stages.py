"""The build's stages one after another, each with its wall and CPU time: `python -m bench.stages --root CORPUS`
(run.py sets PYTHONPATH and SOURCE_DATE_EPOCH). Prints one JSON object: {stage: {"wall": s, "cpu": s}}.

`build` overlaps the search index with MkDocs and uses both cores; this run does not, so that the CPU each
stage needs can be added up. The sum over two cores is the shortest a 2-core build can take, however its stages
are arranged: bench/README.md ("Where the build time goes") compares it with the engine floor."""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

from build_tools.check import checker
from build_tools.project import Project
from build_tools.publish.build import generate
from build_tools.publish.compress import gz_copies
from build_tools.publish.engine import run_mkdocs
from build_tools.publish.writer import write_gz_copies
from build_tools.search import sources
from build_tools.search.tokens import party_terms


def cpu_seconds() -> float:
    """User + system time of this process and of its children waited for (MkDocs, Pagefind, pool workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="the corpus, a project folder")
    project = Project.from_environment(parser.parse_args(argv).root)
    times: dict[str, dict[str, float]] = {}

    def stage(name: str, step):
        wall, cpu = time.perf_counter(), cpu_seconds()
        value = step()
        times[name] = {"wall": time.perf_counter() - wall, "cpu": cpu_seconds() - cpu}
        return value

    result = stage("check", lambda: checker.run(project))
    if result.reporter.errors:
        print("bench.stages: the corpus does not pass check", file=sys.stderr)
        return 1
    tree = stage("generate", lambda: generate(project, result))
    built, index = project.build / "stages-site", project.build / "stages-pagefind"
    done = stage("mkdocs", lambda: run_mkdocs(project.root, "--quiet", "--site-dir", str(built)))
    terms = party_terms(result.registry)
    cache = project.build / "stages-search-cache"  # from nothing: the build's own cache would skip unchanged shards
    shutil.rmtree(cache, ignore_errors=True)
    search = (tree.files, tree.bodies, project.config, terms, index, tree.years, cache)
    stage("search index", lambda: sources.index(*search))
    if done.returncode == 0:  # compressed from scratch: a published site/ would lend its .gz copies of unchanged files
        stage("gz", lambda: write_gz_copies(gz_copies(built, None)))
    shutil.rmtree(built, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    if done.returncode:
        print("bench.stages: MkDocs failed", file=sys.stderr)
        return 1
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
