"""The Nu Html Checker (npm vnu-jar, run by Debian's Java) over every page of the built sample, in one JVM: no
error but the few kept on purpose, each named below with its reason."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# (message pattern, what the offending markup must contain): kept on purpose, matched by message AND element.
KEPT = [
    # Our lesson player: WeChat's X5 browser on Android and older iOS WebViews play a <video> full screen unless it
    # carries these non-standard attributes; readers watch inside the page, with the transcript below it.
    (r"^Attribute “(webkit|x5)-playsinline” not allowed on element “video”", "<video"),
    # Material's base.html writes autocomplete="off" on its drawer and search toggles (#__drawer, #__search) so that
    # Firefox does not restore them (reopening the menu or search) on reload and back/forward. The inputs sit outside
    # every block of base.html: changing them means copying base.html, which drifts from Material on every upgrade
    # and breaks the Zensical canary; browsers ignore the attribute otherwise.
    (r"^Attribute “autocomplete” is only allowed when the input type is", 'type="checkbox"'),
]


def kept(message: dict) -> bool:
    return any(re.search(text, message["message"]) and markup in message.get("extract", "") for text, markup in KEPT)


@pytest.fixture(scope="module")
def vnu_errors(sample_site: Path) -> list[dict]:
    java = shutil.which("java")
    assert java and VNU.is_file(), "make test installs Java (make java) and vnu-jar (npm ci)"
    pages = sorted(str(p) for p in sample_site.rglob("*.html"))
    done = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert len(pages) > 150
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]


def test_no_html_error_on_any_page_but_the_kept_ones(vnu_errors: list[dict], sample_site: Path) -> None:
    unexpected = [m for m in vnu_errors if not kept(m)]
    where = Counter(
        f"{m['message']} — {Path(m['url'].removeprefix('file:')).relative_to(sample_site)}" for m in unexpected
    )
    assert not unexpected, f"{len(unexpected)} HTML errors:\n" + "\n".join(
        f"{n}× {k}" for k, n in where.most_common(20)
    )


def test_the_kept_errors_are_where_their_reason_says(vnu_errors: list[dict]) -> None:
    """The exceptions stay narrow: the video attributes only on lesson pages, the checkboxes only Material's two."""
    for message in vnu_errors:
        if "playsinline" in message["message"]:
            assert "/micro-lessons/" in message["url"], message
        if "autocomplete" in message["message"]:
            assert re.search(r'id="__(drawer|search)"', message["extract"]), message
