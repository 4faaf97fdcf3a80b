"""Links between bodies (check/rules/links.py, render/body.py): a contributor links another item's .md file as in any
Markdown editor, and the reader gets a link to that item's page — or only the text while it is unpublished."""

from __future__ import annotations

import re

from tests.helpers import RULES, make_project, run

ANCHOR = re.compile(r'<a\b[^>]*href="([^"]+)"[^>]*>([^<]*)</a>')


def test_links_to_items_lead_to_their_pages_and_drafts_stay_unnamed(tmp_path):
    root = make_project(tmp_path / "project", overlay=RULES / "body-link" / "content")
    case = root / "content/cases/2017/body-link.md"
    text = case.read_text(encoding="utf-8")
    # Only the links that resolve or wait for publication: the errors of the rule fixture taken out.
    text = text.replace("[主题党日案例](ceshi-ztdl.md)", "[主题党日案例](ceshi-ztdr.md)")
    text = text.replace("[结对名单](files/mingdan.xlsx)", "结对名单").replace(
        "[区里的要求](../../../docs/guide/index.md)", "区里的要求"
    )
    case.write_text(text, encoding="utf-8")
    done = run(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "警告[body-link] 链接的稿件「ceshi-caogao.md」还是草稿" in done.stdout

    page = root / "site/cases/body-link/index.html"
    html = page.read_text(encoding="utf-8")
    links = {label: href for href, label in ANCHOR.findall(html)}
    assert links["支部书记的微党课"].startswith("../../micro-lessons/ceshi-dangzhang/#")
    assert links["学习辅导"] == "../../materials/ceshi-dangzhang-fudao/"
    assert links["主题党日案例"] == "../../cases/ceshi-ztdr/"
    for label in ("支部书记的微党课", "学习辅导", "主题党日案例"):
        target = (page.parent / links[label].split("#")[0]).resolve() / "index.html"
        assert target.is_file(), (label, links[label])
    # The heading the lesson link names is on the lesson's page.
    anchor = links["支部书记的微党课"].split("#", 1)[1]
    lesson = (root / "site/micro-lessons/ceshi-dangzhang/index.html").read_text(encoding="utf-8")
    assert f'id="{anchor}"' in lesson

    # The draft: its link text is shown, nothing leads to it or names its file, anywhere in the site.
    assert "整理中的经验小结尚未发布" in html
    assert "经验小结" not in links
    leaks = [p for p in (root / "site").rglob("*") if p.is_file() and b"ceshi-caogao" in p.read_bytes()]
    assert leaks == []
