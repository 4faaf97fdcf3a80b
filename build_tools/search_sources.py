"""The search index built from the generated pages while MkDocs renders them (issue 8).

Pagefind's binary runs on about one core, some 5 ms a page, after its input is cut into tokens; MkDocs runs on
one core. Indexing the built HTML (`search_engine.build_index`) has to wait for MkDocs; indexing the docs tree
does not, so on two cores the index is made beside MkDocs instead of after it (at 5,000 items: about 50 s of
indexing hidden behind MkDocs, which it slows by a few seconds).

What Pagefind reads is the same as before: the article of each indexed page — an item page one level under
`cases/`, `micro-lessons/` or `materials/` (it has the `.item-meta` block), and the guide. A page's article is
its Markdown converted with the extensions of mkdocs.yml (MkDocs adds its own link rewriting, which changes
no text). An item's body is already HTML (`body.py`), which MkDocs passes through as it is; converting it
again would cost as much as MkDocs does, so the Markdown is converted with a mark in place of the body and
the body is put back afterwards. `tests/test_search.py` checks that every indexed page gives the same tokens
as its built page (the theme's indentation aside).
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
from pathlib import Path

import markdown

from . import paths, search_engine

BODY_MARK = "\ue000item-body\ue000"  # private-use characters: never in a page
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
GUIDE = "guide/index.md"


def indexable(files: dict[str, bytes]) -> list[str]:
    """Docs-tree pages to index, in a fixed order (the order of search_engine.candidates)."""
    pages = []
    for section in search_engine.SECTIONS:
        for name in sorted(n for n in files if n.startswith(section + "/") and n.count("/") == 1):
            if name.endswith(".md") and name != f"{section}/index.md" and b'class="item-meta' in files[name]:
                pages.append(name)
    return [*pages, GUIDE] if GUIDE in files else pages


def url_folder(name: str) -> str:
    """cases/slug.md → cases/slug (the page's URL, as a folder of the cut copies); guide/index.md → guide."""
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


@functools.cache
def _converter() -> markdown.Markdown:
    from .site import site_config  # the same extensions as the engine; MkDocs adds tables and fenced_code itself

    names, configs = ["tables", "fenced_code"], {}
    for entry in site_config().get("markdown_extensions") or []:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if config:
            configs[name] = config
    return markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs)


def article(text: str, body: str) -> str:
    """The page as the theme shows it, reduced to what search_engine.cut_page reads: the article."""
    md = _converter()
    md.reset()
    html = md.convert(FRONT_MATTER.sub("", text, count=1))
    if body:
        html = html.replace(BODY_MARK, body, 1)
    return f'<article class="md-content__inner md-typeset">{html}</article>'


def cut_job(job: tuple[str, str, str, Path], tokens: search_engine.Tokenizer) -> int:
    name, text, body, source = job
    cut = search_engine.cut_page(article(text, body), tokens)
    return search_engine.write_cut(cut, source / url_folder(name) / "index.html")


def index(files: dict[str, bytes], bodies: dict[str, str], output: Path) -> int:
    """Index the docs tree into `output` (later moved to site/pagefind/); 0 on success."""
    terms = search_engine.vocabulary()
    shutil.rmtree(output, ignore_errors=True)
    paths.BUILD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-", dir=paths.BUILD) as folder:
        scratch = Path(folder)
        work = [(name, text, body, scratch / "pages") for name, text, body in jobs(files, bodies)]
        tokens = search_engine.Tokenizer(terms)
        # One process, one core: the other one is MkDocs', which has the longer way to go.
        count = sum(cut_job(job, tokens) for job in work)
        return search_engine.index_cut_pages(scratch / "pages", count, output, terms, scratch)


def install(output: Path, site: Path) -> None:
    """Move the finished index into the built site and empty Material's own index."""
    target = site / search_engine.OUTPUT
    shutil.rmtree(target, ignore_errors=True)
    shutil.move(str(output), str(target))
    search_engine.empty_material_index(site)
