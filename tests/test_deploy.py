"""deploy/nginx.conf with Debian's nginx, serving the built sample: cache rules, gzip_static, 404, headers."""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import os
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.publish import assets, compress, writer
from build_tools.tools import nginx
from tests.helpers import REPO

CONFIG = REPO / "deploy" / "nginx.conf"
IMMUTABLE = "public, max-age=31536000, immutable"


@contextlib.contextmanager
def nginx_serving(site: Path, prefix: Path) -> Iterator[str]:
    """Debian's nginx serving `site` with deploy/nginx.conf on a free 127.0.0.1 port; yields the base URL."""
    if not Path(nginx.NGINX).is_file():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx (`make nginx`)")
    with nginx.nginx_serving(CONFIG, site, prefix) as url:
        yield url


@pytest.fixture(scope="module")
def nginx_url(sample_site: Path, tmp_path_factory) -> Iterator[str]:
    with nginx_serving(sample_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


class Response:
    def __init__(self, status: int, headers, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body


def fetch(url: str, gzip_ok: bool = False) -> Response:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


def hashed_asset(site: Path) -> str:
    found = sorted(site.glob("assets/javascripts/bundle.*.min.js"))
    assert found, "no Material bundle with a hashed name in the built site"
    return found[0].relative_to(site).as_posix()


def test_html_is_revalidated_and_utf8(nginx_url: str, sample_site: Path) -> None:
    for path in ("", "cases/", "guide/index.html"):
        answer = fetch(nginx_url + path)
        assert answer.status == 200, path
        assert answer.headers["Cache-Control"] == "no-cache", path
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8", path
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert fetch(nginx_url).body == (sample_site / "index.html").read_bytes()


def test_hashed_assets_are_immutable_and_others_short_lived(nginx_url: str, sample_site: Path) -> None:
    asset = hashed_asset(sample_site)
    answer = fetch(nginx_url + asset)
    assert answer.status == 200 and answer.headers["Cache-Control"] == IMMUTABLE
    assert answer.headers["Content-Type"].startswith("application/javascript")
    for css in sample_site.glob("assets/stylesheets/main.*.min.css"):
        assert fetch(nginx_url + css.relative_to(sample_site).as_posix()).headers["Cache-Control"] == IMMUTABLE
    # Our CSS, JS and favicon are published under hashed names too (build_tools/publish/assets.py).
    for name in assets.hashed_names(REPO / "overrides").values():
        answer = fetch(nginx_url + name)
        assert answer.status == 200 and answer.headers["Cache-Control"] == IMMUTABLE, name
    # Without a hash: the campus screen's stylesheet, Material's plain favicon.png (which no page names).
    for path in ("assets/screen/screen.css", "assets/images/favicon.png"):
        plain = fetch(nginx_url + path)
        assert plain.status == 200 and plain.headers["Cache-Control"] == "public, max-age=3600", path
    for data in ("feed.xml", "sitemap.xml", "search/search_index.json"):
        assert fetch(nginx_url + data).headers["Cache-Control"] == "no-cache", data
    # Our search worker has Material's hashed name but not its content: never kept for a year.
    for worker in sample_site.glob("assets/javascripts/workers/*.js"):
        assert fetch(nginx_url + worker.relative_to(sample_site).as_posix()).headers["Cache-Control"] == "no-cache"
    for pagefind in sorted(sample_site.glob("pagefind/**/*.*")):
        path = pagefind.relative_to(sample_site).as_posix()
        hashed = pagefind.suffix.startswith(".pf_")
        assert fetch(nginx_url + path).headers["Cache-Control"] == (IMMUTABLE if hashed else "no-cache"), path


def test_mime_types(nginx_url: str, sample_site: Path) -> None:
    expected = {
        ".ics": "text/calendar; charset=utf-8",
        ".json": "application/json; charset=utf-8",
        ".svg": "image/svg+xml; charset=utf-8",
        ".webp": "image/webp",
        ".css": "text/css; charset=utf-8",
        ".xml": "text/xml; charset=utf-8",
    }
    for suffix, content_type in expected.items():
        found = sorted(p for p in sample_site.rglob(f"*{suffix}") if p.is_file())
        assert found, f"the sample has no {suffix} file"
        answer = fetch(nginx_url + found[0].relative_to(sample_site).as_posix())
        assert answer.status == 200 and answer.headers["Content-Type"] == content_type, (found[0], answer.headers)


def test_gzip_static_serves_the_precompressed_copy(nginx_url: str, sample_site: Path) -> None:
    for path in ("index.html", hashed_asset(sample_site)):
        original = (sample_site / path).read_bytes()
        packed = fetch(nginx_url + path, gzip_ok=True)
        assert packed.headers["Content-Encoding"] == "gzip", path
        assert "Accept-Encoding" in packed.headers.get("Vary", ""), path
        assert packed.body == (sample_site / (path + ".gz")).read_bytes()
        assert gzip.decompress(packed.body) == original
        plain = fetch(nginx_url + path)
        assert plain.headers.get("Content-Encoding") is None and plain.body == original


def test_precompressed_copies_cover_text_files(sample_site: Path) -> None:
    text = [p for p in sample_site.rglob("*") if p.suffix in compress.TEXT_SUFFIXES and p.is_file()]
    big = [p for p in text if p.stat().st_size >= compress.MIN_SIZE]
    assert big and all(p.with_name(p.name + ".gz").is_file() for p in big)
    small = [p for p in text if p.stat().st_size < compress.MIN_SIZE and p.name != "sitemap.xml"]  # MkDocs gzips it
    assert not any(p.with_name(p.name + ".gz").exists() for p in small)
    levels = {}
    for path in big:
        packed, relative = path.with_name(path.name + ".gz").read_bytes(), path.relative_to(sample_site).as_posix()
        assert gzip.decompress(packed) == path.read_bytes(), relative
        level = 9 if relative.startswith("assets/") else 6  # the theme's assets smallest, the many pages faster
        assert packed == gzip.compress(path.read_bytes(), compresslevel=level, mtime=0), relative
        levels[level] = levels.get(level, 0) + 1
    assert levels.keys() == {6, 9}, levels


def test_a_page_copied_while_the_engine_wrote_it_is_compressed_again(tmp_path: Path) -> None:
    """The build compresses the pages the engine has finished while it still writes others (compress.finished_pages);
    a page that was only partly written, or written again, when its copy was made must not keep that copy."""
    site = tmp_path / "site"
    pages = {f"p{i}/index.html": (f"<p>第{i}页</p>" * 200).encode() for i in range(4)}
    for name, data in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    (site / "small.html").write_bytes(b"<p>short</p>")
    (site / "p3/index.html").write_bytes(pages["p3/index.html"][:1500])  # the engine is halfway through it
    stop = threading.Event()
    timeout = threading.Timer(30, stop.set)  # the engine's end, should a page never be found
    timeout.start()
    early = {}
    for found in compress.finished_pages(site, stop):
        early |= writer.write_early_gz_copies([found])
        if len(early) == 4:
            stop.set()
    timeout.cancel()
    assert sorted(path.relative_to(site).as_posix() for path in early) == [f"p{i}/index.html" for i in range(4)]
    for path in early:  # each copy is the gzip of what was read, with the page's mtime
        assert gzip.decompress(path.with_name("index.html.gz").read_bytes()) == path.read_bytes()
        assert path.with_name("index.html.gz").stat().st_mtime_ns == path.stat().st_mtime_ns
    (site / "p3/index.html").write_bytes(pages["p3/index.html"])  # finished: longer than when read
    rewritten = site / "p2/index.html"
    rewritten.write_bytes(pages["p2/index.html"].replace("第".encode(), "页".encode()))  # same size, new bytes
    os.utime(rewritten, ns=(rewritten.stat().st_atime_ns, rewritten.stat().st_mtime_ns + 1_000_000))
    current = {path.relative_to(site).as_posix(): compress.copied_early(path, early) for path in early}
    assert current == {"p0/index.html": True, "p1/index.html": True, "p2/index.html": False, "p3/index.html": False}
    assert not compress.copied_early(site / "small.html", early)
    assert list(compress.finished_pages(site, stop)) == []  # the engine is done: nothing more is read


def test_missing_page_gets_the_chinese_404_page(nginx_url: str, sample_site: Path) -> None:
    for path in ("no-such-page/", "cases/no-such-case/", ".git/config", "assets/"):
        answer = fetch(nginx_url + path)
        assert answer.status == 404, path
        assert answer.body == (sample_site / "404.html").read_bytes(), path
        assert answer.headers["Cache-Control"] == "no-cache"
        assert "Content-Security-Policy" in answer.headers
    assert "页面" in (sample_site / "404.html").read_text(encoding="utf-8")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object) -> None:
        return None


def test_directory_without_slash_redirects_relative(nginx_url: str) -> None:
    request = urllib.request.Request(nginx_url + "cases", method="HEAD")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(request, timeout=10)
    assert caught.value.code == 301 and caught.value.headers["Location"] == "/cases/"


def csp(nginx_url: str) -> dict[str, list[str]]:
    header = fetch(nginx_url).headers["Content-Security-Policy"]
    assert header, "no Content-Security-Policy"
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_csp_allows_only_this_host(nginx_url: str) -> None:
    policy = csp(nginx_url)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    for directive, sources in policy.items():
        outside = [s for s in sources if s not in ("'self'", "'none'") and not s.startswith("'sha256-")]
        # data: images are Material's inline SVG icons; lessons may link https:// audio and video; Pagefind
        # compiles WebAssembly (which is not JavaScript eval).
        allowed = {"img-src": ["data:"], "media-src": ["https:"], "script-src": ["'wasm-unsafe-eval'"]}
        assert outside == allowed.get(directive, []), (directive, sources)


def test_csp_lists_every_inline_script_of_the_site(nginx_url: str, sample_site: Path) -> None:
    """Material's inline scripts differ by page depth; a new one needs its hash in deploy/nginx.conf."""
    allowed = set(csp(nginx_url)["script-src"])
    missing: dict[str, str] = {}
    for page in sorted(sample_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            if "src=" in attributes or "application/json" in attributes or not body.strip():
                continue
            digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            if digest not in allowed:
                missing.setdefault(digest, f"{page.relative_to(sample_site)}: {body[:80]}")
        assert not re.search(r"<[a-z][^>]*\son[a-z]+=", html), f"{page}: inline event handler (blocked by CSP)"
    listed = "\n".join(f"{digest}  ({where})" for digest, where in missing.items())
    assert not missing, f"add to script-src in deploy/nginx.conf:\n{listed}"
