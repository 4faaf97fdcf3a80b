"""The build's stages one after another, each with its wall and CPU time: `python -m bench.stages` in a corpus
(run.py sets SITE_ROOT and PYTHONPATH). Prints one JSON object: {stage: {"wall": s, "cpu": s}}.

`build` overlaps the search index with MkDocs and uses both cores; this run does not, so that the CPU each
stage needs can be added up. The sum over two cores is the shortest a 2-core build can take, however its stages
are arranged: bench/README.md ("Where the build time goes") compares it with the engine floor."""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time

from build_tools import checker, compress, paths, search_sources, site


def cpu_seconds() -> float:
    """User + system time of this process and of its children waited for (MkDocs, Pagefind, pool workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    times: dict[str, dict[str, float]] = {}

    def stage(name: str, step):
        wall, cpu = time.perf_counter(), cpu_seconds()
        value = step()
        times[name] = {"wall": time.perf_counter() - wall, "cpu": cpu_seconds() - cpu}
        return value

    result = stage("check", checker.run)
    if result.reporter.errors:
        print("bench.stages: the corpus does not pass check", file=sys.stderr)
        return 1
    bodies: dict[str, str] = {}
    files = stage("generate", lambda: site.generate(result, bodies))
    built, index = paths.BUILD / "stages-site", paths.BUILD / "stages-pagefind"
    done = stage("mkdocs", lambda: site.run_mkdocs("--quiet", "--site-dir", str(built)))
    indexed = stage("search index", lambda: search_sources.index(files, bodies, index))
    # Compressed from scratch: a published site/ would lend its .gz copies of unchanged files.
    fresh = paths.BUILD / "stages-no-previous-site"
    packed = stage("gz", lambda: compress.precompress(built, fresh)) if done.returncode == 0 else 1
    shutil.rmtree(built, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    if done.returncode or indexed or packed:
        print("bench.stages: a stage failed", file=sys.stderr)
        return 1
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
