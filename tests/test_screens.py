"""Campus screens and posters without a browser: screen.json, QR files, escaping, drafts kept out."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import zipfile
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from markupsafe import escape

from build_tools.aggregate import collection, planning
from build_tools.check import checker
from build_tools.check.outcome import Result
from build_tools.models.case import ScreenText
from build_tools.project import Project, ProjectError
from build_tools.screens import pages as screens
from build_tools.screens.data import SHOWN
from build_tools.screens.posters import poster_path
from build_tools.screens.qr import qr_svg
from build_tools.tools.slides import deterministic_zip, make_slides
from tests.helpers import SAMPLE, TODAY, make_project

SITE_URL = "https://xuexi.xhedu.example.cn/"
UNPUBLISHED_WORDS = ["草稿专用词汇甲", "未来专用词汇乙"]  # only in a draft case and in a case dated 2027
EVIL = '</script><script>alert("x")</script><!--'
EMBEDDED = re.compile(r'<script type="application/json" id="screen-data">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("screens") / "project", content=SAMPLE)
    result = checker.run(Project(root, TODAY))
    assert not result.reporter.errors
    c = collection.build(result)
    periods = planning.build([plan for _, plan in result.plans], result.registry, c)
    return result, c, periods


class ScriptTags(HTMLParser):
    """The type of every <script> element, as an HTML parser splits the page."""

    @classmethod
    def of(cls, page: str) -> list[str | None]:
        parser = cls()
        parser.found = []
        parser.feed(page)
        return parser.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append(dict(attrs).get("type"))


def shown_items(c: collection.Collection) -> list[collection.Item]:
    return [i for i in c.items if i.kind in SHOWN]


def unpublished_slugs(result: Result) -> list[str]:
    return [e.source.path.stem for e in result.entries if e.status != "published"]


def test_screen_json_has_every_published_item_and_no_draft_or_scheduled_one(sample_site: Path, sample) -> None:
    result, c, _ = sample
    data = json.loads((sample_site / "screen" / "screen.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["items"]] == [f"{i.kind}-{i.slug}" for i in shown_items(c)]
    for slide in data["items"]:
        page = slide["url"].removeprefix(SITE_URL)
        assert (sample_site / page / "index.html").is_file(), slide["url"]
        assert (sample_site / "screen" / slide["qr"]).is_file()
        if slide["image"]:
            assert (sample_site / "screen" / slide["image"]).resolve().is_file(), slide["image"]
    hidden = unpublished_slugs(result)
    assert len(hidden) >= 2
    # Nothing generated for screens and posters may mention an unpublished item, in any file.
    for folder in ("screen", "poster"):
        for path in (sample_site / folder).rglob("*"):
            if path.is_file():
                text = path.read_bytes().decode("utf-8", errors="replace")
                for word in UNPUBLISHED_WORDS + hidden:
                    assert word not in text, f"{word} in {path}"
                assert not any(slug in path.as_posix() for slug in hidden), path


def test_page_embeds_the_same_data_as_screen_json(sample_site: Path) -> None:
    page = (sample_site / "screen" / "index.html").read_text(encoding="utf-8")
    [embedded] = EMBEDDED.findall(page)
    assert json.loads(embedded) == json.loads((sample_site / "screen" / "screen.json").read_text(encoding="utf-8"))
    # The kiosk page is bare: none of the site's header, navigation or scripts, nothing from another host.
    assert "md-header" not in page and "md-nav" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_posters_for_every_published_item(sample_site: Path, sample) -> None:
    _, c, _ = sample
    posters = sorted(p.relative_to(sample_site).as_posix() for p in (sample_site / "poster").rglob("index.html"))
    assert posters == sorted(poster_path(item) for item in shown_items(c))
    item = c.items[0]
    page = (sample_site / poster_path(item)).read_text(encoding="utf-8")
    for text in (item.title, item.unit.name, item.model.summary, SITE_URL + item.url):
        assert html.escape(text, quote=False) in page
    assert qr_svg(SITE_URL + item.url).decode() in page


def test_qr_files_encode_each_items_address(sample_site: Path, sample) -> None:
    _, c, _ = sample
    for item in shown_items(c):
        svg = (sample_site / "screen" / "qr" / f"{item.kind}-{item.slug}.svg").read_bytes()
        assert svg == qr_svg(SITE_URL + item.url)  # decoded from a rendering in tests/browser/test_screen.py


def test_this_months_theme_day_comes_first_from_the_district_then_each_unit(sample) -> None:
    _, c, periods = sample
    notice = json.loads(screens.render_screens(c, periods, SITE_URL)["screen/screen.json"])["notice"]
    period, month = planning.current_month(periods, c.today)
    assert notice["url"] == f"{SITE_URL}plans/{period}/{month}/"
    units = [entry["unit"] for entry in notice["entries"]]
    assert units[0] == "district" and len(units) > 1
    view = next(p for p in periods if p.period == period)
    for entry in notice["entries"]:
        plan = view.district if entry["unit"] == "district" else view.units[entry["unit"]]
        days = [i for i in plan.month(month).items if i.kind == "主题党日" and i.status != "取消"]
        assert [i.title for i in days] == [entry["title"]]


def test_screen_text_replaces_the_summary(sample) -> None:
    _, c, periods = sample
    case = next(i for i in c.items if i.kind == "case")
    text = ScreenText(headline="党员教师进社区", lines=["每月第一个星期五", "社区周末课堂"])
    changed = dataclasses.replace(case, model=case.model.model_copy(update={"screen": text}))
    items = [changed if i is case else i for i in c.items]
    data = json.loads(
        screens.render_screens(dataclasses.replace(c, items=items), periods, SITE_URL)["screen/screen.json"]
    )
    [slide] = [s for s in data["items"] if s["id"] == f"case-{case.slug}"]
    assert (slide["headline"], slide["text"], slide["title"]) == (
        "党员教师进社区",
        "每月第一个星期五\n社区周末课堂",
        case.title,
    )


def test_contributor_text_is_escaped_everywhere(sample) -> None:
    _, c, periods = sample
    case = next(i for i in c.items if i.kind == "case")
    model = case.model.model_copy(update={"title": EVIL, "summary": EVIL})
    evil_unit = case.unit.model_copy(update={"short_name": EVIL, "name": EVIL})
    items = [dataclasses.replace(i, model=model, unit=evil_unit) if i is case else i for i in c.items]
    files = screens.render_screens(dataclasses.replace(c, items=items), periods, SITE_URL)
    page = files["screen/index.html"].decode()
    # A browser sees the page's own two scripts and nothing else: the text can neither close the data
    # block (`</` is written `<\/`) nor open a comment that would swallow its end.
    assert ScriptTags.of(page) == ["application/json", None]
    assert "<!--" not in page
    [embedded] = EMBEDDED.findall(page)
    [slide] = [s for s in json.loads(embedded)["items"] if s["id"] == f"case-{case.slug}"]
    assert slide["title"] == slide["text"] == slide["unit_name"] == EVIL
    assert json.loads(files["screen/screen.json"]) == json.loads(embedded)
    poster = files[poster_path(case)].decode()
    assert "<script>alert" not in poster and str(escape(EVIL)) in poster


def test_rendering_is_deterministic(sample) -> None:
    _, c, periods = sample
    assert screens.render_screens(c, periods, SITE_URL) == screens.render_screens(c, periods, SITE_URL)


def test_slide_zips_depend_only_on_the_pictures() -> None:
    files = {"02.png": b"two", "01.png": b"one"}
    first, second = deterministic_zip(files), deterministic_zip(dict(reversed(files.items())))
    assert first == second
    with zipfile.ZipFile(BytesIO(first)) as archive:
        assert archive.namelist() == ["01.png", "02.png"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_slides_need_a_built_site(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="make site"):
        make_slides(Project(tmp_path, TODAY))
