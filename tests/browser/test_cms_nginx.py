"""/admin/ served by Debian's nginx with deploy/nginx.conf: the editor reaches its login screen under its own
Content-Security-Policy (the configured Git host and nothing else beyond the site), the reading pages keep their
strict policy, and search engines are told to stay away."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from build_tools.editor.config import git_host
from tests.browser.test_nginx import RECORD_VIOLATIONS_JS
from tests.test_deploy import CONFIG, fetch, nginx_serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def nginx_url(built_site: Path, tmp_path_factory) -> Iterator[str]:
    with nginx_serving(built_site, tmp_path_factory.mktemp("nginx-admin")) as url:
        yield url


def policy(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def configured_host(site: Path) -> str:
    backend = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))["backend"]
    return git_host({"base_url": backend["base_url"]})


def test_the_editor_reaches_its_login_screen_without_a_csp_violation(browser: Browser, nginx_url, built_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(lambda url: not url.startswith(("http://127.0.0.1", "data:", "blob:")), lambda r: r.abort())
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS_JS)
    try:
        page.goto(nginx_url + "admin/")
        page.get_by_role("button", name="使用 GitLab 登录").wait_for(timeout=20_000)
        violations = page.evaluate("window.__cspViolations")
    finally:
        context.close()
    assert violations == []
    assert [url for url in requests if not url.startswith(nginx_url)] == []


def test_the_editors_policy_allows_the_git_host_and_the_reading_pages_keep_theirs(nginx_url, built_site):
    host = configured_host(built_site)
    admin = fetch(nginx_url + "admin/")
    rules = policy(admin.headers["Content-Security-Policy"])
    assert rules["connect-src"] == ["'self'", "blob:", host]
    assert rules["img-src"] == ["'self'", "data:", "blob:", host]
    beyond_site = {s for sources in rules.values() for s in sources if s.startswith(("http:", "https:"))}
    assert beyond_site == {host}
    assert admin.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert admin.headers["X-Content-Type-Options"] == "nosniff" and admin.headers["Cache-Control"] == "no-cache"
    assert '<meta name="robots" content="noindex, nofollow">' in admin.body.decode("utf-8")

    # The reading pages: exactly the server's policy of deploy/nginx.conf, which knows nothing of the editor.
    server_policy = re.search(r'(?m)^    add_header Content-Security-Policy "([^"]+)" always;', CONFIG.read_text())
    for path in ("", "cases/", "guide/"):
        reading = fetch(nginx_url + path).headers["Content-Security-Policy"]
        assert reading == server_policy.group(1)
        assert "'unsafe-eval'" not in reading and host not in reading

    config = fetch(nginx_url + "admin/config.yml")
    assert config.headers["Cache-Control"] == "no-cache" and config.headers["Content-Type"].startswith("text/yaml")
    bundle = next(p.name for p in (built_site / "admin").glob("decap-cms.*.js") if p.name.count(".") == 2)
    assert "immutable" in fetch(nginx_url + f"admin/{bundle}").headers["Cache-Control"]


def test_the_editor_is_not_in_the_sitemap_nor_the_search_index(built_site):
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    fragments = (built_site / "pagefind").rglob("*.pf_fragment")  # every shard's pages
    urls = [json.loads(gzip.decompress(p.read_bytes())[len("pagefind_dcd") :])["url"] for p in fragments]
    assert (built_site / "admin" / "index.html").is_file() and "/cases/flexx-ztdr-wubufa/" in urls
    assert not [url for url in urls if url.startswith("/admin")]
