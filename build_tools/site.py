"""The only writer: lays out build/docs (hand-written docs/ + generated pages + media), then runs
MkDocs into a scratch folder and swaps it into site/ only when the whole build succeeded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.utils import yaml_load

from . import assets, checker, collection, compress, images, parallel, paths, planning, render, screens, search_sources
from .render_materials import render_materials
from .render_plans import render_plans
from .search_patch import patched_worker


def site_config() -> dict:
    with open(paths.MKDOCS_YML, encoding="utf-8") as handle:
        return yaml_load(handle)


def docs_tree(result: checker.Result, bodies: dict[str, str] | None = None) -> dict[str, bytes]:
    """Every file of build/docs, by path. Generated pages may not shadow hand-written ones. `bodies` receives
    the body HTML of each item page (for the search index)."""
    config = site_config()
    files: dict[str, bytes] = {}
    for path in sorted(p for p in paths.DOCS.rglob("*") if p.is_file()):
        files[path.relative_to(paths.DOCS).as_posix()] = path.read_bytes()
    c = collection.build(result)
    periods = planning.build([plan for _, plan in result.plans], result.registry, c)
    plan_pages, calendars, unit_sections = render_plans(periods, c, result.registry, config["site_url"])
    current = planning.current_month(periods, c.today)
    pages = render.render_site(c, config["site_url"], config["site_name"], unit_sections, current, bodies)
    pages.update(render_materials(c, periods))
    for name, data in [*((n, t.encode("utf-8")) for n, t in {**pages, **plan_pages}.items()), *calendars.items()]:
        if name in files:
            raise SystemExit(f"docs/{name} 与生成的页面重名，请改名")
        files[name] = data
    files.update(patched_worker())
    files.update(assets.docs_files())
    files.update(screens.render_screens(c, periods, config["site_url"]))
    photos: list[tuple[collection.Item, str]] = []
    for item in c.items:
        photos += [(item, image.src) for image in getattr(item.model, "images", [])]
        media = getattr(item.model, "media", None)
        photos += [(item, media.poster)] if media is not None and media.poster else []
        others = [media.url] if media is not None and not media.url.startswith("https://") else []
        others += [item.model.slides] if getattr(item.model, "slides", None) else []
        for relative in others:
            files[item.media_path(relative)] = (paths.ROOT / "content" / item.content_dir / relative).read_bytes()

    def resized(photo: tuple[collection.Item, str]) -> dict[tuple[str, str], bytes]:
        item, relative = photo
        return images.variants((paths.ROOT / "content" / item.content_dir / relative).read_bytes())

    # Published only as resized copies without EXIF, never the original; encoded on every core.
    for (item, relative), encoded in zip(photos, parallel.map_items(resized, photos, chunksize=4), strict=True):
        for (size, ext), data in encoded.items():
            files[item.image_path(relative, size, ext)] = data
    return files


def jieba_dictionary(result: checker.Result) -> bytes:
    """Party vocabulary for Material's search: the term list plus every tag label."""
    lines = paths.TERMS_FILE.read_text(encoding="utf-8").splitlines()
    known = {line.split()[0] for line in lines if line.strip()}
    lines += [f"{t.label} 3000 n" for t in result.registry.tags.values() if t.label not in known and " " not in t.label]
    return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")


def write_tree(files: dict[str, bytes], out: Path) -> tuple[int, int]:
    """Write what changed, delete what is gone; unchanged files keep their mtime."""

    def write(item: tuple[str, bytes]) -> bool:
        target = out / item[0]
        if target.is_file() and target.read_bytes() == item[1]:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item[1])
        return True

    # Threads: creating thousands of files waits on the file system, not on Python.
    with ThreadPoolExecutor(8) as pool:
        written = sum(pool.map(write, files.items(), chunksize=64))
    removed = 0
    if out.is_dir():
        for path in sorted(out.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(out).as_posix() not in files:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed


def write_file(path: Path, data: bytes) -> None:
    if not (path.is_file() and path.read_bytes() == data):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def generate(result: checker.Result, bodies: dict[str, str] | None = None) -> dict[str, bytes]:
    """Write build/docs and the generated theme; the docs tree as written."""
    files = docs_tree(result, bodies)
    write_tree(files, paths.GENERATED_DOCS)
    write_tree(assets.theme_files(), paths.GENERATED_THEME)
    write_file(paths.JIEBA_USER_DICT, jieba_dictionary(result))
    return files


def mkdocs_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def run_mkdocs(*options: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict --clean` with `options`, in the project; its output goes to ours."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", *options]
    return subprocess.run(command, cwd=paths.ROOT, env=mkdocs_env(), check=False)


def account(result: checker.Result) -> str:
    """Where every file under content/ went: the counts add up to the files on disk."""
    inv = result.inventory
    status = {s: sum(1 for e in result.entries if e.status == s) for s in ("published", "draft", "scheduled")}
    failed_items = sum(1 for s in result.failed if s.kind != "plan")
    failed_plans = sum(1 for s in result.failed if s.kind == "plan")
    parts = [
        f"稿件 {len(inv.submissions)}（发布 {status['published']}，草稿 {status['draft']}，定时 {status['scheduled']}，未通过 {failed_items}）",
        f"计划 {len(inv.plans)}（通过 {len(result.plans)}，未通过 {failed_plans}）",
        f"登记表 {len(inv.registries)}",
        f"模板 {len(inv.templates)}",
        f"附件 {len(inv.attachments)}",
        f"忽略 {len(inv.ignored)}",
        f"拒绝 {len(inv.rejected)}",
    ]
    return f"content/ 共 {inv.total} 个文件：" + "；".join(parts) + f"。构建日期 {result.today.isoformat()}。"


def build(fmt: str = "text") -> int:
    result = checker.run()
    result.reporter.print(fmt)
    if result.reporter.errors:
        print("没有构建网站：请先改正上面的错误。", file=sys.stderr)
        return 1
    bodies: dict[str, str] = {}
    files = generate(result, bodies)
    print(account(result))
    scratch = paths.BUILD / "site.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    # The search index is made from the docs tree on the other core while MkDocs renders it (search_sources.py).
    index = paths.BUILD / "pagefind.partial"
    with ThreadPoolExecutor(1) as side:
        indexing = side.submit(search_sources.index, files, bodies, index)
        del files, bodies
        done = run_mkdocs("--site-dir", str(scratch))
        indexed = indexing.result()
    if done.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(index, ignore_errors=True)
        print("MkDocs 构建失败，site/ 保持不变。", file=sys.stderr)
        return 1
    if indexed == 0:
        search_sources.install(index, scratch)
    # Then, on the built HTML, precompressed copies (of the index too).
    if indexed != 0 or compress.precompress(scratch) != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(index, ignore_errors=True)
        print("构建后处理失败，site/ 保持不变。", file=sys.stderr)
        return 1
    old = paths.BUILD / "site.old"
    shutil.rmtree(old, ignore_errors=True)
    if paths.SITE.exists():
        paths.SITE.rename(old)
    scratch.rename(paths.SITE)
    shutil.rmtree(old, ignore_errors=True)
    print(f"网站已生成：{paths.display(paths.SITE)}/")
    return 0
