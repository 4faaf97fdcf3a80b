"""Raw HTML and URLs in bodies: a small safe subset passes; the rest is an error at its line (`raw-html`,
`unsafe-url`).

This is the first wall against hostile pull requests; render/body.py sanitizes the rendered HTML as well.
Code (fenced blocks and `inline spans`) is text, never markup, so it is not inspected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...read.markdown import unfenced_lines
from ...read.sources import Source

ALLOWED_TAGS = {
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "figure", "figcaption", "br", "sup", "sub", "video", "audio", "source",
}  # fmt: skip
MEDIA_TAGS = {"video", "audio", "source"}
ALLOWED_ATTRIBUTES = {
    "src",
    "poster",
    "controls",
    "preload",
    "playsinline",
    "type",
    "colspan",
    "rowspan",
    "align",
    "class",
}
BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript)\s*:", re.IGNORECASE)
# A tag name not followed by ":" or "@": <https://…> and <a@b.cn> are Markdown autolinks, not HTML.
TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)(?![A-Za-z0-9:@-])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL)
ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
MARKDOWN_URL = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
HINT_HTML = (
    "正文请用 Markdown 排版；只允许表格、figure/figcaption、br、sup/sub 和 https 或本地文件的 video/audio/source"
)


def _media_src_ok(value: str) -> bool:
    return value.startswith("https://") or not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", value)


def check_body(source: Source) -> Iterator[Diagnostic]:
    for line_no, line in unfenced_lines(source):
        for match in MARKDOWN_URL.finditer(line):
            url = next(g for g in match.groups() if g is not None)
            if BAD_SCHEME.match(url):
                yield Diagnostic(
                    source.rel,
                    line_no,
                    "unsafe-url",
                    f"链接或图片地址「{url[:40]}」不安全",
                    "只能链接 https:// 网址或站内文件，不能用 javascript:、data:、vbscript:",
                )
        for closing, name, rest in TAG.findall(line):
            tag = name.lower()
            if closing:  # a closing tag does nothing by itself; its opening tag is what is reported
                continue
            if tag not in ALLOWED_TAGS:
                yield Diagnostic(source.rel, line_no, "raw-html", f"正文里不能使用 HTML 标签 <{tag}>", HINT_HTML)
                continue
            for attribute, raw_value in ATTRIBUTE.findall(rest):
                key = attribute.lower()
                value = raw_value.strip("\"'")
                if key.startswith("on") or key == "style" or key not in ALLOWED_ATTRIBUTES:
                    yield Diagnostic(source.rel, line_no, "raw-html", f"<{tag}> 不能带属性 {key}", HINT_HTML)
                elif key in ("src", "poster") and (
                    BAD_SCHEME.match(value) or (tag in MEDIA_TAGS and not _media_src_ok(value))
                ):
                    yield Diagnostic(
                        source.rel,
                        line_no,
                        "unsafe-url",
                        f"<{tag}> 的地址「{value[:40]}」不安全",
                        "音视频只能用 https:// 网址或 content/ 中的文件",
                    )
