"""What the published site/ was made from, kept in build/cache/state.json so that the next build redoes only what
changed: the engine's settings (a fingerprint), every file of the docs tree (by hash), every file of site/ (size and
mtime, to know it is still as written), and each search shard (by the hash of its pages)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "Pygments")
FORMAT = 1  # of this file and of the way the build uses it: a new one makes the next build a cold one


@dataclass
class BuildState:
    engine: str = ""  # fingerprint of what every page's HTML depends on besides its own source
    docs: dict[str, str] = field(default_factory=dict)  # docs-tree path → sha1 of its bytes
    site: dict[str, list[int]] = field(default_factory=dict)  # site path → [size, mtime_ns] as written
    shards: dict[str, str] = field(default_factory=dict)  # search shard → hash of its cut pages and terms
    format: int = FORMAT


def digest(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def engine_fingerprint(config_text: bytes, site_url: str, theme: dict[str, bytes]) -> str:
    """mkdocs.yml, the public address, the generated theme and the engine's versions: a change to any of them
    changes every page, so the next build renders all pages."""
    parts = [config_text, site_url.encode(), *(name.encode() + b"\0" + data for name, data in sorted(theme.items()))]
    parts += [f"{name}=={metadata.version(name)}".encode() for name in ENGINE_PACKAGES]
    return digest(b"\0\0".join(parts))


def load(path: Path) -> BuildState | None:
    """The state of the published site, or None (no build yet, an unreadable file, another format)."""
    try:
        state = BuildState(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return state if state.format == FORMAT else None


def save(path: Path, state: BuildState) -> None:
    """Replace the file in one step: an interrupted save leaves the previous state whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(state), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, path)


def site_files(site: Path, known: dict[str, list[int]] | None = None, paths: list[str] | None = None) -> dict:
    """Every file of a built site: [size, mtime_ns]. With `known` (kept files, as the state had them: a link keeps
    both) and `paths` (the site's other files), only those others are looked at."""
    if known is not None and paths is not None:
        found = dict(known)
        for path in paths:
            stat = os.stat(os.path.join(site, path))
            found[path] = [stat.st_size, stat.st_mtime_ns]
        return found
    found = {}
    for folder, _, files in os.walk(site):
        for name in files:
            path = Path(folder) / name
            stat = path.stat()
            found[path.relative_to(site).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return found
