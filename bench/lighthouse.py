"""Lighthouse 12.2.3 (npm, pinned by package-lock.json) on the built site served by Debian's nginx with
deploy/nginx.conf, offline: the four category scores of each page type, and two verdicts — accessibility 100 on
every page, and every page of the guide no more than 5 performance points below the case page in the same run.

    make site && .venv/bin/python bench/lighthouse.py [--runs 3] [--pages PATH,PATH] [--out build/lighthouse]

A script, not a test (a run takes minutes, and performance scores move with the machine's load). Mobile (Lighthouse's
default form factor, simulated throttling). Chromium is Debian's; its background traffic is off and every host name
but 127.0.0.1 resolves to nothing, and each report is checked for requests that left the local server. With
--runs N the median performance run of each page is reported; a run that painted nothing (NO_FCP) is retried.
Exit status 1 when a verdict fails or a page could not be measured.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_tools.tools.browser import CHROMIUM, LOCAL  # noqa: E402
from build_tools.tools.nginx import nginx_serving  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CASE = "cases/bjzx-cz-chen-nianjizu/"
GUIDE = ["guide/", "guide/fields/", "guide/materials/", "guide/plans/", "guide/checks/"]
PAGES = ["", CASE, "micro-lessons/flexx-sijiang-siyou/", "plans/2017/2017-09/", "dashboard/", "materials/", *GUIDE]
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-domain-reliability",
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOCAL}",
]
RETRIES = 2


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run; its JSON report (also kept in `report`)."""
    command = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet"]
    command += [f"--chrome-flags={' '.join(CHROME_FLAGS)}", f"--only-categories={','.join(CATEGORIES)}"]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def measure(base: str, path: str, runs: int, out: Path) -> dict:
    """The page's median run by performance: scores, DOM size, requests that were not local."""
    found, retries = [], 0
    while len(found) < runs:
        name = (path.strip("/").replace("/", "_") or "home") + f".{len(found) + retries}.json"
        report = lighthouse(base + path, out / name)
        if report["categories"]["performance"]["score"] is None and retries < RETRIES:
            retries += 1  # painted nothing: no performance score
            continue
        found.append(report)
    found.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
    median = found[len(found) // 2]
    requests = median["audits"]["network-requests"].get("details", {}).get("items", [])
    return {
        "scores": {c: round((median["categories"][c]["score"] or 0) * 100) for c in CATEGORIES},
        "runs": [round((r["categories"]["performance"]["score"] or 0) * 100) for r in found],
        "dom": median["audits"]["dom-size"].get("numericValue"),
        "tbt": median["audits"]["total-blocking-time"].get("displayValue", ""),
        "foreign": [r["url"] for r in requests if not r["url"].startswith((base, "data:", "blob:"))],
        "failing": [
            ref["id"]
            for c in ("accessibility", "best-practices", "seo")
            for ref in median["categories"][c]["auditRefs"]
            if (median["audits"][ref["id"]].get("score") is not None and median["audits"][ref["id"]]["score"] < 1)
            and median["audits"][ref["id"]].get("scoreDisplayMode") == "binary"
        ],
    }


def verdicts(results: dict[str, dict]) -> list[str]:
    """What fails: accessibility below 100, a guide page more than 5 performance points below the case page,
    a request that left the local server."""
    problems = []
    for path, r in results.items():
        if r["scores"]["accessibility"] < 100:
            problems.append(f"/{path}: accessibility {r['scores']['accessibility']}")
        if r["foreign"]:
            problems.append(f"/{path}: requests left {LOCAL}: {r['foreign']}")
    if CASE in results:
        case = results[CASE]["scores"]["performance"]
        for path in (p for p in GUIDE if p in results):
            if results[path]["scores"]["performance"] < case - 5:
                problems.append(f"/{path}: performance {results[path]['scores']['performance']}, case page {case}")
    return problems


def table(results: dict[str, dict]) -> str:
    lines = [
        "| page | performance (runs) | accessibility | best practices | SEO | DOM | TBT |",
        "|---|---|---|---|---|---|---|",
    ]
    for path, r in results.items():
        s = r["scores"]
        runs = "/".join(map(str, r["runs"]))
        lines.append(
            f"| /{path} | {s['performance']} ({runs}) | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
            f"| {r['dom']:.0f} | {r['tbt']} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO / "site", help="the built site (default: site/)")
    parser.add_argument("--pages", default=",".join(PAGES), help="paths under the site, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median by performance is kept")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "lighthouse", help="folder for the reports")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file() or not (args.site / "index.html").is_file():
        print("需要 node_modules（npm ci，make test 会安装）和已生成的网站（make site）", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    config = REPO / "deploy" / "nginx.conf"
    with (
        tempfile.TemporaryDirectory(prefix="lighthouse-nginx-") as prefix,
        nginx_serving(config, args.site.resolve(), Path(prefix)) as base,
    ):
        for path in args.pages.split(","):
            results[path] = measure(base, path, args.runs, args.out)
            s = results[path]["scores"]
            print(f"/{path}: " + ", ".join(f"{c} {s[c]}" for c in CATEGORIES), flush=True)
    (args.out / "summary.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print("\n" + table(results))
    failing = {p: r["failing"] for p, r in results.items() if r["failing"]}
    if failing:
        print(f"\naudits failing (accessibility, best practices, SEO): {failing}")
    problems = verdicts(results)
    print("\n" + ("\n".join(problems) if problems else "accessibility 100 on every page; the guide within 5 points"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
