"""`build`: check; generate the engine's input; MkDocs into a scratch folder while the search index is made beside
it on the other core; `.gz` copies; then the scratch site is swapped into site/. Nothing is published unless every
step succeeded: a failure leaves site/ as it was and no scratch behind."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..check import checker
from ..check.outcome import Result
from ..project import Project, ProjectError
from ..search import sources as search_sources
from ..search.index import MATERIAL_INDEX, OUTPUT, without_documents
from ..search.tokens import party_terms
from . import assets
from .compress import LEVEL, gz_copies
from .docs_tree import DocsTree, docs_tree
from .engine import run_mkdocs
from .writer import discard, move_into, swap, write_file, write_gz_copies, write_tree


def generate(project: Project, result: Result) -> DocsTree:
    """Write build/docs and the generated theme (build/overrides); the docs tree as written."""
    tree = docs_tree(project, result)
    write_tree(tree.files, project.generated_docs)
    write_tree(assets.theme_files(project.overrides), project.generated_theme)
    return tree


def build(project: Project, fmt: str = "text") -> None:
    result = checker.run(project)
    result.reporter.print(fmt)
    if result.reporter.errors:
        raise ProjectError("没有构建网站：请先改正上面的错误。")
    tree = generate(project, result)
    print(result.account())
    scratch, index = project.build / "site.partial", project.build / "pagefind.partial"
    discard(scratch)
    with ThreadPoolExecutor(1) as side:
        indexing = side.submit(
            search_sources.index, tree.files, tree.bodies, project.config, party_terms(result.registry), index
        )
        del tree  # the indexing thread holds what it needs
        engine = run_mkdocs(project.root, "--site-dir", str(scratch))
        failure = indexing.exception()
    if engine.returncode != 0:
        discard(scratch, index)
        raise ProjectError("MkDocs 构建失败，site/ 保持不变。")
    if failure is not None:
        discard(scratch, index)
        if isinstance(failure, ProjectError):
            raise ProjectError(f"{failure}\n构建后处理失败，site/ 保持不变。") from failure
        raise failure
    finish(project, scratch, index)
    print(f"网站已生成：{project.display(project.site)}/")


def finish(project: Project, scratch: Path, index: Path) -> None:
    """What the engine's output still needs: the search index, Material's emptied index, the `.gz` copies."""
    move_into(index, scratch / OUTPUT)
    material_index = scratch / MATERIAL_INDEX
    if material_index.is_file():
        write_file(material_index, without_documents(material_index.read_text(encoding="utf-8")).encode("utf-8"))
    previous = project.site if project.site.is_dir() else None
    written = write_gz_copies(gz_copies(scratch, previous))
    print(f"预压缩：{written} 个文件另存为 .gz（gzip {LEVEL} 级，供 nginx gzip_static 与 CDN 使用）")
    swap(scratch, project.site, project.build / "site.old")
