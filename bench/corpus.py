"""A synthetic project copy: the real mkdocs.yml, docs/, overrides/ and tags.yml, and a generated content/ of
100 units, cases and lessons (about 60/40) with the front matter of the contract, and plans for the last year."""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .plans import plan_yaml
from .text import MARKER, OBJECTS, RESULTS, Writer
from .units import Unit, make_units

FIRST_YEAR, LAST_YEAR = 2016, 2021
BUILD_DAY = dt.date(LAST_YEAR, 12, 31)  # every item is published: none is dated after it
EPOCH = str(int(dt.datetime(LAST_YEAR, 12, 31, 12, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp()))
CASE_TYPES = (("工作案例", 0.6), ("先进典型", 0.25), ("警示案例", 0.15))
HEADINGS = {
    "工作案例": ["背景", "主要做法", "工作成效", "经验启示"],
    "先进典型": ["基本情况", "主要事迹", "示范意义"],
    "警示案例": ["基本案情", "违反了哪些规定", "处理结果", "警示教育"],
}
CATEGORIES = [
    "党支部工作法",
    "组织生活",
    "主题党日",
    "党员教育",
    "党员示范岗",
    "志愿服务",
    "师德师风",
    "双报到双报告",
    "党建品牌",
    "思政育人",
    "廉洁教育",
    "其他",
]
FORMATS = (("视频", 0.4), ("音频", 0.25), ("图文", 0.35))
TOPICS = [
    "政治理论教育",
    "政治教育和政治训练",
    "党章党规党纪教育",
    "党的宗旨教育",
    "革命传统教育",
    "形势政策教育",
    "知识技能教育",
]
ROLES = ["党支部副书记", "支部委员", "党员教师", "党员干部", "先进模范", "普通党员", "特邀"]
LESSON_SECTIONS = ["开场", "一、为什么要学", "二、学什么", "三、怎样做", "结语"]
SLUG_WORDS = [
    "ztdr",
    "shyk",
    "dangke",
    "sdsf",
    "zyfw",
    "hongse",
    "dangzhang",
    "jiangtai",
    "banzhuren",
    "jiaoyan",
    "shequ",
    "lizhi",
    "xianfeng",
]
MARKER_EVERY = 33  # one item in 33 has MARKER mid-sentence in its body
IMAGE_SHARE = 0.05  # cases with one tiny image


@dataclass
class Corpus:
    root: Path
    cases: list[Path] = field(default_factory=list)
    lessons: list[Path] = field(default_factory=list)
    marker_pages: set[str] = field(default_factory=set)  # URL paths of the items that contain MARKER
    plans: int = 0
    units: int = 0


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([v for v, _ in pairs], weights=[w for _, w in pairs])[0]


def _date(rng: random.Random) -> dt.date:
    start = dt.date(FIRST_YEAR, 3, 1)
    return start + dt.timedelta(days=rng.randrange((BUILD_DAY - start).days + 1))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tags(rng: random.Random, tags: list[dict], day: dt.date) -> str:
    usable = [t["label"] for t in tags if t.get("since") is None or t["since"] <= day]
    picked = rng.sample(usable, rng.randint(1, 4))
    if "两学一做" in usable and rng.random() < 0.5 and "两学一做" not in picked:
        picked.append("两学一做")
    return "[" + ", ".join(picked) + "]"


def _title(rng: random.Random, writer: Writer, unit: Unit, limit: int) -> str:
    for _ in range(20):
        options = (
            f"{unit.short_name}：以{rng.choice(OBJECTS)}促{rng.choice(OBJECTS)}",
            f"把{rng.choice(OBJECTS)}落到实处",
            f"{rng.choice(OBJECTS)}：{rng.choice(RESULTS)}",
            f"{writer.name()}：扎根讲台的{rng.choice(('好老师', '领头雁', '先锋', '引路人'))}",
        )
        title = rng.choice(options)
        if len(title) <= limit:
            return title
    return rng.choice(OBJECTS)


def tiny_jpeg(rng: random.Random) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), tuple(rng.randrange(256) for _ in range(3))).save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def write_case(
    root: Path, rng: random.Random, writer: Writer, unit: Unit, slug: str, tags: list[dict], marker: bool
) -> Path:
    day = _date(rng)
    case_type = _weighted(rng, CASE_TYPES)
    meta = [
        "---",
        f"title: {_quote(_title(rng, writer, unit, 30))}",
        f"case_type: {case_type}",
        f"category: [{', '.join(rng.sample(CATEGORIES, rng.randint(1, 2)))}]",
        f"unit: {unit.id}",
        f"date: {day.isoformat()}",
        f"summary: {_quote(writer.summary(150))}",
        f"tags: {_tags(rng, tags, day)}",
        f"author: {writer.name()}",
        f"reviewed_by: {unit.secretary}（{unit.secretary_role}）",
    ]
    folder = root / "content" / "cases" / str(day.year)
    if rng.random() < IMAGE_SHARE:
        (folder / "images").mkdir(parents=True, exist_ok=True)
        (folder / "images" / f"{slug}-1.jpg").write_bytes(tiny_jpeg(rng))
        meta += [
            "images:",
            f"  - src: images/{slug}-1.jpg",
            f"    caption: {unit.short_name}党员在主题党日上重温入党誓词",
        ]
    if case_type == "警示案例":
        notice = day - dt.timedelta(days=rng.randint(5, 40))
        meta += [
            "source:",
            "  name: 关于几起违反师德规定问题的通报",
            f"  url: https://example.com/tongbao/{notice.isoformat()}.html",
            f"  date: {notice.isoformat()}",
            "violated:",
            "  - 《中小学教师违反职业道德行为处理办法》",
            "  - 《中国共产党纪律处分条例》",
        ]
    body = writer.body(HEADINGS[case_type], 1500, 1900, marker=marker, warning=case_type == "警示案例")
    path = folder / f"{slug}.md"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([*meta, "---", "", body]), encoding="utf-8")
    return path


def write_lesson(
    root: Path, rng: random.Random, writer: Writer, unit: Unit, slug: str, tags: list[dict], marker: bool
) -> Path:
    day = _date(rng)
    fmt = _weighted(rng, FORMATS)
    secretary = rng.random() < 0.15
    speaker = (unit.secretary, unit.secretary_role) if secretary else (writer.name(), rng.choice(ROLES))
    meta = [
        "---",
        f"title: {_quote(_title(rng, writer, unit, 24))}",
        f"speaker: {{name: {speaker[0]}, role: {speaker[1]}}}",
        f"unit: {unit.id}",
        f"date: {day.isoformat()}",
        f"format: {fmt}",
    ]
    if fmt != "图文":
        suffix = "mp4" if fmt == "视频" else "mp3"
        meta += [
            f'duration: "{rng.randint(3, 9):02d}:{rng.randint(0, 59):02d}"',
            "media:",
            f"  url: https://media.example.org/wdk/{slug}.{suffix}",
        ]
    meta += [
        f"summary: {_quote(writer.summary(200))}",
        f"topic: {rng.choice(TOPICS)}",
        f"tags: {_tags(rng, tags, day)}",
    ]
    if rng.random() < 0.2:
        meta += ["series:", f"  name: {unit.short_name}微党课", f"  episode: {rng.randint(1, 12)}"]
    meta.append(f"reviewed_by: {unit.secretary}（{unit.secretary_role}）")
    if secretary:
        meta.append("secretary_lecture: true")
    body = writer.body(LESSON_SECTIONS, 1500, 1900, marker=marker)
    folder = root / "content" / "micro_lessons" / str(day.year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    path.write_text("\n".join([*meta, "---", "", body]), encoding="utf-8")
    return path


def generate(project: Path, root: Path, items: int, seed: int) -> Corpus:
    """Write the project copy at `root` (removed first) with `items` cases and lessons."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copy2(project / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        shutil.copytree(project / folder, root / folder, symlinks=True)
    content = root / "content"
    content.mkdir()
    shutil.copy2(project / "content" / "tags.yml", content / "tags.yml")
    tags = yaml.safe_load((content / "tags.yml").read_text(encoding="utf-8"))
    for tag in tags:  # YAML gives dates already; keep them comparable with dt.date
        if isinstance(tag.get("since"), str):
            tag["since"] = dt.date.fromisoformat(tag["since"])
    rng = random.Random(seed)
    writer = Writer(rng)
    units = make_units(rng, writer.name)
    header = "# 基准测试生成的单位登记表（单位名称与人名均为虚构）\n\n"
    (content / "units.yml").write_text(header + "\n".join(u.yaml() for u in units), encoding="utf-8")
    corpus = Corpus(root, units=len(units))
    authors = units[1:]  # the district committee itself rarely submits
    lessons_of: dict[str, list[str]] = {}
    for index in range(items):
        unit = rng.choice(authors)
        slug = f"{unit.id}-{rng.choice(SLUG_WORDS)}-{index + 1}"
        if index % 5 < 3:
            path = write_case(root, rng, writer, unit, slug, tags, index % MARKER_EVERY == 7)
            corpus.cases.append(path)
            url = f"/cases/{slug}/"
        else:
            path = write_lesson(root, rng, writer, unit, slug, tags, index % MARKER_EVERY == 7)
            corpus.lessons.append(path)
            lessons_of.setdefault(unit.id, []).append(slug)
            url = f"/micro-lessons/{slug}/"
        if MARKER in path.read_text(encoding="utf-8"):
            corpus.marker_pages.add(url)
    planners = [u for u in units if u.org_type in ("党支部", "联合党支部") and u.theme_day]
    chosen = rng.sample(planners, 20)
    folder = content / "plans" / str(LAST_YEAR)
    folder.mkdir(parents=True)
    for unit in [None, *chosen]:
        owner = unit.id if unit else "district"
        text = plan_yaml(rng, LAST_YEAR, unit, lessons_of.get(owner, []), BUILD_DAY)
        (folder / f"{owner}.yml").write_text(text, encoding="utf-8")
        corpus.plans += 1
    return corpus
