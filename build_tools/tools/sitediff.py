"""`sitediff OLD NEW`: what a change does to the built site, as Markdown for a pull-request comment.

Pages are compared by their content (the `<article>` MkDocs writes), so navigation, the search
index and other pages' listings do not make every page look changed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..project import ProjectError

MARKER = "<!-- sitediff -->"  # lets the workflow update its own comment instead of adding another
SHOWN = 20  # longer lists fold away
ARTICLE = re.compile(r"<article\b.*</article>", re.S)
HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
TAG = re.compile(r"<[^>]+>")


@dataclass
class Diff:
    added: list[str] = field(default_factory=list)  # page addresses, like /cases/foo/
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    others: int = 0  # files that are not pages (images, feed, calendars, search index)
    titles: dict[str, str] = field(default_factory=dict)


def address(rel: str) -> str:
    """site/cases/foo/index.html -> /cases/foo/; 404.html stays /404.html."""
    return "/" + rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else "/" + rel


def content(text: str) -> str:
    match = ARTICLE.search(text)
    return match.group(0) if match else text


def title(text: str) -> str:
    match = HEADING.search(content(text)) or TITLE.search(text)
    return html.unescape(TAG.sub("", match.group(1))).replace("¶", "").strip() if match else ""


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _read(path: Path | None) -> str | None:
    return path.read_text(encoding="utf-8", errors="replace") if path else None


def compare(old: Path, new: Path) -> Diff:
    before, after = files(old), files(new)
    diff = Diff()
    for rel in sorted(before.keys() | after.keys()):
        if not rel.endswith(".html"):
            old_bytes, new_bytes = (s[rel].read_bytes() if rel in s else None for s in (before, after))
            diff.others += old_bytes != new_bytes
            continue
        page, old_text, new_text = address(rel), _read(before.get(rel)), _read(after.get(rel))
        if old_text is None:
            diff.added.append(page)
        elif new_text is None:
            diff.removed.append(page)
        elif content(old_text) != content(new_text):
            diff.changed.append(page)
        diff.titles[page] = title(new_text if new_text is not None else old_text)
    return diff


def _section(heading: str, pages: list[str], diff: Diff, base_url: str) -> list[str]:
    if not pages:
        return []
    lines = [f"#### {heading}（{len(pages)}）", ""]

    def item(page: str) -> str:
        name = re.sub(r"([\[\]\\`*_<>])", r"\\\1", diff.titles.get(page) or page)  # as plain Markdown text
        link = f"[{name}]({base_url.rstrip('/')}{page})" if base_url else name
        return f"- {link} `{page}`"

    lines += [item(p) for p in pages[:SHOWN]]
    if len(pages) > SHOWN:
        lines += ["", f"<details><summary>另外 {len(pages) - SHOWN} 个页面</summary>", ""]
        lines += [item(p) for p in pages[SHOWN:]] + ["", "</details>"]
    return [*lines, ""]


def markdown(diff: Diff, base_url: str = "") -> str:
    lines = [MARKER, "### 本次修改对网站的影响", ""]
    if not (diff.added or diff.changed or diff.removed):
        lines += ["网站页面没有变化。", ""]
    else:
        counts = f"新增 {len(diff.added)} 个页面，修改 {len(diff.changed)} 个页面，删除 {len(diff.removed)} 个页面。"
        lines += [counts, ""]
        lines += _section("新增的页面", diff.added, diff, base_url)
        lines += _section("修改的页面", diff.changed, diff, base_url)
        lines += _section("删除的页面", diff.removed, diff, base_url)
    if diff.others:
        lines += [f"另有 {diff.others} 个其他文件（图片、订阅、日历、搜索索引等）有变化。", ""]
    return "\n".join(lines)


def main(old: Path, new: Path, base_url: str = "") -> None:
    missing = [str(p) for p in (old, new) if not p.is_dir()]
    if missing:
        raise ProjectError(f"错误：找不到网站文件夹 {'、'.join(missing)}（先生成网站）")
    print(markdown(compare(old, new), base_url), end="")
