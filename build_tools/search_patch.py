"""A two-character fix to Material's search worker for Chinese queries.

Material (9.8.2) splits a Chinese query into index words with `fe(query, index)`, but its loop
never tests a word that ends on the query's last character (`o<t.length`), and it drops a last
one-character word (`a<t.length-1`). So 薪火相传小讲堂 is searched as 薪火相传 + 小 + 讲, any one
of them enough, and the lesson that contains it sinks below pages that merely contain 小. MkDocs lets a file in the docs
tree replace the theme's file of the same name, so the writer ships the fixed worker there.
When a Material release changes this code the patterns no longer match and nothing is replaced.
"""

from __future__ import annotations

from pathlib import Path

import material

WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
FIXES = (
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
    # Every word of a Chinese query is required, as in the search engines readers know:
    # otherwise 小 alone ranks hundreds of pages above the one holding 薪火相传小讲堂.
    ('[...fe(s,this.index.invertedIndex)].join("* ")', '[...fe(s,this.index.invertedIndex)].map(w=>"+"+w).join("* ")'),
)


def patched_worker() -> dict[str, bytes]:
    """{docs-tree path: fixed worker}, or {} when this Material version does not have the bug."""
    out = {}
    for worker in sorted(WORKERS.glob("search.*.min.js")):
        text = worker.read_text(encoding="utf-8")
        if all(text.count(old) == 1 for old, _ in FIXES):
            for old, new in FIXES:
                text = text.replace(old, new)
            out[f"assets/javascripts/workers/{worker.name}"] = text.encode("utf-8")
    return out
