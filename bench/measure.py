"""Running the commands under test: wall time, peak memory (the largest process, and the sum over the command's
processes alive at the same time), exit code; snapshots of a tree for the one-file-change rebuild; the engine-floor tree."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path


class BenchError(RuntimeError):
    """A step that must succeed did not: the message says which, with the end of its output."""


@dataclass
class Run:
    seconds: float  # wall clock
    max_rss_mb: float
    code: int
    output: str
    cpu_s: float = 0.0  # user + system time of the command and the descendants it waited for
    tree_pss_mb: float = 0.0  # the most memory its processes held at one time (PSS, sampled every SAMPLE s)
    tree_rss_mb: float = 0.0  # the same as a sum of RSS: shared pages counted once per process

    def tail(self, lines: int = 25) -> str:
        return "\n".join(self.output.splitlines()[-lines:])


SAMPLE = 0.1  # seconds between two readings of the command's memory


def session_memory_mb(session: int) -> tuple[float, float]:
    """(PSS, RSS) summed over every process of a session (the command and all it started), from /proc.

    PSS counts a page shared by n processes as 1/n in each, so its sum is the memory the command holds: forked
    workers share most of their parent's pages, which a sum of RSS counts once per process."""
    pss = rss = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # after the name: state, ppid, pgrp, session
                continue
            with open(f"/proc/{entry.name}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return pss / 1024, rss / 1024


class TreeMemory:
    """The peaks of session_memory_mb (PSS, RSS) while a command runs, read on a thread of its own."""

    def __init__(self, session: int):
        self.session, self.pss, self.rss, self.done = session, 0.0, 0.0, threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    def watch(self) -> None:
        while not self.done.wait(SAMPLE):
            pss, rss = session_memory_mb(self.session)
            self.pss, self.rss = max(self.pss, pss), max(self.rss, rss)

    def stop(self) -> tuple[float, float]:
        self.done.set()
        self.thread.join()
        return self.pss, self.rss


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float, log: Path) -> Run:
    """One command in its own process group, killed whole on timeout. os.wait4 gives the child's resource usage,
    which on Linux includes the maximum RSS of the descendants it waited for (build_tools waits for MkDocs)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        memory = TreeMemory(process.pid)  # a new session: its id is the command's pid
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # Ctrl+C or SIGTERM of the benchmark: never leave the command running
            os.killpg(process.pid, signal.SIGKILL)
            os.wait4(process.pid, 0)
            raise
        finally:
            timer.cancel()
            tree_pss, tree_rss = memory.stop()
        seconds = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    output = log.read_text(encoding="utf-8", errors="replace")
    if code == -signal.SIGKILL and seconds >= timeout:
        output += f"\n[bench] killed after the {timeout:.0f} s timeout"
    return Run(seconds, usage.ru_maxrss / 1024, code, output, usage.ru_utime + usage.ru_stime, tree_pss, tree_rss)


def python_env(project: Path, epoch: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(project),
        "SOURCE_DATE_EPOCH": epoch,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def tool(*args: str) -> list[str]:
    return [sys.executable, "-m", *args]


def build_tools(corpus: Path, *args: str) -> list[str]:
    """`python -m build_tools --root CORPUS …`"""
    return tool("build_tools", "--root", str(corpus), *args)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def must(result: Run, what: str) -> Run:
    if result.code != 0:
        raise BenchError(f"{what} failed (exit {result.code}):\n{result.tail()}")
    return result


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under `folder`: (mtime in ns, sha1 of its bytes)."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            found[path.relative_to(folder).as_posix()] = (
                path.stat().st_mtime_ns,
                hashlib.sha1(path.read_bytes()).hexdigest(),
            )
    return found


def compare(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> dict:
    common = before.keys() & after.keys()
    rewritten = sorted(p for p in common if before[p][0] != after[p][0])
    changed = sorted(p for p in common if before[p][1] != after[p][1])
    return {
        "files": len(after),
        "rewritten": rewritten,  # mtime changed
        "changed": changed,  # bytes changed
        "needless": sorted(set(rewritten) - set(changed)),  # rewritten with the same bytes
        "stale": sorted(set(changed) - set(rewritten)),  # bytes changed, mtime not (should never happen)
        "added": sorted(after.keys() - before.keys()),
        "removed": sorted(before.keys() - after.keys()),
    }


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


FLOOR_NAV = "nav:\n  - 首页: index.md\n"
FLOOR_VALIDATION = (
    "validation:\n  nav:\n    omitted_files: ignore\n    not_found: ignore\n  links:\n"
    "    not_found: ignore\n    anchors: ignore\n    absolute_links: ignore\n    unrecognized_links: ignore\n"
)


def _replace_block(text: str, key: str, block: str) -> tuple[str, int]:
    """Replace the top-level `key:` of a YAML text and its indented (or blank) lines by `block`."""
    return re.subn(rf"(?m)^{key}:[^\n]*\n(?:(?:[ \t]+[^\n]*|[ \t]*)\n)*", block, text)


def floor_config(text: str) -> str:
    """mkdocs.yml for the floor tree: the same theme, extensions and search plugin; a one-page nav, and link
    validation off (item pages link to listings that the floor tree does not have)."""
    out, count = _replace_block(text.rstrip("\n") + "\n", "nav", FLOOR_NAV)
    if count != 1:
        raise BenchError("mkdocs.yml: no top-level `nav:` block to replace for the engine floor")
    out, count = _replace_block(out, "validation", FLOOR_VALIDATION)
    if count != 1:
        out += FLOOR_VALIDATION
    return out


# The front matter lines by which our item pages leave Material's search index (Pagefind indexes them instead).
SEARCH_EXCLUDE = re.compile(r"(?m)^search:\n  exclude: true[^\n]*\n")


def floor_tree(corpus: Path, floor: Path, engine_search: bool = False) -> dict:
    """The engine floor: the same item pages without any of our listings. The tree holds mkdocs.yml (see
    floor_config), overrides/, build/overrides/ (the generated theme) and in
    build/docs: the generated item pages (cases/<slug>.md, micro-lessons/<slug>.md), their media (media/), the
    static assets (assets/, with the patched search worker) and a one-line index.md.

    With `engine_search`, the item pages lose their `search: exclude` lines, so that the engine also makes its
    own search index of them, as a bare build of those pages would (a figure for context, not the floor)."""
    shutil.rmtree(floor, ignore_errors=True)
    docs, source = floor / "build" / "docs", corpus / "build" / "docs"
    docs.mkdir(parents=True)
    pages = 0
    for kind in ("cases", "micro-lessons"):
        (docs / kind).mkdir()
        for page in (source / kind).glob("*.md"):
            if page.name != "index.md":
                if engine_search:
                    text = SEARCH_EXCLUDE.sub("", page.read_text(encoding="utf-8"), count=1)
                    (docs / kind / page.name).write_text(text, encoding="utf-8")
                else:
                    shutil.copy2(page, docs / kind / page.name)
                pages += 1
    for folder in ("media", "assets"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, docs / folder)
    (docs / "index.md").write_text("# 两学一做学习园地\n\n引擎基线：只有条目页面。\n", encoding="utf-8")
    shutil.copytree(corpus / "overrides", floor / "overrides")
    if (corpus / "build" / "overrides").is_dir():  # the theme as the build generates it (hashed asset names)
        shutil.copytree(corpus / "build" / "overrides", floor / "build" / "overrides")
    (floor / "mkdocs.yml").write_text(floor_config((corpus / "mkdocs.yml").read_text(encoding="utf-8")), "utf-8")
    return {"pages": pages, "files": sum(1 for p in docs.rglob("*") if p.is_file())}


def has_subcommand(project: Path, env: dict[str, str], name: str) -> bool:
    done = subprocess.run(
        tool("build_tools", "--help"), cwd=project, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    return re.search(rf"\b{re.escape(name)}\b", done.stdout) is not None
