"""Benchmark: `python bench/run.py --items 500,2000,5000 [--runs 3] [--out bench/results.md]`.

For each size: a synthetic corpus (fixed seed) in a temporary folder, then check, build, the engine floor, a
rebuild after one file changed, preview, output size, and in Debian chromium the first visit to an item page and
a search under 4× CPU throttling. Prints a table and writes the results file. See bench/README.md."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable from the project root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import browser, corpus, measure, report
from bench.measure import BenchError, build_tools, median, must, python_env, tool
from bench.text import MARKER

PROJECT = Path(__file__).resolve().parent.parent


def load() -> str:
    """The load average (1, 5, 15 min): other work on the machine slows every figure."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def series(label: str, runs: int, step, before=None) -> list[measure.Run]:
    done = []
    for index in range(runs):
        if before:
            before(index)
        result = step(index)
        print(
            f"    {label} run {index + 1}/{runs}: {result.seconds:.2f} s (cpu {result.cpu_s:.2f} s),"
            f" {result.max_rss_mb:.0f} MB",
            flush=True,
        )
        done.append(result)
    return done


def zensical_build(exe: str, project: Path, folder: Path, runs: int, cmd) -> str:
    """Zensical on a copy of the generated tree (mkdocs.yml, overrides/, build/): engine headroom."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy2(project / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("overrides", "build"):
        shutil.copytree(project / name, folder / name, ignore=shutil.ignore_patterns("site.partial", "site.old"))
    argv = [exe, "build", "-f", "mkdocs.yml", "--clean"]
    done = series("zensical", runs, lambda i: cmd(f"zensical-{i}", argv, folder))
    shutil.rmtree(folder, ignore_errors=True)
    if any(r.code != 0 for r in done):
        return f"failed (exit {done[0].code}, see logs)"
    wall, cpu = median([r.seconds for r in done]), median([r.cpu_s for r in done])
    return f"{wall:.2f} s (cpu {cpu:.2f} s), {max(r.max_rss_mb for r in done):.0f} MB"


def stage_times(cmd, root: Path) -> dict[str, dict[str, float]]:
    """The build's stages one after another (bench/stages.py): {stage: {"wall": s, "cpu": s}}."""
    done = must(cmd("stages", tool("bench.stages", "--root", str(root))), "build stages one after another")
    for line in reversed(done.output.splitlines()):  # stdout and stderr are one log: the last JSON line
        if line.startswith("{"):
            return json.loads(line)
    raise BenchError(f"bench.stages printed no figures:\n{done.tail()}")


def one_size(items: int, args: argparse.Namespace, work: Path) -> dict:
    root, logs = work / f"items-{items}", work / f"logs-{items}"
    print(f"== {items} items: generating the corpus in {root}", flush=True)
    started = time.perf_counter()
    c = corpus.generate(args.project, root / "project", items, args.seed)
    print(f"    generated in {time.perf_counter() - started:.1f} s", flush=True)
    project, env = c.root, python_env(args.project, corpus.EPOCH)

    def cmd(name: str, argv: list[str], cwd: Path = args.project) -> measure.Run:
        return measure.run(argv, cwd, env, args.timeout, logs / f"{name}.log")

    out = {
        "load_before": load(),
        "items": items,
        "cases": len(c.cases),
        "lessons": len(c.lessons),
        "plans": c.plans,
        "units": c.units,
    }
    checks = series("check", args.runs, lambda i: must(cmd(f"check-{i}", build_tools(project, "check")), "check"))
    problems = [line for line in checks[0].output.splitlines() if "错误[" in line or "警告[" in line]
    if problems:
        raise BenchError("the generated corpus is not clean:\n" + "\n".join(problems[:20]))

    def cold(_: int) -> None:
        for folder in ("build", "site"):
            shutil.rmtree(project / folder, ignore_errors=True)

    shutil.rmtree(project / "build", ignore_errors=True)  # the stages from a cold start, as a build has them
    out["stages"] = stage_times(cmd, project)
    floor = root / "floor"
    out["floor_pages"] = measure.floor_tree(project, floor)["pages"]
    bare = tool("mkdocs", "build", "--strict", "--clean", "--site-dir", str(floor / "site"))

    def floor_build(index: int) -> measure.Run:
        result = cmd(f"floor-{index}", bare, floor)
        if result.code != 0 and "--strict" in bare:  # see that log; the floor is then measured without --strict
            bare.remove("--strict")
            out["floor_strict"] = False
            result = cmd(f"floor-{index}-lax", bare, floor)
        return must(result, "engine floor (bare mkdocs build)")

    floors = series("engine floor", args.runs, floor_build)
    shutil.rmtree(floor, ignore_errors=True)
    measure.floor_tree(project, floor, engine_search=True)
    searched: list[measure.Run] = []

    def build_then_floor(index: int) -> measure.Run:
        """A cold build, then the engine floor with its own search index: the machine's speed drifts by a
        fifth from one minute to the next, so the ratio is taken pair by pair, each pair a minute apart."""
        result = must(cmd(f"build-{index}", build_tools(project, "build")), "build")
        searched.append(cmd(f"floor-search-{index}", bare, floor))
        print(
            f"    engine floor with its own search run {index + 1}/{args.runs}: {searched[-1].seconds:.2f} s",
            flush=True,
        )
        return result

    # Cold builds; the last one leaves build/ (its caches and state) and site/ for the rebuilds below.
    builds = series("build", args.runs, build_then_floor, cold)
    shutil.rmtree(floor, ignore_errors=True)
    if all(r.code == 0 for r in searched):
        out["floor_search_s"] = median([r.seconds for r in searched])
        out["floor_search_ratio"] = median([b.seconds / f.seconds for b, f in zip(builds, searched, strict=True)])
    else:
        out["floor_search_s"] = None
    out["floor_search_cpu"] = median([r.cpu_s for r in searched])
    scratch = root / "engine-site"
    mkdocs = tool("mkdocs", "build", "--strict", "--clean", "--site-dir", str(scratch))
    engines = series("mkdocs alone", args.runs, lambda i: must(cmd(f"engine-{i}", mkdocs, project), "mkdocs alone"))
    shutil.rmtree(scratch, ignore_errors=True)

    changes: list[dict] = []

    def rebuild(index: int) -> measure.Run:
        docs = project / "build" / "docs"
        before = measure.snapshot(docs)
        case = c.cases[(index * 7919) % len(c.cases)]
        text = case.read_text(encoding="utf-8").rstrip("\n")
        case.write_text(text + f"\n\n基准测试第 {index + 1} 次修改：支部补充了本学期的工作记录。\n", encoding="utf-8")
        result = must(cmd(f"rebuild-{index}", build_tools(project, "build")), "rebuild after one change")
        changes.append(measure.compare(before, measure.snapshot(docs)))
        return result

    rebuilds = series("rebuild after one change", args.runs, rebuild)

    def renamed_unit(index: int) -> measure.Run:
        units = project / "content" / "units.yml"
        text = units.read_text(encoding="utf-8")
        units.write_text(text.replace("\n  name: ", f"\n  name: （第 {index + 1} 次更名）", 1), encoding="utf-8")
        return must(cmd(f"unit-{index}", build_tools(project, "build")), "rebuild after a unit's new name")

    def changed_template(index: int) -> measure.Run:
        template = project / "overrides" / "main.html"
        marker = "{% block extrahead %}\n"
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace(marker, f'{marker}<meta name="revision" content="{index}">\n', 1), "utf-8")
        return must(cmd(f"template-{index}", build_tools(project, "build")), "rebuild after a template change")

    units = series("rebuild after a unit's new name", args.runs, renamed_unit)
    templates = series("rebuild after a template change", args.runs, changed_template)
    out.update(
        unit_s=median([r.seconds for r in units]),
        unit_cpu=median([r.cpu_s for r in units]),
        template_s=median([r.seconds for r in templates]),
        template_cpu=median([r.cpu_s for r in templates]),
        build_tree_pss=max(r.tree_pss_mb for r in builds),
        rebuild_tree_pss=max(r.tree_pss_mb for r in rebuilds),
        build_tree_rss=max(r.tree_rss_mb for r in builds),
        rebuild_tree_rss=max(r.tree_rss_mb for r in rebuilds),
    )
    out["preview_s"] = None
    if measure.has_subcommand(args.project, env, "preview"):
        path = str(c.cases[0])
        runs = series(
            "preview", args.runs, lambda i: must(cmd(f"preview-{i}", build_tools(project, "preview", path)), "preview")
        )
        out["preview_s"] = median([r.seconds for r in runs])
        out["preview_cpu"] = median([r.cpu_s for r in runs])
    out.update(
        check_cpu=median([r.cpu_s for r in checks]),
        build_cpu=median([r.cpu_s for r in builds]),
        engine_cpu=median([r.cpu_s for r in engines]),
        floor_cpu=median([r.cpu_s for r in floors]),
        rebuild_cpu=median([r.cpu_s for r in rebuilds]),
        check_s=median([r.seconds for r in checks]),
        check_rss=max(r.max_rss_mb for r in checks),
        build_s=median([r.seconds for r in builds]),
        build_rss=max(r.max_rss_mb for r in builds),
        engine_s=median([r.seconds for r in engines]),
        floor_s=median([r.seconds for r in floors]),
        floor_rss=max(r.max_rss_mb for r in floors),
        rebuild_s=median([r.seconds for r in rebuilds]),
        rebuild_change=max(changes, key=lambda change: len(change["needless"])),  # the worst run
        query=MARKER,
    )
    out["site_files"], out["site_bytes"] = measure.tree_size(project / "site")
    index = project / "site" / "search" / "search_index.json"
    out["search_index_bytes"] = index.stat().st_size if index.is_file() else None
    if not args.skip_browser:
        page = f"/cases/{c.cases[len(c.cases) // 2].stem}/"
        print(f"    browser: first visit to {page} and a search for 「{MARKER}」", flush=True)
        seen = browser.measure(project / "site", page, MARKER, c.marker_pages, args.runs, args.search_timeout)
        out["chromium"] = seen["version"]
        out["visit"] = seen["visit"][0]
        times = [s["seconds"] for s in seen["search"]]
        out["search"] = seen["search"][0]
        out["search_s"] = None if None in times else median(times)
    if args.zensical:
        out["zensical"] = zensical_build(args.zensical, project, root / "zensical", args.runs, cmd)
    out["load_after"] = load()
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return out


def project_id(project: Path) -> str:
    """The commit measured, and whether the work tree differed from it."""
    git = ["git", "-C", str(project)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    if head.returncode != 0:
        return f"{project} (not a git checkout)"
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "build_tools", "mkdocs.yml", "docs", "overrides"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"{project} at {head.stdout.strip()}" + (
        " with uncommitted changes to build_tools/ or the site" if dirty else ""
    )


def zensical_version(exe: str | None) -> str:
    if not exe:
        return "not found (pass --zensical or install zensical==0.0.73)"
    done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60, check=False)
    return (done.stdout.strip() or done.stderr.strip() or "?") + f" ({exe})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", default="500,2000,5000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each timed step (the median is reported)")
    parser.add_argument("--out", type=Path, default=PROJECT / "bench" / "results.md")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--project", type=Path, default=PROJECT, help="the project whose build_tools to measure")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed to one command")
    parser.add_argument("--search-timeout", type=float, default=180, help="seconds to wait for a first result")
    parser.add_argument("--zensical", default=None, help="zensical executable (default: found in PATH or the venv)")
    parser.add_argument("--skip-browser", action="store_true", help="no chromium figures")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--tmp", type=Path, default=None, help="parent of the temporary folder")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # cleans up like Ctrl+C: children killed, temp removed
    args.project = args.project.resolve()
    args.zensical = args.zensical or shutil.which(
        "zensical", path=f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    )
    try:
        sizes = sorted({int(s) for s in args.items.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--items: not a list of numbers: {args.items}")
    if not sizes or min(sizes) < 50 or args.runs < 1:
        parser.error("--items: sizes of at least 50; --runs: at least 1")
    try:
        import jieba  # noqa: F401 - Material's search uses it for the engine floor with its own index
    except ImportError:
        parser.error("jieba is missing: .venv/bin/pip install -r bench/requirements.txt")
    work = Path(tempfile.mkdtemp(prefix="liangxue-bench-", dir=args.tmp))
    print(f"bench: temporary folder {work}", flush=True)
    results, failed = [], None
    try:
        for items in sizes:
            results.append(one_size(items, args, work))
    except BenchError as exc:
        failed = str(exc)
    except Exception:  # report what was measured so far, then the error
        failed = traceback.format_exc()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"bench: kept {work}")
    if results:
        info = report.machine()
        info["project"] = project_id(args.project)
        info["zensical"] = zensical_version(args.zensical)
        info["chromium"] = next((r["chromium"] for r in results if r.get("chromium")), "not run")
        command = "python bench/run.py --items " + ",".join(str(r["items"]) for r in results) + f" --runs {args.runs}"
        print("\n" + "\n".join(report.table(results)))
        print("\n" + "\n".join(f"{v:4} {n}: {m}" for n, m, v in report.targets(results)))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report.markdown(results, info, command, args.runs), encoding="utf-8")
        print(f"\nbench: wrote {args.out}")
    if failed:
        print(f"\nbench: stopped: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
