"""What a contributor's Markdown body says, read line by line: its lines outside code, its `##` headings, and where
a relative link to another content file points. Both the rules and the renderer read bodies through these."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from .sources import Source

CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")  # a URL with a scheme, or to another host


def unfenced_lines(source: Source) -> Iterator[tuple[int, str]]:
    """(file line, text) of every body line outside fenced code, without its `inline code` spans."""
    fence = None
    for offset, line in enumerate(source.body.split("\n")):
        marker = FENCE.match(line)
        if marker:
            fence = None if fence and marker.group(1)[0] == fence[0] else fence or marker.group(1)
            continue
        if fence is None:
            yield source.body_line + offset, CODE_SPAN.sub("", line) if "`" in line else line


def headings(source: Source) -> list[tuple[int, str]]:
    """(line, text) of each `##` heading in the body, outside fenced code."""
    found, fenced = [], False
    for offset, line in enumerate(source.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.match(r"^##\s+\S", line):
            found.append((source.body_line + offset, line[2:].strip()))
    return found


def content_dir(source: Source) -> str:
    """The folder of a content file, relative to content/: cases/2017."""
    return posixpath.dirname(source.rel.removeprefix("content/"))


def target_of(folder: str, url: str) -> tuple[str, str] | None:
    """(content-relative path, #fragment) of a relative `.md` link; None for any other URL."""
    path, _, fragment = unquote(url).partition("#")
    if not path.lower().endswith(".md") or EXTERNAL.match(path) or path.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(folder, path)), fragment
