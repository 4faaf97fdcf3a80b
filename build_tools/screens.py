"""Campus screens (/screen/, screen.json, QR codes) and bulletin-board posters.

Integration points used by the rest of build_tools (their signatures are fixed):
- `render_screens(c, periods, site_url) -> dict[str, bytes]`: files for the docs tree (called by site.py)
- `make_slides() -> int`: `python -m build_tools screens` (PNG slides from the built site)
"""

from __future__ import annotations


def render_screens(c, periods, site_url: str) -> dict[str, bytes]:
    return {}


def make_slides() -> int:
    print("尚未实现")
    return 1
