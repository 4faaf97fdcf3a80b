"""A real MkDocs build of the sample: pages, listings, feed, sitemap, search index, privacy of drafts."""

from __future__ import annotations

import filecmp
import gzip
import json
import posixpath
import re
from html import escape as html_escape
from pathlib import Path

import yaml

from build_tools.render.listings import PER_PAGE
from tests.conftest import build_project
from tests.helpers import BASE, REPO, SAMPLE, TODAY, build, make_project, run


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig")
    return yaml.load(text.split("---", 2)[1], Loader=yaml.BaseLoader)  # every value as text


def sample_items() -> list[tuple[str, str, dict]]:
    items = []
    for kind, folder in (("cases", "cases"), ("micro-lessons", "micro_lessons"), ("materials", "materials")):
        for path in sorted((SAMPLE / folder).rglob("*.md")):
            items.append((kind, path.stem, front_matter(path)))
    return items


def published(items):
    return [i for i in items if i[2].get("draft") != "true" and i[2]["date"] <= TODAY.isoformat()]


def hidden(items):
    return [i for i in items if i not in published(items)]


def listing_text(site: Path, folder: str) -> str:
    """Every link target of a paginated listing, resolved to a site path like `cases/slug/`."""
    pages = [site / folder / "index.html", *sorted((site / folder / "page").glob("*/index.html"))]
    targets = []
    for page in pages:
        assert page.is_file(), page
        base = "/" + page.parent.relative_to(site).as_posix() + "/"
        for href in re.findall(r'<a\b[^>]*href="([^"#]+)"', page.read_text(encoding="utf-8")):
            targets.append(posixpath.normpath(posixpath.join(base, href)).lstrip("/") + "/")
    return "\n".join(targets)


def test_sample_has_drafts_and_scheduled_items():
    items = sample_items()
    assert len([i for i in published(items) if i[0] == "cases"]) >= 12
    assert len([i for i in published(items) if i[0] == "micro-lessons"]) >= 8
    assert any(i[2].get("draft") == "true" for i in items)
    assert any(i[2]["date"] > TODAY.isoformat() for i in items)


def test_every_published_item_has_a_page_and_is_in_its_listings(sample_site):
    tags = {t["label"]: t["id"] for t in yaml.safe_load((SAMPLE / "tags.yml").read_text(encoding="utf-8"))}
    feed = (sample_site / "feed.xml").read_text(encoding="utf-8")
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    for kind, slug, meta in published(sample_items()):
        page = sample_site / kind / slug / "index.html"
        assert page.is_file(), page
        html = page.read_text(encoding="utf-8")
        assert f"<title>{html_escape(meta['title'])} - 两学一做学习园地</title>" in html
        link = f"{kind}/{slug}/"
        assert link in listing_text(sample_site, kind), (kind, slug)
        assert f"/{link}</loc>" in sitemap
        if kind == "materials":  # the library lists them; they belong to no unit and are not news
            continue
        assert link in listing_text(sample_site, f"units/{meta['unit']}"), (slug, meta["unit"])
        assert link in listing_text(sample_site, f"archive/{meta['date'][:7]}"), slug
        for tag in re.findall(r"[^\[\],\s]+", meta["tags"]) if isinstance(meta["tags"], str) else meta["tags"]:
            assert link in listing_text(sample_site, f"tags/{tags.get(tag, tag)}"), (slug, tag)
        assert f"/{link}</link>" in feed and f"/{link}</loc>" in sitemap
        if kind == "cases":
            assert "item-meta" in html and meta["unit"] in html
    latest_case = max((i for i in published(sample_items()) if i[0] == "cases"), key=lambda i: (i[2]["date"], i[1]))
    assert f"cases/{latest_case[1]}/" in home


def test_listings_by_type_category_topic_and_format(sample_site):
    assert (sample_site / "cases/type/warning/index.html").is_file()
    assert (sample_site / "cases/type/exemplary/index.html").is_file()
    assert (sample_site / "cases/type/work/index.html").is_file()
    for fmt in ("video", "audio", "text"):
        assert (sample_site / f"micro-lessons/format/{fmt}/index.html").is_file()
    for kind, slug, meta in published(sample_items()):
        if kind == "micro-lessons" and meta["format"] == "视频":
            assert f"micro-lessons/{slug}/" in listing_text(sample_site, "micro-lessons/format/video")
    assert list((sample_site / "cases/category").glob("*/index.html"))
    assert list((sample_site / "micro-lessons/topic").glob("*/index.html"))


def test_drafts_and_future_items_appear_nowhere(sample_site):
    secrets = []
    for kind, slug, meta in hidden(sample_items()):
        secrets += [f"{kind}/{slug}", meta["title"]]
    secrets += ["草稿专用词汇甲", "未来专用词汇乙", "资料草稿专用词丙"]
    assert len(secrets) >= 6
    for path in sample_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            text += json.dumps(text)  # the search index escapes Chinese as \\uXXXX
            for secret in secrets:
                assert secret not in text and json.dumps(secret)[1:-1] not in text, (path, secret)


def test_no_page_loads_anything_from_another_host(sample_site):
    pattern = re.compile(
        r"<(script|link|img|iframe|source|video|audio|embed)\b[^>]*?\b(src|href|poster)=\"((?:https?:)?//[^\"]+)\""
    )
    offenders = []
    for page in sample_site.rglob("*.html"):
        for tag, _attr, url in pattern.findall(page.read_text(encoding="utf-8")):
            rel = re.search(r'rel="([^"]+)"', url)
            if tag == "link" or rel:  # canonical and alternate links are not requests
                continue
            if tag in ("video", "audio", "source"):  # lesson media are loaded only when played (preload=none)
                continue
            offenders.append((page.relative_to(sample_site), url))
    assert not offenders
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "unpkg.com" not in html
    for page in sample_site.rglob("*.html"):
        for link in re.findall(r"<link\b[^>]*>", page.read_text(encoding="utf-8")):
            if re.search(r'rel="(stylesheet|preload|preconnect|icon|manifest)"', link):
                assert "//" not in link.split('href="')[1].split('"')[0], (page, link)


def test_lesson_players_do_not_preload(sample_site):
    players = 0
    for page in (sample_site / "micro-lessons").glob("*/index.html"):
        for tag in re.findall(r"<(?:video|audio)\b[^>]*>", page.read_text(encoding="utf-8")):
            players += 1
            assert 'preload="none"' in tag
            if tag.startswith("<video"):
                assert all(a in tag for a in ("playsinline", "webkit-playsinline", "x5-playsinline"))
    assert players >= 5


def test_chinese_404_and_feed(sample_site):
    page = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in page and "<title>页面不存在 - 两学一做学习园地</title>" in page
    feed = (sample_site / "feed.xml").read_text(encoding="utf-8")
    assert feed.startswith('<?xml version="1.0" encoding="UTF-8"?>') and '<rss version="2.0"' in feed


def pagefind_documents(site: Path) -> list[dict]:
    """Every page of the Pagefind index: gzip, then Pagefind's signature, then the page as JSON."""
    pages = []
    for fragment in sorted((site / "pagefind").rglob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        pages.append(json.loads(data[len(b"pagefind_dcd") :]))
    return pages


def test_search_index_keeps_party_vocabulary_whole(sample_site):
    # The index holds each page as the tokens it was cut into (search/tokens.py): party terms are tokens.
    tokens = {token for page in pagefind_documents(sample_site) for token in page["content"].split()}
    words = b"".join(gzip.decompress(chunk.read_bytes()) for chunk in (sample_site / "pagefind").glob("*/index/*"))
    for term in ("师德师风", "三会一课", "主题党日"):
        assert term in tokens, term
        assert term.encode("utf-8") in words, term  # a word of the index itself, not only of the page text


def test_two_builds_are_byte_identical(tmp_path, base_site):
    again = build_project(tmp_path / "again", BASE)
    left = sorted(p.relative_to(base_site) for p in base_site.rglob("*") if p.is_file())
    right = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert left == right
    different = [p for p in left if not filecmp.cmp(base_site / p, again / p, shallow=False)]
    assert not different


def test_a_failed_check_builds_nothing(tmp_path):
    root = make_project(tmp_path / "project", overlay=BASE.parent.parent / "rules/unknown-tag/content")
    done = build(root)
    assert done.returncode == 1 and "没有构建网站：请先改正上面的错误。" in done.stderr
    assert "unknown-tag" in done.stdout and not (root / "site").exists() and not (root / "build/docs").exists()


def test_a_hand_written_file_named_like_a_generated_one_builds_nothing(tmp_path):
    root = make_project(tmp_path / "project")
    (root / "docs" / "feed.xml").write_text("<rss/>", encoding="utf-8")  # the build writes the feed there
    done = build(root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "docs/feed.xml 与生成的文件重名，请给这个手写的文件改名" in done.stderr
    assert "Traceback" not in done.stderr and not (root / "site").exists()


def test_future_item_is_published_on_its_day(tmp_path):
    root = make_project(tmp_path / "project")
    lesson = root / "content/micro_lessons/2017/ceshi-dangzhang.md"
    future = root / "content/micro_lessons/2027/ceshi-dangzhang.md"
    future.parent.mkdir()
    future.write_text(lesson.read_text(encoding="utf-8").replace("2017-10-12", "2027-01-05"), encoding="utf-8")
    lesson.unlink()
    assert run(root, "generate").returncode == 0  # publishing is decided before the engine runs
    lesson_files = [
        p for p in (root / "build/docs").rglob("*") if re.search(r"lesson.*ceshi-dangzhang\b", p.as_posix())
    ]
    assert not lesson_files  # no page, poster or QR code of the scheduled lesson
    assert "ceshi-dangzhang" not in (root / "build/docs/micro-lessons/index.md").read_text(encoding="utf-8")
    assert run(root, "generate", epoch="1799164800").returncode == 0  # 2027-01-05 08:00 in Shanghai
    assert (root / "build/docs/micro-lessons/ceshi-dangzhang.md").is_file()
    assert (root / "build/docs/poster/micro-lessons/ceshi-dangzhang/index.html").is_file()


def test_guide_documents_every_field_and_value():
    from build_tools.models import Case, Lesson, Tag, Unit, vocab

    guide = "\n".join(page.read_text(encoding="utf-8") for page in sorted((REPO / "docs/guide").glob("*.md")))
    for model in (Case, Lesson, Unit, Tag):
        for field in model.model_fields:
            assert f"`{field}`" in guide or f"{field}:" in guide, field
    values = [*vocab.CASE_TYPES, *vocab.CATEGORIES, *vocab.ROLES, *vocab.FORMATS, *vocab.TOPICS, *vocab.ORG_TYPES]
    for value in values:
        assert value in guide, value


def test_listings_paginate_without_losing_or_repeating_items(tmp_path):
    root = make_project(tmp_path / "project")
    original = root / "content/cases/2017/ceshi-ztdr.md"
    text = original.read_text(encoding="utf-8")
    slugs = ["ceshi-ztdr"]
    for n in range(1, 2 * PER_PAGE + 5):  # three pages, the last one short
        slug = f"ceshi-page-{n:02d}"
        day = f"2017-{1 + n % 12:02d}-{1 + n % 28:02d}"
        page = text.replace("2017-09-01", day).replace("测试路小学主题党日进社区", f"分页测试案例第{n}篇")
        (root / f"content/cases/2017/{slug}.md").write_text(page, encoding="utf-8")
        slugs.append(slug)
    assert build(root).returncode == 0
    site = root / "site"
    assert (site / "cases/page/3/index.html").is_file() and not (site / "cases/page/4").exists()
    for listing in ("cases", "units/ceshi-xx", "tags/ztdr", "cases/type/work"):
        links = listing_text(site, listing).splitlines()
        found = [link for link in links if link.startswith("cases/") and link.split("/")[1] in slugs]
        assert sorted(found) == sorted(f"cases/{slug}/" for slug in slugs), listing
    first = (site / "cases/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="page/2/"[^>]*>下一页', first)
    assert "第 1/3 页" in first
