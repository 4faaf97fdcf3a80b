"""Material's search box, answered by Pagefind: our worker under the name of Material's search worker.

Material's page starts its search worker from `assets/javascripts/workers/search.<hash>.min.js` and talks to it
with four messages (set up, ready, query, result); the worker is free to search as it likes. MkDocs lets a file
in the docs tree replace the theme's file of the same name, so the build puts `worker.js`
there, under the name of every search worker the installed Material ships: a Material release that renames its
worker gets ours all the same. The worker loads Pagefind's index (index.py) on the first query.
"""

from __future__ import annotations

from pathlib import Path

import material

WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
WORKER = Path(__file__).resolve().parent / "worker.js"


def patched_worker() -> dict[str, bytes]:
    """{docs-tree path: our worker} for each of Material's search workers."""
    worker = WORKER.read_bytes()
    return {f"assets/javascripts/workers/{theme.name}": worker for theme in sorted(WORKERS.glob("search.*.min.js"))}
