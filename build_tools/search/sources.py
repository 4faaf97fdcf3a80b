"""The search index built from the generated pages while MkDocs renders them.

Pagefind's binary runs on about one core, some 5 ms a page, after its input is cut into tokens; MkDocs runs on
one core. Indexing the built HTML (`index.build_index`) has to wait for MkDocs; indexing the docs tree
does not, so on two cores the index is made beside MkDocs instead of after it (at 5,000 items: about 50 s of
indexing hidden behind MkDocs, which it slows by a few seconds).

What Pagefind reads is the same as before: the article of each indexed page — an item page one level under
`cases/`, `micro-lessons/` or `materials/` (it has the `.item-meta` block), and the guide. A page's article is
its Markdown converted with the extensions of mkdocs.yml (MkDocs adds its own link rewriting, which changes
no text). An item's body is already HTML (render/body.py), which MkDocs passes through as it is; converting it
again would cost as much as MkDocs does, so the Markdown is converted with a mark in place of the body and
the body is put back afterwards. `tests/test_search.py` checks that every indexed page gives the same tokens
as its built page (the theme's indentation aside).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import markdown

from ..project import ProjectError
from . import shards
from .cut import cut_page
from .index import SECTIONS, index_cut_pages, write_cut, write_vocabulary
from .tokens import Tokenizer

BODY_MARK = "\ue000item-body\ue000"  # private-use characters: never in a page
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
GUIDE = "guide/"  # every page of the guide


def indexable(files: dict[str, bytes]) -> list[str]:
    """Docs-tree pages to index, in a fixed order (the order of index.candidates)."""
    pages = []
    for section in SECTIONS:
        for name in sorted(n for n in files if n.startswith(section + "/") and n.count("/") == 1):
            if name.endswith(".md") and name != f"{section}/index.md" and b'class="item-meta' in files[name]:
                pages.append(name)
    return [*pages, *sorted(n for n in files if n.startswith(GUIDE) and n.endswith(".md"))]


def url_folder(name: str) -> str:
    """cases/slug.md → cases/slug (the page's URL, as a folder of the cut copies); guide/index.md → guide,
    guide/fields.md → guide/fields."""
    return name[: -len("/index.md")] if name.endswith("/index.md") else name[: -len(".md")]


def marked_body(text: str, body: str) -> tuple[str, str]:
    """(the page's Markdown with its body marked, the body HTML), or the page as it is and no body."""
    if body and body in text:
        return text.replace(body, BODY_MARK, 1), body
    return text, ""


class PageReader:
    """Docs-tree Markdown → the article as the theme shows it, reduced to what cut.cut_page reads."""

    def __init__(self, config: dict):
        names, configs = ["tables", "fenced_code"], {}  # MkDocs adds these two itself
        for entry in config.get("markdown_extensions") or []:
            name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
            names.append(name)
            if options:
                configs[name] = options
        self.markdown = markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs)

    def article(self, text: str, body: str) -> str:
        self.markdown.reset()
        html = self.markdown.convert(FRONT_MATTER.sub("", text, count=1))
        if body:
            html = html.replace(BODY_MARK, body, 1)
        return f'<article class="md-content__inner md-typeset">{html}</article>'


def index(
    files: dict[str, bytes],
    bodies: dict[str, str],
    config: dict,
    terms: list[str],
    output: Path,
    years: dict[str, str],
    cache: Path,
) -> None:
    """Index the docs tree into `output` (later moved to site/pagefind/), one Pagefind index per shard (shards.py),
    reusing the cached index of every shard whose pages did not change. `config`: mkdocs.yml, for the same Markdown
    extensions as the engine's; `years`: item page → its year."""
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    found = shards.shards(indexable(files), years)
    if not found:
        raise ProjectError("搜索索引：没有可索引的页面。")
    store, code = shards.ShardCache(cache), shards.code_key(terms, config)
    digests = {page: shards.sha1(files[page]) for shard in found for page in shard.pages}
    reader, tokens = None, Tokenizer(terms)
    made = 0
    for shard in found:
        key = store.key(shard, digests, code)
        if not store.current(shard.name, key):
            reader = reader or PageReader(config)
            index_shard(shard, files, bodies, digests, code, store, key, reader, tokens)
            made += 1
        store.link_into(shard.name, output)
    store.forget_others({shard.name for shard in found})
    write_vocabulary(output, terms)
    (output / shards.MANIFEST).write_bytes(shards.manifest(found, years))
    pages = sum(len(shard.pages) for shard in found)
    print(f"搜索索引：{pages} 个页面分 {len(found)} 片（重建 {made} 片），党建术语 {len(terms)} 个整词保留。")


def index_shard(shard, files, bodies, digests, code, store, key, reader, tokens) -> None:
    """Cut the shard's pages (those unchanged since the last time from the cache) and index them with Pagefind."""
    old = store.cuts(shard.name)
    cuts = {}
    with tempfile.TemporaryDirectory(prefix="pagefind-", dir=store.folder.parent) as folder:
        pages = Path(folder) / "pages"
        for name in shard.pages:
            stamp = shards.sha1(f"{digests[name]} {code}".encode())
            cut = old[name][1] if name in old and old[name][0] == stamp else None
            if cut is None:
                text, body = marked_body(files[name].decode("utf-8"), bodies.get(name, ""))
                cut = cut_page(reader.article(text, body), tokens)
            cuts[name] = [stamp, cut]
            write_cut(cut, pages / url_folder(name) / "index.html")
        made = Path(folder) / "index"
        index_cut_pages(pages, len(shard.pages), made, Path(folder))
        store.store(shard.name, key, made, cuts)
