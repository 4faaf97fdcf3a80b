"""Links and images in bodies. A link to another item's `.md` file becomes a link to that item's page; what would
break on the site or make a reader's phone fetch from another host is an error at its line.

Bodies are rendered by us (render/body.py) and handed to MkDocs as HTML, which it does not rewrite: without this, a
link written as in any Markdown editor (`../2018/other-case.md`) or a picture beside the file would be a dead
link on the site, and `![](https://…)` a request to an outside host (blocked inside WeChat, and a way to track
readers). Rules: `body-link` (the link's target), `body-image` (pictures in the body).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from ...diagnostics import WARNING, Diagnostic, closest
from ...read.markdown import EXTERNAL, content_dir, target_of, unfenced_lines
from ...read.sources import Source

# [text](url), ![alt](url), [id]: url (a reference definition), ![alt][id] (a picture by reference).
INLINE = re.compile(r"(!?)\[(?:[^\]\\\n]|\\.)*\]\(\s*<?([^)\s>]*)")
DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?([^\s>]+)")
IMAGE_REFERENCE = re.compile(r"!\[((?:[^\]\\\n]|\\.)*)\]\[([^\]]*)\]")
UNPUBLISHED = {"draft": "还是草稿", "scheduled": "还没到发布日期"}
HINT_IMAGE = "案例的配图写在文件头的 images 字段，路径相对于本文件；微党课的封面写在 media 的 poster 里。网站会自动生成适合手机的副本"
HINT_LINK = "站内链接请写另一篇案例、微党课或学习资料的 .md 文件，路径相对于本文件，如 ../../micro_lessons/2017/xxx.md；其他文件请用 https:// 网址"


def _suggest(path: str, folder: str, known: dict[str, str]) -> str:
    """「您是否想写…？」 with the path from this file to the item whose file name is closest, or ''."""
    stems = {posixpath.basename(p)[: -len(".md")]: p for p in sorted(known, reverse=True)}
    match = closest(posixpath.basename(path)[: -len(".md")], stems)
    return f"您是否想写「{posixpath.relpath(stems[match], folder)}」？" if match is not None else ""


def _urls(source: Source) -> list[tuple[int, bool, str]]:
    """(line, is a picture, URL) of every link and picture outside code, in line order."""
    if "](" not in source.body and "]:" not in source.body:  # most bodies: no link at all, nothing to cut
        return []
    lines = list(unfenced_lines(source))
    found, definitions = [], {}
    for line_no, line in lines:
        match = DEFINITION.match(line)
        if match:
            definitions[match.group(1).strip().lower()] = match.group(2)
            found.append((line_no, False, match.group(2)))
    for line_no, line in lines:
        found += [(line_no, match.group(1) == "!", match.group(2)) for match in INLINE.finditer(line)]
        for match in IMAGE_REFERENCE.finditer(line):
            url = definitions.get((match.group(2) or match.group(1)).strip().lower())
            if url is not None:  # a picture by reference is reported where it is shown
                found.append((line_no, True, url))
    return sorted(found, key=lambda entry: entry[0])


def check_body(source: Source, known: dict[str, str]) -> Iterator[Diagnostic]:
    """`known`: every content file that is a case, lesson or material (content-relative path) → its status
    ("published", "draft", "scheduled", or "failed" when it has errors of its own)."""
    folder = content_dir(source)
    for line_no, picture, url in _urls(source):
        if not url or url.startswith("#"):
            continue
        if picture:
            problem = (
                f"正文不能插入外部网站的图片「{url[:60]}」：读者打开页面时，手机会去那个网站取图，微信里常被拦截，也让那个网站知道谁在读"
                if EXTERNAL.match(url)
                else f"正文里的图片「{url[:60]}」不会发布到网站上"
            )
            yield Diagnostic(source.rel, line_no, "body-image", problem, HINT_IMAGE)
            continue
        if EXTERNAL.match(url) or url.startswith("/"):
            continue  # https:// and mailto: links; unsafe schemes are html_rules' unsafe-url
        target = target_of(folder, url)
        if target is None:
            yield Diagnostic(source.rel, line_no, "body-link", f"正文链接的「{url[:60]}」不会发布到网站上", HINT_LINK)
            continue
        path = target[0]
        status = known.get(path)
        if path.startswith("../"):
            yield Diagnostic(
                source.rel,
                line_no,
                "body-link",
                f"链接的「{url[:60]}」在 content/ 以外，不是稿件",
                "链接网站的栏目请写网址，如 /guide/、/plans/；" + HINT_LINK,
            )
        elif status is None:
            yield Diagnostic(
                source.rel,
                line_no,
                "body-link",
                f"链接的稿件「{url[:60]}」不存在。{_suggest(path, folder, known)}".rstrip("。"),
                HINT_LINK,
            )
        elif status in UNPUBLISHED:
            yield Diagnostic(
                source.rel,
                line_no,
                "body-link",
                f"链接的稿件「{url[:60]}」{UNPUBLISHED[status]}",
                "发布之前，页面上只显示链接的文字；它发布后重新生成网站，就自动成为链接",
                WARNING,
            )
