"""Where a file is and what it is called: `file-name`, `duplicate-slug`, `year-folder`, `slug-mismatch`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ...diagnostics import Diagnostic
from ...models.kinds import KINDS
from ...models.vocab import RESERVED_SLUGS, SLUG_PATTERN
from ...read.sources import Source
from .fields import Fields


def check_file_name(source: Source) -> Iterator[Diagnostic]:
    stem = source.path.stem
    if not stem.isascii():
        yield Diagnostic(
            source.rel,
            0,
            "file-name",
            f"文件名「{source.path.name}」含有中文或全角字符",
            "文件名只能用小写英文字母、数字和短横线，如 hyzx-ztdr.md；中文标题写在 title 字段里",
        )
    elif not re.fullmatch(SLUG_PATTERN, stem):
        yield Diagnostic(
            source.rel,
            0,
            "file-name",
            f"文件名「{source.path.name}」不符合规则",
            f"只能用小写英文字母、数字和短横线，如 {re.sub(r'[^a-z0-9]+', '-', stem.lower()).strip('-') or 'hyzx-ztdr'}.md",
        )
    elif stem in RESERVED_SLUGS:
        yield Diagnostic(source.rel, 0, "file-name", f"文件名「{stem}」是网站保留字", "请换一个文件名")


def check_year_folder(source: Source, f: Fields, root: Path) -> Iterator[Diagnostic]:
    day = f.date()
    if day is None or not KINDS[source.kind].yearly:
        return
    kind_root = root / "content" / KINDS[source.kind].folder
    relative = source.path.relative_to(kind_root)
    expected = f"{kind_root.relative_to(root).as_posix()}/{day.year}/{source.path.name}"
    if len(relative.parts) != 2 or relative.parts[0] != str(day.year):
        yield Diagnostic(
            source.rel,
            source.line_of("date"),
            "year-folder",
            f"日期是 {day.year} 年，文件却不在 {day.year} 文件夹里",
            f"请把文件移到 {expected}",
        )


def check_slug_field(source: Source, f: Fields) -> Iterator[Diagnostic]:
    """`slug:` (written by the web editor) must be the file's name: the file name is what the site uses."""
    slug, stem = f.text("slug"), source.path.stem
    if slug is None or slug == stem:
        return
    hint = f"请把这一行改成 slug: {stem}，或删掉这一行"
    if slug.startswith(f"{stem}-") or stem.startswith(f"{slug}-"):
        hint = f"英文短名「{slug}」已被另一篇稿件占用，网上投稿保存成了 {source.path.name}：请换一个英文短名重新投稿"
    yield Diagnostic(
        source.rel, source.line_of("slug"), "slug-mismatch", f"英文短名「{slug}」与文件名「{stem}」不一致", hint
    )


def check_slugs(sources: list[Source]) -> Iterator[Diagnostic]:
    first: dict[tuple[str, str], Source] = {}
    for source in sources:
        key = (source.kind, source.path.stem)
        if key in first:
            yield Diagnostic(
                source.rel,
                0,
                "duplicate-slug",
                f"文件名「{source.path.stem}」与 {first[key].rel} 重复",
                "同类内容的文件名不能重复，请换一个文件名",
            )
        else:
            first[key] = source
