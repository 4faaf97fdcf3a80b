"""Our CSS, JS and favicon under content-hashed names (repeat visits hit the cache), and no page that
makes Material download sitemap.xml."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath

from build_tools.publish import assets
from tests.helpers import REPO

# What a browser loads as it renders a page: the URLs of its <link> and <script> tags (the polyfill's too).
TAG = re.compile(r"<(?:link|script)\b[^>]*>")
URL = re.compile(r'\s(?:href|src|data-polyfill)="([^"]+)"')
HASHED = re.compile(r"\.([0-9a-f]{8,})(?:\.min)?\.[a-z0-9]+$")
OURS = {"site.css", "sortable.js", "resize-observer-loader.js", "resize-observer-polyfill.js", "favicon.png"}


def local_asset(page: Path, site: Path, url: str) -> Path | None:
    """The file of the site a page's relative or root-relative URL names, when it is a CSS, JS or image file."""
    if re.match(r"^(?:[a-z]+:|//|#)", url) or PurePosixPath(url.split("?")[0]).suffix not in (".css", ".js", ".png"):
        return None
    base = site if url.startswith("/") else page.parent
    return (base / url.lstrip("/")).resolve()


def test_hashed_name_is_the_start_of_the_sha256() -> None:
    data = b"body { color: red }\n"
    digest = hashlib.sha256(data).hexdigest()[:8]
    assert assets.hashed_name("assets/stylesheets/site.css", data) == f"assets/stylesheets/site.{digest}.css"
    assert assets.hashed_name("assets/javascripts/vendor/x.js", b"") == "assets/javascripts/vendor/x.e3b0c442.js"


def test_the_theme_copy_holds_the_templates_and_the_partial_but_no_asset() -> None:
    theme = assets.theme_files(REPO / "overrides")
    assert {"main.html", "404.html", assets.PARTIAL} <= set(theme)
    assert not [name for name in theme if name.startswith("assets/")]  # MkDocs would publish them unhashed
    partial = theme[assets.PARTIAL].decode("utf-8")
    for plain, hashed in assets.hashed_names(REPO / "overrides").items():
        assert f'"{plain}": "{hashed}"' in partial
    assert set(assets.docs_files(REPO / "overrides")) == set(assets.hashed_names(REPO / "overrides").values())


def test_pages_load_our_assets_only_by_hashed_names_that_match_their_bytes(sample_site: Path) -> None:
    pages = sorted(sample_site.rglob("*.html"))
    themed = [p for p in pages if "md-container" in p.read_text(encoding="utf-8")]  # not the screens and posters
    assert len(themed) > 20
    ours_seen: set[str] = set()
    for page in themed:
        urls = [url for tag in TAG.findall(page.read_text(encoding="utf-8")) for url in URL.findall(tag)]
        for url in urls:
            target = local_asset(page, sample_site, url)
            if target is None:
                continue
            where = f"{page.relative_to(sample_site)}: {url}"
            assert target.is_file(), f"{where} is not in the site"
            hashed = HASHED.search(target.name)
            assert hashed, f"{where} has no hash in its name"
            plain = target.name.replace("." + hashed.group(1), "", 1)
            if plain in OURS:  # the hash is the start of the SHA-256 of the bytes (Material's are Material's own)
                assert hashlib.sha256(target.read_bytes()).hexdigest().startswith(hashed.group(1)), where
                ours_seen.add(plain)
    assert ours_seen == OURS, f"pages never load {sorted(OURS - ours_seen)}"
    for plain in ("assets/stylesheets/site.css", "assets/javascripts/sortable.js"):
        assert not (sample_site / plain).exists(), f"{plain} is published under its plain name too"


def test_no_page_makes_material_fetch_the_sitemap(sample_site: Path) -> None:
    """Material 9.8.2 downloads sitemap.xml beside every <link rel="alternate"> (exact value) on every page view;
    the feed's autodiscovery link says rel="alternate feed", which feed readers still read as "alternate"."""
    for page in sorted(sample_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        exact = re.search(r"""<link\b[^>]*\srel=(?:"alternate"|'alternate'|alternate[\s/>])""", html, re.I)
        assert not exact, f"{page.relative_to(sample_site)}: {exact.group(0)}"
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    feed = re.search(r'<link rel="([^"]+)" type="application/rss\+xml"[^>]*href="([^"]+)"', home)
    assert feed and "alternate" in feed.group(1).split() and feed.group(2) == "feed.xml"
    assert "<loc>" in (sample_site / "sitemap.xml").read_text(encoding="utf-8")  # still written, for crawlers
