"""The files items name in their front matter, as published: local audio, video and slides copied as they are;
photos and posters only as resized copies without EXIF (images.py), never the original."""

from __future__ import annotations

from pathlib import Path

from .. import parallel
from ..aggregate.collection import Collection, Item
from .images import variants


def media_files(c: Collection, content: Path, cache: Path) -> dict[str, bytes]:
    """{docs-tree path: bytes} of every published item's media and photos; `cache`: encoded photos by hash."""
    files: dict[str, bytes] = {}
    photos: list[tuple[Item, str]] = []
    for item in c.items:
        photos += [(item, image.src) for image in getattr(item.model, "images", [])]
        media = getattr(item.model, "media", None)
        photos += [(item, media.poster)] if media is not None and media.poster else []
        others = [media.url] if media is not None and not media.url.startswith("https://") else []
        others += [item.model.slides] if getattr(item.model, "slides", None) else []
        for relative in others:
            files[item.media_path(relative)] = (content / item.content_dir / relative).read_bytes()

    def resized(photo: tuple[Item, str]) -> dict[tuple[str, str], bytes]:
        item, relative = photo
        return variants((content / item.content_dir / relative).read_bytes(), cache)

    # Encoded on every core.
    for (item, relative), encoded in zip(photos, parallel.map_items(resized, photos, chunksize=4), strict=True):
        for (size, ext), data in encoded.items():
            files[item.image_path(relative, size, ext)] = data
    return files
