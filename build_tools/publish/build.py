"""`build`: check; generate the engine's input (each part written while the next is made); the engine renders into
a scratch folder what changed since the published site (all of it the first time: publish/incremental.py) while the
search index is made beside it on the other core, which then compresses the pages the engine has finished; the files
kept from the published site are linked in; `.gz` copies of the rest of what is new; then the scratch site is swapped
into site/ and the build's state saved. Nothing is published unless every step succeeded: a failure
or an interruption leaves site/ and its state as they were."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..check import checker
from ..check.outcome import Result
from ..project import Project, ProjectError
from ..search import sources as search_sources
from ..search.index import MATERIAL_INDEX, OUTPUT, without_documents
from ..search.tokens import party_terms
from . import assets, cache, incremental, state
from .compress import ASSETS_LEVEL, LEVEL, Early, copied_early, finished_pages, gz_copies
from .docs_tree import ITEM_CACHE, DocsTree, docs_tree
from .engine import place_stand_ins, render, written
from .writer import (
    TreeWriter,
    discard,
    link_kept,
    move_into,
    recycle,
    swap,
    write_early_gz_copies,
    write_file,
    write_gz_copies,
    write_tree,
)

DOCS_WRITTEN = "docs-written.pickle"  # what write_tree last wrote into build/docs, by hash
SPARE = "site.old"  # the site before the published one: the next scratch site is made from it (writer.recycle)


def generate(project: Project, result: Result) -> DocsTree:
    """Write build/docs and the generated theme (build/overrides); the docs tree as written."""
    with TreeWriter(project.generated_docs, project.build / "cache" / DOCS_WRITTEN) as writer:
        tree = docs_tree(project, result, writer)
        writer.finish()
    tree.digests = writer.digests
    write_tree(assets.theme_files(project.overrides), project.generated_theme)
    if tree.item_cache is not None:
        cache.save(project.build / "cache" / ITEM_CACHE, tree.item_cache)
    return tree


def build(project: Project, fmt: str = "text") -> None:
    result = checker.run(project)
    result.reporter.print(fmt)
    if result.reporter.errors:
        raise ProjectError("没有构建网站：请先改正上面的错误。")
    tree = generate(project, result)
    print(result.account())
    docs = tree.digests
    engine = engine_fingerprint(project)
    previous = state.load(project.state_file)
    plan = incremental.plan(previous, project.site, docs, engine, always_rendered(project))
    scratch, index = project.build / "site.partial", project.build / "pagefind.partial"
    discard(index)
    linked, stand_ins = incremental.safe_to_link(plan, previous, project.generated_docs)
    reuse = previous is not None and 2 * len(linked) >= len(previous.site)  # most of the site is kept
    recycle(project.build / SPARE, project.site, scratch, linked, reuse)
    place_stand_ins(scratch, stand_ins)
    terms = party_terms(result.registry)
    pages = {name: tree.files[name] for name in search_sources.indexable(tree.files)}
    bodies, years = tree.bodies, tree.years
    del tree, result  # while the engine and the indexer run, this process holds only what the indexer reads
    engine_done = threading.Event()
    with ThreadPoolExecutor(1) as side:
        indexing = side.submit(
            search_sources.index,
            pages,
            bodies,
            project.config,
            terms,
            index,
            years,
            project.search_cache,
        )
        del pages, bodies, years  # the indexing thread holds them
        if not plan.keep:  # every page is new: once the index is made, its core compresses those already written
            compressing = side.submit(lambda: write_early_gz_copies(finished_pages(scratch, engine_done)))
        engine_run = render(project.root, scratch)
        engine_done.set()
        failure = indexing.exception()
        early = compressing.result() if not plan.keep else {}
    if engine_run.returncode != 0:
        discard(scratch, index)
        raise ProjectError("MkDocs 构建失败，site/ 保持不变。")
    if failure is not None:
        discard(scratch, index)
        if isinstance(failure, ProjectError):
            raise ProjectError(f"{failure}\n构建后处理失败，site/ 保持不变。") from failure
        raise failure
    copies = {f"{path.relative_to(scratch).as_posix()}.gz" for path, (*_, copied) in early.items() if copied}
    rendered = [path for path in written(scratch, plan.keep) if path not in copies]
    link_kept(project.site, scratch, stand_ins)
    new = finish(project, scratch, index, rendered, early)
    kept = {path: previous.site[path] for path in plan.keep} if previous else {}
    state.save(project.state_file, state.BuildState(engine, docs, state.site_files(project.site, kept, new)))
    reuse = f"（沿用未变的文件 {len(plan.keep)} 个，MkDocs 重新生成 {len(rendered)} 个）" if plan.keep else ""
    print(f"网站已生成：{project.display(project.site)}/{reuse}")


def engine_fingerprint(project: Project) -> str:
    return state.engine_fingerprint(
        project.mkdocs_yml.read_bytes(), project.site_url, assets.theme_files(project.overrides)
    )


def always_rendered(project: Project) -> set[str]:
    """The pages of the navigation and the hand-written pages (see publish/incremental.py)."""
    pages = set(nav_pages(project.config.get("nav") or []))
    return pages | {path.relative_to(project.docs).as_posix() for path in project.docs.rglob("*.md")}


def nav_pages(entries: list) -> list[str]:
    """Every page named by a `nav:` list, at any depth."""
    found = []
    for entry in entries:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            found += nav_pages(value) if isinstance(value, list) else [value]
    return [page for page in found if isinstance(page, str) and page.endswith(".md")]


def finish(project: Project, scratch: Path, index: Path, rendered: list[str], early: Early) -> list[str]:
    """What the engine's output still needs: the search index, Material's emptied index, the `.gz` copies of the
    files new in this build (a kept file keeps its copy); then the swap. The files new in site/."""
    move_into(index, scratch / OUTPUT)
    material_index = scratch / MATERIAL_INDEX
    if material_index.is_file():
        write_file(material_index, without_documents(material_index.read_text(encoding="utf-8")).encode("utf-8"))
    new = [scratch / path for path in rendered] + sorted(p for p in (scratch / OUTPUT).rglob("*") if p.is_file())
    previous = project.site if project.site.is_dir() else None
    done = {path for path in new if copied_early(path, early)}
    packed = write_gz_copies(gz_copies(scratch, previous, [path for path in new if path not in done]))
    packed += [path for path in new if path in done and early[path][2]]
    print(
        f"预压缩：{len(packed)} 个文件另存为 .gz（gzip {LEVEL} 级，主题资源 {ASSETS_LEVEL} 级，"
        "供 nginx gzip_static 与 CDN 使用）"
    )
    swap(scratch, project.site, project.build / SPARE)
    names = [path.relative_to(scratch).as_posix() for path in new]
    return names + [f"{path.relative_to(scratch).as_posix()}.gz" for path in packed]
