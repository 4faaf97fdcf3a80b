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

from .cut import cut_page
from .index import SECTIONS, index_cut_pages, write_cut
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


def jobs(files: dict[str, bytes], bodies: dict[str, str]) -> list[tuple[str, str, str]]:
    """(docs path, Markdown with the body marked, body HTML) for every page to index."""
    found = []
    for name in indexable(files):
        text, body = files[name].decode("utf-8"), bodies.get(name, "")
        if body and body in text:
            text = text.replace(body, BODY_MARK, 1)
        else:
            body = ""
        found.append((name, text, body))
    return found


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


def index(files: dict[str, bytes], bodies: dict[str, str], config: dict, terms: list[str], output: Path) -> None:
    """Index the docs tree into `output` (later moved to site/pagefind/); `config`: mkdocs.yml, for the same
    Markdown extensions as the engine's."""
    shutil.rmtree(output, ignore_errors=True)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-", dir=output.parent) as folder:
        pages = Path(folder) / "pages"
        reader, tokens = PageReader(config), Tokenizer(terms)
        # One process, one core: the other one is MkDocs', which has the longer way to go.
        count = sum(
            write_cut(cut_page(reader.article(text, body), tokens), pages / url_folder(name) / "index.html")
            for name, text, body in jobs(files, bodies)
        )
        index_cut_pages(pages, count, output, terms, Path(folder))
