"""Search with Pagefind (issue 8), keeping the party vocabulary whole: the cut, the index, the built-HTML reading.

Material's own index (one JSON file of every page, fetched on every page load) cannot serve thousands of items
to a phone. Pagefind splits its index into chunks and fragments that a query loads on demand, so nothing that
grows with the site is downloaded before the reader searches. Material's search box stays: the worker it starts
is replaced by ours (`search_patch.py`, `templates/search_worker.js`), which answers Material's messages with
Pagefind's results.

What is indexed: the item pages (cases, lessons, study materials: the pages with an `.item-meta` block under
`cases/`, `micro-lessons/`, `materials/`) and the guide; the Material article only (no nav, header or footer),
without permalinks, scripts, media players (their fallback text) and the poster link. Listings are not indexed:
they only repeat the items.

How Chinese is cut, at index and at query time alike (`Tokenizer` here, `queryTokens` in the worker):
- a run of Chinese characters gives one token per character: the character and the next one of the run
  (overlapping pairs, the last character alone). Any part of a sentence, cut anywhere, is then found: its
  pairs are all in the index, whatever a dictionary would have made of the sentence;
- a party term of the vocabulary (the jieba user dictionary: `build_tools/data/terms.txt` and the tag labels)
  of three characters or more is also a token of its own, the longest one at each place, so searching
  师德师风 or 三会一课 means the whole term, never 师德 here and 师风 there. Pagefind matches a query word
  as the start of an indexed word, so a shorter term still finds a longer one that begins with it;
- other letters and digits make words; any other visible character is a token of its own (Pagefind drops
  punctuation when it indexes).

Pagefind's own Chinese segmentation (its extended build) is not used: it cuts with its own dictionary at index
time and the browser's at query time, and the two do not agree. The pages are handed to Pagefind already cut,
as small HTML files in a scratch folder, tagged with the language `und` so that it cuts nothing more. The
worker rebuilds the readable text (and the highlighted excerpt) from the tokens: the first character of each
pair, terms skipped, a ¶ token between blocks.

The output, `site/pagefind/`, is deterministic: Pagefind names its files by content hashes and the pages are
handed over in a fixed order. Only what the worker needs is kept (Pagefind's UI bundles are removed), plus
`vocabulary.json`, the party terms the worker keeps whole in a query. Material's `search/search_index.json`
keeps its settings but no documents: the search plugin still draws the search box.
"""

from __future__ import annotations

import html
import json
import operator
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from . import parallel, paths

SECTIONS = ("cases", "micro-lessons", "materials")
GUIDE = "guide/index.html"
OUTPUT = "pagefind"  # site/pagefind/
LANGUAGE = "und"  # not zh: Pagefind would cut the tokens again, and so would pagefind.js cut the query
VOCABULARY = "vocabulary.json"
MIN_TERM = 3  # a two-character term is already a pair
BLOCK = "¶"  # a token after the text of each block, so that the worker shows blocks apart
# What the worker loads; everything else Pagefind writes (its UI bundles, its own web worker) is removed.
KEEP = re.compile(r"pagefind\.js|pagefind-entry\.json|pagefind\..+\.pf_meta|wasm\..+\.pagefind|index|fragment")
# Index chunks of at most this many word positions (Pagefind's default is 20,000): a query loads one chunk per
# word, and pairs are many, so smaller chunks keep the first query light. The variable is Pagefind's own.
CHUNK_SIZE = "8000"

# The same classes as in templates/search_worker.js.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Invisible characters (Pagefind drops some, which would shift the tokens) and those used as markers below.
UNWANTED = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\U000f0000-\U000ffffd]")
FIRST_MARKER, MARKERS = 0xF0000, 0xFFFE  # private use characters: one for each term
MARKER = re.compile("[\U000f0000-\U000ffffd]")
RUNS = re.compile(rf"([{HAN}\U000f0000-\U000ffffd]+)")  # a run of Chinese, with its markers
OTHERS = re.compile(r"[^\W_]+|\S")  # between runs: a word of letters and digits, any other visible character

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
# Not the item's text: code and media elements (a player's fallback text), permalinks, the poster link.
DROP = re.compile(
    r"<(script|style|svg|template|video|audio)\b.*?</\1>|<!--.*?-->"
    r'|<a class="(?:headerlink|item-tools)"[^>]*>.*?</a>',
    re.S | re.IGNORECASE,
)
INLINE = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
TEXT = re.compile(r">([^<]+)<")
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def vocabulary(dictionary: Path | None = None) -> list[str]:
    """The party terms kept whole: the jieba user dictionary the build writes (term list and tag labels)."""
    source = dictionary or paths.JIEBA_USER_DICT
    if not source.is_file():  # a tree built without `generate`: the term list alone
        source = paths.TERMS_FILE
    words = {line.split()[0] for line in source.read_text(encoding="utf-8").splitlines() if line.strip()}
    return sorted(w for w in words if len(w) >= MIN_TERM and re.fullmatch(f"[{HAN}]+", w))


def trie(words: list[str]) -> str:
    """A regex matching the longest of the words at a place: words that share a first character share a branch."""
    branches: dict[str, list[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
    alternatives = [re.escape(first) + trie(rests) for first, rests in sorted(branches.items())]
    if not alternatives:
        return ""
    pattern = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{pattern})?" if "" in words else pattern  # greedy: the longer word first


class Tokenizer:
    """Text → the tokens Pagefind indexes (see the module docstring).

    Each term found is first replaced by a marker character placed before its first character (one marker per
    place: the longest term there); the text is then cut into runs of Chinese (with their markers), words and
    other characters by one regex, and each run into its pairs, the markers becoming their terms.
    `tests/test_search.py` checks it against a plain loop over the characters.
    """

    def __init__(self, terms: list[str]):
        self.terms = sorted({term for term in terms if term})[:MARKERS]
        self.find = re.compile(trie(self.terms)) if self.terms else None
        self.marker = {term: chr(FIRST_MARKER + i) for i, term in enumerate(self.terms)}

    def marked(self, text: str) -> str:
        """The text with a marker before every place where a term starts."""
        match = self.find.search(text) if self.find else None
        if match is None:
            return text
        parts, last = [], 0
        while match:
            start = match.start()
            parts += [text[last:start], self.marker[match.group()]]
            last = start
            match = self.find.search(text, start + 1)
        parts.append(text[last:])
        return "".join(parts)

    def run(self, run: str) -> str:
        """A run of Chinese: each character with the next one, the last alone; a term before its first character."""
        if MARKER.search(run):
            return self.marked_run(run)
        return " ".join([*map(operator.add, run, run[1:]), run[-1]])

    def marked_run(self, run: str) -> str:
        plain = MARKER.sub("", run)
        out = [*map(operator.add, plain, plain[1:]), plain[-1]]
        places, seen = [], 0
        for char in run:
            if MARKER.match(char):
                places.append((seen, self.terms[ord(char) - FIRST_MARKER]))
            else:
                seen += 1
        for place, term in reversed(places):
            out.insert(place, term)
        return " ".join(out)

    def text(self, text: str) -> str:
        """The tokens of a text, separated by spaces."""
        parts = RUNS.split(self.marked(UNWANTED.sub("", text)))
        parts[0::2] = [" ".join(OTHERS.findall(part)) for part in parts[0::2]]  # split() puts runs at odd places
        parts[1::2] = map(self.run, parts[1::2])
        return " ".join(part for part in parts if part)

    def __call__(self, text: str) -> list[str]:
        return self.text(text).split()


def candidates(site: Path) -> list[tuple[Path, bool]]:
    """The pages that may be indexed, in a fixed order, each with whether it must be an item page: every page
    one level under a section (items and some listings, told apart by the `.item-meta` block), and the guide."""
    pages = [(page, True) for section in SECTIONS for page in sorted((site / section).glob("*/index.html"))]
    return [*pages, (site / GUIDE, False)] if (site / GUIDE).is_file() else pages


def page_title(page: str, article: str) -> str:
    """The item's title: its <h1>, else the <title> without the site name."""
    heading = H1.search(article)
    if heading:
        return html.unescape(TAG.sub("", DROP.sub("", heading.group(1)))).strip()
    title = TITLE.search(page)
    return html.unescape(title.group(1)).rsplit(" - ", 1)[0].strip() if title else ""


def cut_page(page: str, tokens: Tokenizer) -> str | None:
    """The page as Pagefind reads it: the article's blocks with their text already cut into tokens."""
    article = ARTICLE.search(page)
    if article is None:
        return None
    body = DROP.sub("", article.group(1))
    title = page_title(page, body)
    body = INLINE.sub("", body)  # inline tags would split a word in two

    def cut(match: re.Match) -> str:
        text = tokens.text(html.unescape(match.group(1)))
        return f">{html.escape(text, quote=False)} {BLOCK} <" if text else "> <"

    body = TEXT.sub(cut, body)
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title></title></head>'
        f'<body><h1 data-pagefind-meta="title">{html.escape(title, quote=False)}</h1>'  # outside the body: not indexed
        f"<main data-pagefind-body>{body}</main></body></html>"
    )


def run_pagefind(source: Path, output: Path, workdir: Path) -> subprocess.CompletedProcess:
    """Pagefind's extended binary from PyPI, in a clean folder (it reads pagefind.yml and PAGEFIND_* if present)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = CHUNK_SIZE
    command = [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output)]
    command += ["--force-language", LANGUAGE, "--silent"]
    return subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, check=False)


def empty_material_index(site: Path) -> None:
    """Material's index keeps its settings (the search box and highlighting read them), without documents."""
    index = site / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        data["docs"] = []
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


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


def build_index(site: Path, terms: list[str], scratch: Path) -> int:
    """Index the pages of an already built `site` into site/pagefind/ (scratch: a folder for the cut copies); 0 on
    success. The build indexes the docs tree instead, during MkDocs (search_sources.py); this reading of the
    built HTML is the reference it must agree with (tests/test_search.py), and works for any engine's output."""
    shutil.rmtree(site / OUTPUT, ignore_errors=True)
    count = cut_pages(site, scratch / "pages", terms)
    if index_cut_pages(scratch / "pages", count, site / OUTPUT, terms, scratch) != 0:
        return 1
    empty_material_index(site)
    return 0


def index_cut_pages(source: Path, count: int, output: Path, terms: list[str], scratch: Path) -> int:
    """Pagefind over the cut copies in `source`, into `output` with only what the worker loads; 0 on success."""
    if count == 0:
        print("搜索索引：没有可索引的页面。", file=sys.stderr)
        return 1
    done = run_pagefind(source, output, scratch)
    if done.returncode != 0 or not (output / "pagefind-entry.json").is_file():
        print(f"搜索索引：Pagefind 失败（退出码 {done.returncode}）\n{done.stdout}{done.stderr}", file=sys.stderr)
        return 1
    for path in sorted(output.iterdir()):
        if not KEEP.fullmatch(path.name):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    (output / VOCABULARY).write_text(json.dumps(terms, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"搜索索引：Pagefind 收录 {count} 个页面，党建术语 {len(terms)} 个整词保留。")
    return 0
