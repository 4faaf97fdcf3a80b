"""Pagefind search without a browser: how text is cut, what is indexed, what is never indexed.

The browser side (what a phone downloads, the search box) is in tests/browser/test_search_engine.py.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.check import checker
from build_tools.project import Project
from build_tools.publish.docs_tree import docs_tree
from build_tools.search import cut, index, sources, tokens, worker
from tests.helpers import REPO, SAMPLE, TODAY, make_project
from tests.test_build import hidden, pagefind_documents, published, sample_items

HIDDEN_WORDS = ["草稿专用词汇甲", "未来专用词汇乙", "资料草稿专用词丙"]  # only in a draft or a scheduled item
TERMS = ["三会一课", "师德师风", "主题党日", "系列重要讲话", "重要讲话", "习近平总书记系列重要讲话"]
HAN = re.compile(f"[{tokens.HAN}]+")
PIECES = re.compile(rf"([{tokens.HAN}]+)|([^\W_{tokens.HAN}]+)|(\S)")


def plain_tokens(text: str, terms: list[str]) -> list[str]:
    """The cut as specified, one character at a time: what tokens.Tokenizer must give."""
    known, longest = set(terms), max(map(len, terms), default=0)
    out = []
    for match in PIECES.finditer(tokens.UNWANTED.sub("", text)):
        run, word, other = match.groups()
        if not run:
            out.append(word or other)
            continue
        for i in range(len(run)):
            for size in range(min(longest, len(run) - i), tokens.MIN_TERM - 1, -1):
                if run[i : i + size] in known:
                    out.append(run[i : i + size])
                    break
            out.append(run[i : i + 2])
    return out


def readable(content: str) -> str:
    """A page's text rebuilt from its tokens, as the search worker does (readable() in search_worker.js)."""
    text, previous_word = "", False
    for token in content.split():
        if token == cut.BLOCK:
            text += "\n"
            previous_word = False
        elif HAN.fullmatch(token):
            text += token[0] if len(token) < tokens.MIN_TERM else ""
            previous_word = False
        else:
            word = bool(re.fullmatch(r"[^\W_]+", token))
            text += (" " if word and previous_word else "") + token
            previous_word = word
    return text


def all_pagefind_bytes(site: Path) -> dict[str, bytes]:
    """Every file of site/pagefind/, decompressed when Pagefind gzipped it."""
    files = {}
    for path in sorted((site / "pagefind").rglob("*")):
        if path.is_file() and not path.name.endswith(".gz"):
            data = path.read_bytes()
            files[path.relative_to(site).as_posix()] = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return files


# --- how text is cut ---------------------------------------------------------------------------------------


def test_runs_become_pairs_and_terms_stay_whole():
    cutter = tokens.Tokenizer(TERMS)
    assert cutter("落实三会一课制度") == ["落实", "实三", "三会一课", "三会", "会一", "一课", "课制", "制度", "度"]
    # The longest term at each place; a shorter one starting later is a token too.
    assert cutter("学习习近平总书记系列重要讲话") == [
        *["学习", "习习", "习近平总书记系列重要讲话", "习近", "近平", "平总", "总书", "书记"],
        *["记系", "系列重要讲话", "系列", "列重", "重要讲话", "重要", "要讲", "讲话", "话"],
    ]
    assert cutter("2017年Material for MkDocs，“师德师风”") == [
        *["2017", "年", "Material", "for", "MkDocs", "，", "“"],
        *["师德师风", "师德", "德师", "师风", "风", "”"],
    ]
    assert cutter("\u200b党\u00ad员 ") == ["党员", "员"]  # invisible characters would shift Pagefind's positions
    assert cutter("  ") == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"三会一课师德风党员的是，。“”（）abcXY019_ -é\u0301\u200b\t\n¶", "\U00020001", *TERMS]),
        max_size=40,
    ).map("".join)
)
def test_tokenizer_matches_the_plain_cut(text):
    assert tokens.Tokenizer(TERMS)(text) == plain_tokens(text, TERMS)


def test_text_is_rebuilt_from_its_tokens():
    text = "加强师德师风建设，落实“三会一课”制度。Material for MkDocs 2017年"
    content = " ".join(tokens.Tokenizer(TERMS)(text))
    assert readable(content) == text
    assert readable(" ".join(tokens.Tokenizer(TERMS)("python -m build"))) == "python-m build"  # spaces: words


def test_party_terms_are_the_term_list_and_the_tag_labels(tmp_path):
    terms = tokens.party_terms()
    assert {"三会一课", "师德师风", "双报到双报告"} <= set(terms)
    assert all(len(term) >= tokens.MIN_TERM for term in terms)  # two characters are a pair already
    registry = checker.run(Project(make_project(tmp_path / "p", content=SAMPLE), TODAY)).registry
    labels = {t.label for t in registry.tags.values() if len(t.label) >= tokens.MIN_TERM and HAN.fullmatch(t.label)}
    assert set(tokens.party_terms(registry)) == set(terms) | labels


def test_the_worker_takes_the_name_of_materials_worker():
    files = worker.patched_worker()
    assert files and all(re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", name) for name in files)
    assert set(files.values()) == {worker.WORKER.read_bytes()}


# --- what a small site gives -------------------------------------------------------------------------------

ITEM = """<!doctype html><html lang="zh"><head><title>标题 - 站点</title></head><body><nav>导航里的词不收</nav>
<article class="md-content__inner md-typeset"><h1 id="x">案例标题<a class="headerlink" href="#x">&para;</a></h1>
<div class="item-meta"><ul><li><strong>单位</strong>：<a href="#">测试小学</a></li></ul></div>
<video controls preload="none" src="x.mp4">播放器的话不收<a href="x.mp4">下载</a></video>
<p><a class="item-tools" href="#">打印海报不收</a></p>
<p>加强<strong>师德</strong>师风建设&amp;落实三会一课。<script>脚本里的词不收</script></p></article></body></html>"""
LISTING = ITEM.replace('class="item-meta"', 'class="item-cards"')


def test_a_small_site(tmp_path):
    site = tmp_path / "site"
    for name, page in [("cases/one", ITEM), ("cases/page", LISTING), ("guide", LISTING), ("tags/x", ITEM)]:
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(page, encoding="utf-8")
    (site / "search").mkdir()
    (site / "search/search_index.json").write_text('{"config": {"lang": ["zh"]}, "docs": [{"text": "x"}]}')
    (tmp_path / "scratch").mkdir()
    index.build_index(site, TERMS, tmp_path / "scratch")

    pages = {page["url"]: page for page in pagefind_documents(site)}
    assert set(pages) == {"/cases/one/", "/guide/"}  # an item page and the guide; no listing, no other section
    page = pages["/cases/one/"]
    assert page["meta"]["title"] == "案例标题"
    assert readable(page["content"]) == "案例标题\n单位：测试小学\n加强师德师风建设&落实三会一课。\n"
    assert "师德师风" in page["content"].split()  # whole, though <strong> cut it in two
    assert "不收" not in page["content"] and "不收" not in readable(page["content"])  # no nav, script, player, link
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == [
        "fragment",
        "index",
        "pagefind-entry.json",
        "pagefind.js",
        *[p.name for p in (site / "pagefind").glob("*.pf_meta")],
        "vocabulary.json",
        "wasm.unknown.pagefind",
    ]
    assert json.loads((site / "pagefind/vocabulary.json").read_text(encoding="utf-8")) == TERMS
    assert json.loads((site / "search/search_index.json").read_text()) == {"config": {"lang": ["zh"]}, "docs": []}


# --- the built sample ----------------------------------------------------------------------------------------


def test_the_sample_index(sample_site):
    manifest = json.loads((sample_site / "pagefind/shards.json").read_text(encoding="utf-8"))
    assert manifest == {"shards": ["site", "2017"], "first": 2}  # the materials and the guide; the items of 2017
    for shard in manifest["shards"]:
        entry = json.loads((sample_site / "pagefind" / shard / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [cut.LANGUAGE]
    assert not list((sample_site / "pagefind").rglob("pagefind-*ui*"))  # Pagefind's own UI is not shipped
    terms = json.loads((sample_site / "pagefind/vocabulary.json").read_text(encoding="utf-8"))
    assert {"三会一课", "师德师风"} <= set(terms)
    material = json.loads((sample_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == [] and material["config"]


# Every page of the guide (docs/guide/*.md: index.md is /guide/, fields.md /guide/fields/ …).
GUIDE_PAGES = {"/guide/" + ("" if p.stem == "index" else f"{p.stem}/") for p in (REPO / "docs/guide").glob("*.md")}


def test_only_item_pages_and_the_guide_are_indexed(sample_site):
    indexed = {page["url"] for page in pagefind_documents(sample_site)}
    expected = {f"/{kind}/{slug}/" for kind, slug, _ in published(sample_items())} | GUIDE_PAGES
    assert len(GUIDE_PAGES) >= 5 and indexed == expected
    listings = [p for p in sample_site.rglob("index.html") if 'class="item-meta' not in p.read_text(encoding="utf-8")]
    assert len(listings) > 20
    for listing in listings:
        url = "/" + listing.parent.relative_to(sample_site).as_posix() + "/"
        assert url in GUIDE_PAGES or url not in indexed, url


def test_no_draft_or_scheduled_item_is_in_the_index(sample_site):
    secrets = [f"/{kind}/{slug}/" for kind, slug, _ in hidden(sample_items())]
    secrets += [meta["title"] for _, _, meta in hidden(sample_items())] + HIDDEN_WORDS
    cutter = tokens.Tokenizer(tokens.party_terms())
    pages = pagefind_documents(sample_site)
    texts = [readable(page["content"]) + page["meta"]["title"] + page["url"] for page in pages]
    contents = [" " + page["content"] + " " for page in pages]
    for secret in secrets:
        assert not any(secret in text for text in texts), secret
        pieces = " " + " ".join(cutter(secret)) + " "
        assert not any(pieces in content for content in contents), secret
    everything = b"\n".join(all_pagefind_bytes(sample_site).values())
    for secret in secrets:
        assert secret.encode("utf-8") not in everything, secret
    for word in HIDDEN_WORDS:  # its last pair is in no other page: it is no word of the index either
        assert word[-2:].encode("utf-8") not in everything, word


def test_party_terms_are_words_of_the_index(sample_site):
    pages = pagefind_documents(sample_site)
    for term in ("三会一课", "师德师风", "两学一做", "双报到双报告"):
        holding = {page["url"] for page in pages if term in readable(page["content"]).replace("\n", "")}
        tokened = {page["url"] for page in pages if term in page["content"].split()}
        assert holding and holding == tokened, term


def test_the_docs_tree_is_indexed_as_the_built_pages_read(sample_site):
    """The build indexes the generated pages while MkDocs renders them (search/sources.py): every page must be cut
    exactly as its built HTML would be, and the same pages must be indexed."""
    project = Project(sample_site.parent, TODAY)
    result = checker.run(project)
    tree = docs_tree(project, result)
    cutter = tokens.Tokenizer(tokens.party_terms(result.registry))
    reader = sources.PageReader(project.config)
    from_sources = {
        sources.url_folder(name): cut.cut_page(
            reader.article(*sources.marked_body(tree.files[name].decode("utf-8"), tree.bodies.get(name, ""))), cutter
        )
        for name in sources.indexable(tree.files)
    }
    from_html = {}
    for page, item_only in index.candidates(sample_site):
        text = page.read_text(encoding="utf-8")
        if 'class="item-meta' in text or not item_only:
            from_html[page.parent.relative_to(sample_site).as_posix()] = cut.cut_page(text, cutter)
    assert sorted(from_sources) == sorted(from_html)

    def tokens_and_tags(page: str) -> str:  # the theme indents the article: whitespace differs, never a token
        return " ".join(page.split()).replace("> <", "><")

    for folder, page in from_html.items():
        assert tokens_and_tags(from_sources[folder]) == tokens_and_tags(page), folder
