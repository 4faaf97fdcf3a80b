"""The search index: Pagefind over the cut pages (cut.py), into a folder the build then moves into the site.

Material's own index (one JSON file of every page, fetched on every page load) cannot serve thousands of items
to a phone. Pagefind splits its index into chunks and fragments that a query loads on demand, so nothing that
grows with the site is downloaded before the reader searches. Material's search box stays: the worker it starts
is replaced by ours (worker.py, worker.js), which answers Material's messages with Pagefind's results.

What is indexed: the item pages (cases, lessons, study materials: the pages with an `.item-meta` block under
`cases/`, `micro-lessons/`, `materials/`) and the guide. Listings are not indexed: they only repeat the items.

The cut pages are written to a scratch folder and Pagefind's command line indexes it. Pagefind's Python API
(`PagefindIndex.add_html_file`) would take them from memory, but its client polls the service every 0.1 s for
each answer (pagefind 1.5.2): 30 pages take 4 s, 5,000 would take over 8 minutes.

The output is deterministic: Pagefind names its files by content hashes and the pages are handed over in a fixed
order. Only what the worker needs is kept (Pagefind's UI bundles are removed), plus `vocabulary.json`, the party
terms the worker keeps whole in a query. Material's `search/search_index.json` keeps its settings but no
documents: the search plugin still draws the search box.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .. import parallel
from ..project import ProjectError
from .cut import LANGUAGE, cut_page
from .tokens import Tokenizer

SECTIONS = ("cases", "micro-lessons", "materials")
GUIDE = "guide"  # every page of the guide
OUTPUT = "pagefind"  # site/pagefind/
VOCABULARY = "vocabulary.json"
# What the worker loads; everything else Pagefind writes (its UI bundles, its own web worker) is removed.
KEEP = re.compile(r"pagefind\.js|pagefind-entry\.json|pagefind\..+\.pf_meta|wasm\..+\.pagefind|index|fragment")
# Index chunks of at most this many word positions (Pagefind's default is 20,000): a query loads one chunk per
# word in every shard it searches, and pairs are many, so small chunks keep the first query light (at 5,000 items,
# 13 shards: 8,000 → 682 KB before the first result, 2,000 → 293 KB, 1,000 → 211 KB). The variable is Pagefind's.
CHUNK_SIZE = "1000"


def candidates(site: Path) -> list[tuple[Path, bool]]:
    """The pages that may be indexed, in a fixed order, each with whether it must be an item page: every page
    one level under a section (items and some listings, told apart by the `.item-meta` block), and the guide's pages."""
    pages = [(page, True) for section in SECTIONS for page in sorted((site / section).glob("*/index.html"))]
    return [*pages, *((page, False) for page in sorted((site / GUIDE).rglob("index.html")))]


def run_pagefind(source: Path, output: Path, workdir: Path) -> subprocess.CompletedProcess:
    """Pagefind's extended binary from PyPI, in a clean folder (it reads pagefind.yml and PAGEFIND_* if present)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = CHUNK_SIZE
    command = [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output)]
    command += ["--force-language", LANGUAGE, "--silent"]
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, check=False)


MATERIAL_INDEX = "search/search_index.json"


def without_documents(material_index: str) -> str:
    """Material's index keeps its settings (the search box and highlighting read them), without documents."""
    data = json.loads(material_index)
    data["docs"] = []
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def empty_material_index(site: Path) -> None:
    index = site / MATERIAL_INDEX
    if index.is_file():
        index.write_text(without_documents(index.read_text(encoding="utf-8")), encoding="utf-8")


def cut_file(job: tuple[Path, bool, Path], tokens: Tokenizer) -> int:
    """Write the cut copy of one page; 1 if written (an item page, or the guide)."""
    page, item_only, target = job
    text = page.read_text(encoding="utf-8")
    return write_cut(cut_page(text, tokens) if 'class="item-meta' in text or not item_only else None, target)


def write_cut(cut: str | None, target: Path) -> int:
    """Write a cut copy for Pagefind (None: not a page to index); 1 if written."""
    if cut is None:
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(cut, encoding="utf-8")
    return 1


def cut_pages(site: Path, source: Path, terms: list[str]) -> int:
    """Cut copies of the pages to index under source/, on every core when there are many; how many."""
    jobs = [(page, item_only, source / page.relative_to(site)) for page, item_only in candidates(site)]
    tokens = Tokenizer(terms)
    return sum(parallel.map_items(lambda job: cut_file(job, tokens), jobs))


def build_index(site: Path, terms: list[str], scratch: Path) -> None:
    """Index the pages of an already built `site` into site/pagefind/ (scratch: a folder for the cut copies).
    The build indexes the docs tree instead, during MkDocs (sources.py); this reading of the built HTML is the
    reference it must agree with (tests/test_search.py), and works for any engine's output."""
    shutil.rmtree(site / OUTPUT, ignore_errors=True)
    count = cut_pages(site, scratch / "pages", terms)
    index_cut_pages(scratch / "pages", count, site / OUTPUT, scratch)
    write_vocabulary(site / OUTPUT, terms)
    empty_material_index(site)


def index_cut_pages(source: Path, count: int, output: Path, scratch: Path) -> None:
    """Pagefind over the cut copies in `source`, into `output` with only what the worker loads."""
    if count == 0:
        raise ProjectError("搜索索引：没有可索引的页面。")
    done = run_pagefind(source, output, scratch)
    if done.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        raise ProjectError(f"搜索索引：Pagefind 失败（退出码 {done.returncode}）\n{done.stdout}{done.stderr}")
    for path in sorted(output.iterdir()):
        if not KEEP.fullmatch(path.name):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def write_vocabulary(output: Path, terms: list[str]) -> None:
    (output / VOCABULARY).write_text(json.dumps(terms, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
