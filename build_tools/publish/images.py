"""Photos from phones -> web versions: upright, every EXIF field (GPS too) removed, bounded size.

Each image gets a web version (longest side ≤ 1600 px) for item pages and a thumbnail (≤ 480 px)
for listings, both as JPEG and WebP (served with <picture>). The original is never published.
Results are cached by content hash (in build/cache/images), so a rebuild only encodes new photos.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageOps

WEB, THUMB = 1600, 480
SIZES = {"web": WEB, "thumb": THUMB}
FORMATS = {
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
    "webp": ("WEBP", {"quality": 80, "method": 4}),
}


def _encode(original: bytes) -> dict[tuple[str, str], bytes]:
    with Image.open(io.BytesIO(original)) as image:
        image = ImageOps.exif_transpose(image)  # phones store "rotate 90°" in EXIF, not in pixels
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, "white")
            background.paste(image, mask=image.convert("RGBA").getchannel("A"))
            image = background
        out = {}
        for size, limit in SIZES.items():
            resized = image.copy()
            resized.thumbnail((limit, limit), Image.Resampling.LANCZOS)
            for ext, (fmt, options) in FORMATS.items():
                buffer = io.BytesIO()
                resized.save(buffer, fmt, **options)  # no exif= argument: nothing of the original's EXIF is kept
                out[(size, ext)] = buffer.getvalue()
        return out


def variants(original: bytes, cache: Path) -> dict[tuple[str, str], bytes]:
    """{(size, ext): bytes}, from the cache folder when this exact photo was encoded before."""
    digest = hashlib.sha256(original).hexdigest()
    names = {(size, ext): cache / f"{digest}.{size}.{ext}" for size in SIZES for ext in FORMATS}
    if all(path.is_file() for path in names.values()):
        return {key: path.read_bytes() for key, path in names.items()}
    encoded = _encode(original)
    cache.mkdir(parents=True, exist_ok=True)
    for key, data in encoded.items():
        names[key].write_bytes(data)
    return encoded
