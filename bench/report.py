"""The machine and versions, the table of figures per corpus size, and the targets as PASS/FAIL."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import math
import os
import platform
from pathlib import Path

KB = 1024
STAGES = ("check", "generate", "mkdocs", "search index", "gz")  # bench/stages.py
CORES = os.cpu_count() or 1
TARGETS = {"build_floor": 1.25, "per_item": 1.15, "check_s": 5.0, "search_kb": 300, "search_s": 1.0, "visit_kb": 150}


def machine() -> dict[str, str]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")), "?"
    )
    mem = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), "0")
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "pymdown-extensions", "jieba", "playwright"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{cpu}, nproc {os.cpu_count()}",
        "ram": f"{int(mem) / 1024 / 1024:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        **versions,
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _s(value: float | None) -> str:
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.2f} s"


def _t(r: dict, name: str) -> str:
    """Median wall time, with the median CPU time (user + system, children included) beside it."""
    wall, cpu = r.get(f"{name}_s"), r.get(f"{name}_cpu")
    return _s(wall) if wall is None or cpu is None else f"{wall:.2f} s (cpu {cpu:.2f} s)"


def _kb(value: float | None) -> str:
    return "n/a" if value is None else f"{value / KB:,.1f} KB"


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} MB"


def stage_cpu(r: dict) -> float:
    return sum(r["stages"][s]["cpu"] for s in STAGES)


def bound(r: dict) -> float:
    """The least build / floor this machine allows: all the CPU the stages need, spread evenly on every core."""
    return stage_cpu(r) / CORES / r["floor_s"]


def search_ratio(r: dict) -> float:
    """Build / the floor with its own search index, the median of the per-run ratios where each build ran beside
    its own floor run (results of older runs have only the two medians)."""
    return r.get("floor_search_ratio") or r["build_s"] / r["floor_search_s"]


def rows(r: dict) -> list[tuple[str, str]]:
    """(figure, value) for one size; `r` is what run.py measured."""
    visit, search = r.get("visit") or {}, r.get("search") or {}
    change = r["rebuild_change"]
    vb = visit.get("bytes", {})
    return [
        ("corpus: cases / lessons / plans / units", f"{r['cases']} / {r['lessons']} / {r['plans']} / {r['units']}"),
        ("check (median)", _t(r, "check")),
        ("build = check + generate + mkdocs (median, cold)", _t(r, "build")),
        ("mkdocs alone on our build/docs (median)", _t(r, "engine")),
        (
            f"engine floor: bare mkdocs, {r['floor_pages']} item pages only (median)",
            _t(r, "floor") + ("" if r.get("floor_strict", True) else " (without --strict)"),
        ),
        ("build / floor", f"{r['build_s'] / r['floor_s']:.2f}× (cpu {r['build_cpu'] / r['floor_cpu']:.2f}×)"),
        (
            "build stages one after another, cpu: " + " / ".join(STAGES) + " = total",
            " / ".join(f"{r['stages'][s]['cpu']:.1f}" for s in STAGES) + f" = {stage_cpu(r):.1f} s",
        ),
        (f"shortest build on {CORES} cores (stage cpu / {CORES}) / floor", f"{bound(r):.2f}×"),
        ("engine floor with its own search index (Material's, jieba)", _t(r, "floor_search")),
        (
            "build / floor with its own search index (median of the runs' ratios, each build beside its floor run)",
            f"{search_ratio(r):.2f}×" if r.get("floor_search_s") else "n/a",
        ),
        (
            "build time per item",
            f"{1000 * r['build_s'] / r['items']:.1f} ms (cpu {1000 * r['build_cpu'] / r['items']:.1f} ms)",
        ),
        ("one changed case published: incremental build, start to site/ swapped (median)", _t(r, "rebuild")),
        ("a unit's new name in units.yml published (median)", _t(r, "unit") if r.get("unit_s") else "n/a"),
        (
            "a template changed (overrides/main.html): every page again (median)",
            _t(r, "template") if r.get("template_s") else "n/a",
        ),
        (
            "one change: build/docs files rewritten / bytes changed / rewritten unchanged",
            f"{len(change['rewritten'])} / {len(change['changed'])} / {len(change['needless'])}"
            f" (of {change['files']}; added {len(change['added'])}, removed {len(change['removed'])})",
        ),
        ("preview of one file (median)", _t(r, "preview") if r["preview_s"] is not None else "n/a (no preview)"),
        (
            "peak memory, largest process: check / build / floor",
            f"{_mb(r['check_rss'])} / {_mb(r['build_rss'])} / {_mb(r['floor_rss'])}",
        ),
        (
            "peak memory, all processes of the command at once (PSS): cold build / one-change build",
            f"{_mb(r.get('build_tree_pss'))} / {_mb(r.get('rebuild_tree_pss'))}",
        ),
        (
            "  the same as a sum of RSS (pages shared with forked workers counted once per process)",
            f"{_mb(r.get('build_tree_rss'))} / {_mb(r.get('rebuild_tree_rss'))}",
        ),
        ("site/ output", f"{r['site_files']:,} files, {r['site_bytes'] / KB / KB:,.1f} MB"),
        ("search/search_index.json (raw)", _kb(r.get("search_index_bytes"))),
        ("first visit to an item page, gzipped, before images", _kb(vb.get("before_images"))),
        (
            "  of which html / css / js / fonts / search / other; images",
            " / ".join(_kb(vb.get(k, 0)) for k in ("html", "css", "js", "fonts", "search", "other"))
            + f"; {_kb(vb.get('images', 0))}",
        ),
        ("  assets without a hashed name", ", ".join(visit.get("unhashed", [])) or "none"),
        ("search payload before the first result, gzipped", _kb(search.get("bytes", {}).get("total"))),
        ("  then fetched behind the first results (the other shards, next 0.3 s)", _kb(search.get("after_bytes"))),
        ("time to first result, 4× CPU throttling (median)", _s(r.get("search_s")) if search else "n/a"),
        (
            f"query 「{r.get('query', '')}」: results / first is an item containing it",
            f"{search.get('results', 'n/a')} / {search.get('first_expected', 'n/a')}" if search else "n/a",
        ),
        ("zensical build (median)", r.get("zensical") or "n/a"),
        ("load average 1/5/15 min: before / after this size", f"{r['load_before']} / {r['load_after']}"),
    ]


def _verdict(ok: bool | None, note: str = "") -> str:
    word = "n/a" if ok is None else "PASS" if ok else "FAIL"
    return f"{word}{note}"


def targets(results: list[dict]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict). Figures due at 5,000 items are taken at the largest size run; the verdict
    says so when that is not 5,000."""
    if not results:
        return []
    big, small = results[-1], results[0]
    at = "" if big["items"] >= 5000 else f" (measured at {big['items']}, not 5,000 or more)"
    out = []
    at5000 = next((r for r in results if r["items"] == 5000), None)
    if at5000 is not None:
        shown = f"{at5000['rebuild_s']:.2f} s (cpu {at5000['rebuild_cpu']:.2f} s)"
        if at5000.get("unit_s"):
            shown += f"; a unit's new name {at5000['unit_s']:.2f} s; a template {at5000['template_s']:.2f} s"
        out.append(("one changed case published in ≤ 15 s at 5,000 items", shown, _verdict(at5000["rebuild_s"] <= 15)))
    for items, limit in ((5000, 1024), (10000, 2048)):
        r = next((r for r in results if r["items"] == items), None)
        if r is not None and r.get("build_tree_pss"):
            shown = (
                f"{_mb(r['build_tree_pss'])} PSS (sum of RSS {_mb(r['build_tree_rss'])},"
                f" largest process {_mb(r['build_rss'])})"
            )
            out.append(
                (
                    f"peak memory of a cold build ≤ {limit:,} MB at {items:,} items",
                    shown,
                    _verdict(r["build_tree_pss"] <= limit),
                )
            )
    if big.get("floor_search_s"):
        ratio = search_ratio(big)
        cpu = big["build_cpu"] / big["floor_search_cpu"]
        shown = f"{ratio:.2f}× at {big['items']:,} items (cpu time {cpu:.2f}×)"
        out.append(("cold build ≤ 1.3× the bare engine building its own search index", shown, _verdict(ratio <= 1.3)))
    if len(results) > 1:
        per_big, per_small = big["build_s"] / big["items"], small["build_s"] / small["items"]
        growth = per_big / per_small
        cpu = (big["build_cpu"] / big["items"]) / (small["build_cpu"] / small["items"])
        note = "" if (small["items"], big["items"]) == (500, 10000) else f" ({big['items']} vs {small['items']})"
        out.append(
            (
                "time per item at 10,000 within 1.15× of that at 500",
                f"{1000 * per_big:.1f} ms vs {1000 * per_small:.1f} ms = {growth:.2f}× (cpu time {cpu:.2f}×: {_verdict(cpu <= 1.15)}){note}",
                _verdict(growth <= 1.15, note),
            )
        )
    checked = at5000 or big
    shown = f"{checked['check_s']:.2f} s (cpu {checked['check_cpu']:.2f} s: {_verdict(checked['check_cpu'] < 5.0)})"
    out.append((f"check under 5 s at {checked['items']:,} items", shown, _verdict(checked["check_s"] < 5.0)))
    needless = sum(len(r["rebuild_change"]["needless"]) for r in results)
    changed = ", ".join(str(len(r["rebuild_change"]["changed"])) for r in results)
    out.append(
        (
            "one-file change rewrites only what changed",
            f"files with new bytes per size: {changed}; rewritten with unchanged bytes: {needless}",
            _verdict(needless == 0),
        )
    )
    search = big.get("search")
    if search:
        kb, seconds = search["bytes"]["total"] / KB, big.get("search_s")
        ok = kb <= 300 and seconds is not None and seconds <= 1.0 and search["any_expected"]
        shown = f"{kb:,.1f} KB, {_s(seconds)}, finds the mid-sentence word: {search['any_expected']}"
        out.append(("search: ≤ 300 KB gz before the first result, ≤ 1 s at 4×", shown, _verdict(ok, at)))
        visits = [r["visit"]["bytes"]["before_images"] / KB for r in results if r.get("visit")]
        unhashed = sorted({p for r in results if r.get("visit") for p in r["visit"]["unhashed"]})
        shown = " / ".join(f"{v:,.1f} KB" for v in visits) + f" at {', '.join(str(r['items']) for r in results)}"
        out.append(("first visit ≤ 150 KB gz before images, at every size", shown, _verdict(max(visits) <= 150)))
        out.append(
            ("repeat visits hit cache: hashed asset names", ", ".join(unhashed) or "all hashed", _verdict(not unhashed))
        )
    else:
        out.append(("search and first visit", "browser not run", "n/a"))
    zensical = big.get("zensical")
    shown = zensical or "zensical not found"
    out.append(
        (
            "Zensical builds the same corpus (reported, no threshold)",
            shown,
            _verdict(None if not zensical else not zensical.startswith("failed")),
        )
    )
    return out


def table(results: list[dict]) -> list[str]:
    header = ["figure", *(f"{r['items']:,} items" for r in results)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    per_size = [rows(r) for r in results]
    for index, (name, _) in enumerate(per_size[0]):
        lines.append("| " + " | ".join([name, *(values[index][1] for values in per_size)]) + " |")
    return lines


def markdown(results: list[dict], info: dict[str, str], command: str, runs: int) -> str:
    lines = ["# Benchmark results", "", f"Written by `{command}`; {runs} run(s) per figure, medians."]
    lines += [
        "Times are wall clock, with the CPU time (user + system of the command and its children) beside them:",
        "when the load average exceeds the number of cores, other work inflates the wall times and the CPU",
        "times are the better guide. Verdicts use wall times; for the time targets the CPU-time verdict is given too.",
        "",
    ]
    lines += ["## Machine", "", "| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in info.items()), ""]
    lines += ["## Figures", "", *table(results), ""]
    lines += ["## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {verdict} |" for name, value, verdict in targets(results)]
    lines += ["", "Not measured here: static hosting (deploy/nginx.conf) is covered by its own end-to-end test.", ""]
    for r in results:
        change = r["rebuild_change"]
        listed = ", ".join(change["changed"][:12]) + (" …" if len(change["changed"]) > 12 else "")
        lines.append(f"- {r['items']} items, files of build/docs with new bytes after one change: {listed or 'none'}")
    lines += ["", "How each figure is measured: bench/README.md.", ""]
    return "\n".join(lines)
