"""Files named in front matter (images, media, posters, slides): `path-outside-content`, `file-missing`,
`file-type`, `file-too-large`, `invalid-url`.

A path is written relative to the item's file, must stay inside content/, and must exist.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ...diagnostics import Diagnostic
from ...models.vocab import ORIGINAL_PHOTO_MAX_BYTES
from ...project import display
from ...read.sources import Source, key_name
from .fields import Fields

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
MEDIA_SUFFIXES = (".mp4", ".m4v", ".webm", ".mp3", ".m4a", ".aac", ".ogg")


def check_local_file(
    source: Source, value: str, key_path: tuple, what: str, suffixes: tuple, root: Path, decode: bool = True
) -> Iterator[Diagnostic]:
    """A path written in front matter: relative to the file, inside content/, present; a picture also decodes
    (`decode`)."""
    line = source.line_of(*key_path)
    key = key_name(key_path)
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or "\\" in value:
        yield Diagnostic(
            source.rel,
            line,
            "path-outside-content",
            f"`{key}` 的{what}路径「{value}」是绝对路径或含有反斜杠",
            "请写相对于本文件的路径，用「/」分隔，如 images/photo-1.jpg",
        )
        return
    target = (source.path.parent / value).resolve()
    content = (root / "content").resolve()
    if not target.is_relative_to(content):
        yield Diagnostic(
            source.rel,
            line,
            "path-outside-content",
            f"`{key}` 的{what}路径「{value}」指向 content/ 文件夹之外",
            "请把文件放进 content/ 里本文件旁边的文件夹，如 images/",
        )
        return
    if not target.is_file():
        yield Diagnostic(
            source.rel,
            line,
            "file-missing",
            f"`{key}` 的{what}「{value}」不存在",
            f"请上传文件到 {display(target, root)}，并核对文件名大小写",
        )
        return
    if PurePosixPath(value).suffix.lower() not in suffixes:
        yield Diagnostic(
            source.rel, line, "file-type", f"`{key}` 的{what}「{value}」类型不支持", f"支持：{'、'.join(suffixes)}"
        )
        return
    size = target.stat().st_size
    if suffixes == IMAGE_SUFFIXES and size > ORIGINAL_PHOTO_MAX_BYTES:
        yield Diagnostic(
            source.rel,
            line,
            "file-too-large",
            f"`{key}` 的{what}「{value}」有 {size / 1024 / 1024:.1f} MB，超过上限 {ORIGINAL_PHOTO_MAX_BYTES // 1024 // 1024} MB",
            "请用手机“编辑”或电脑画图软件缩小后再上传；网站会自动生成适合手机的版本",
        )
    elif suffixes == IMAGE_SUFFIXES and decode and not readable(target.read_bytes()):
        yield Diagnostic(
            source.rel, line, "file-type", f"`{key}` 的{what}「{value}」无法读取，可能已损坏", "请重新导出图片后上传"
        )


def check_files(source: Source, f: Fields, root: Path, decode: bool = True) -> Iterator[Diagnostic]:
    for index, src in f.images():
        yield from check_local_file(source, src, ("images", index, "src"), "图片", IMAGE_SUFFIXES, root, decode)
    url = f.text("media", "url")
    if url and not url.startswith("https://"):
        if "://" in url:
            yield Diagnostic(
                source.rel,
                source.line_of("media", "url"),
                "invalid-url",
                f"音视频地址「{url}」必须以 https:// 开头",
                "请填写 https:// 网址，或放在 content/ 中的文件路径",
            )
        else:
            yield from check_local_file(source, url, ("media", "url"), "音视频文件", MEDIA_SUFFIXES, root)
    poster = f.text("media", "poster")
    if poster:
        yield from check_local_file(source, poster, ("media", "poster"), "封面图片", IMAGE_SUFFIXES, root, decode)
    slides = f.text("slides")
    if slides:
        yield from check_local_file(source, slides, ("slides",), "课件", (".pdf",), root)


def readable(data: bytes) -> bool:
    """Whether a picture decodes. Pillow is loaded only here, when a file names a picture."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        return True
    except Exception:  # Pillow raises many types for broken files
        return False
