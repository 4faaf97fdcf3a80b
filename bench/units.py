"""A synthetic district of 100 units: the district committee, its office branch, full secondary schools with a
general branch over two branches, primary, junior and senior schools, kindergartens and vocational schools."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

STEMS = (
    ("fenglin", "枫林"),
    ("wutong", "梧桐"),
    ("binjiang", "滨江"),
    ("huixing", "汇星"),
    ("longhua", "龙华"),
    ("caohejing", "漕河泾"),
    ("tianlin", "田林"),
    ("kangjian", "康健"),
    ("changqiao", "长桥"),
    ("lingyun", "凌云"),
    ("huajing", "华泾"),
    ("xietu", "斜土"),
    ("hongmei", "虹梅"),
    ("tianping", "天平"),
    ("hunan", "湖南"),
    ("xujiahui", "徐家汇"),
    ("wanping", "宛平"),
    ("guilin", "桂林"),
    ("yishan", "宜山"),
    ("nandan", "南丹"),
    ("zhaojiabang", "肇嘉浜"),
    ("hengshan", "衡山"),
    ("jianguo", "建国"),
    ("yueyang", "岳阳"),
    ("qinzhou", "钦州"),
    ("liuzhou", "柳州"),
    ("kangle", "康乐"),
    ("meilong", "梅陇"),
    ("ruijin", "瑞金"),
    ("wuxing", "吴兴"),
    ("gaoan", "高安"),
    ("anfu", "安福"),
    ("xingguo", "兴国"),
    ("donghu", "东湖"),
    ("yongjia", "永嘉"),
    ("huaihai", "淮海"),
    ("fuxing", "复兴"),
    ("yanqing", "延庆"),
    ("taiyuan", "太原"),
    ("wulumuqi", "乌鲁木齐"),
)
# (count, id suffix, name suffix, short-name suffix, school_type, org_type)
KINDS = (
    (37, "xx", "小学", "小学", "小学", "党支部"),
    (14, "cz", "初级中学", "初中", "初中", "党支部"),
    (8, "gz", "高级中学", "高中", "高中", "党支部"),
    (18, "yey", "幼儿园", "幼儿园", "幼儿园", "党支部"),
    (4, "yeylh", "幼儿园联合", "幼儿园联合", "幼儿园", "联合党支部"),
    (5, "zz", "中等职业学校", "中职", "中职学校", "党支部"),
)
FULL_SCHOOLS = 4  # 党总支 + 初中部 and 高中部 branches: 12 units


@dataclass
class Unit:
    id: str
    name: str
    short_name: str
    org_type: str
    school_type: str
    secretary: str
    parent: str | None = None
    theme_day: dict = field(default_factory=dict)

    def yaml(self) -> str:
        lines = [
            f"- id: {self.id}",
            f"  name: {self.name}",
            f"  short_name: {self.short_name}",
            f"  org_type: {self.org_type}",
        ]
        if self.parent:
            lines.append(f"  parent: {self.parent}")
        lines += [f"  school_type: {self.school_type}", f"  secretary: {self.secretary}"]
        if self.theme_day:
            inner = ", ".join(f"{k}: {v}" for k, v in self.theme_day.items())
            lines.append(f"  theme_day: {{{inner}}}")
        return "\n".join(lines) + "\n"

    @property
    def secretary_role(self) -> str:
        return {"党委": "党委书记", "党总支": "党总支书记"}.get(self.org_type, "党支部书记")


def theme_day(rng: random.Random) -> dict:
    if rng.random() < 0.25:
        return {"day": rng.randint(1, 28)}
    return {"nth": rng.randint(1, 4), "weekday": rng.randint(1, 5)}


def make_units(rng: random.Random, name) -> list[Unit]:
    """Exactly 100 units; `name()` gives a secretary's name."""
    district = Unit("xhjyxt", "中共上海市徐汇区教育系统委员会", "区教育系统党委", "党委", "机关", name())
    units = [district]
    units.append(
        Unit("jgzb", "中共上海市徐汇区教育系统机关支部委员会", "教育系统机关党支部", "党支部", "机关", name(), "xhjyxt")
    )
    stems = list(STEMS)
    rng.shuffle(stems)
    used: set[str] = set()

    def pick(suffix: str) -> tuple[str, str]:
        for pinyin, chinese in stems:
            if f"{pinyin}-{suffix}" not in used:
                used.add(f"{pinyin}-{suffix}")
                return pinyin, chinese
        raise RuntimeError("not enough name stems")

    for _ in range(FULL_SCHOOLS):
        pinyin, chinese = pick("zx")
        parent = Unit(
            f"{pinyin}-zx",
            f"中共上海市徐汇区{chinese}实验中学总支部委员会",
            f"{chinese}实验中学党总支",
            "党总支",
            "完全中学",
            name(),
            "xhjyxt",
        )
        units.append(parent)
        for part, label in (("cz", "初中部"), ("gz", "高中部")):
            units.append(
                Unit(
                    f"{pinyin}-zx-{part}",
                    f"中共上海市徐汇区{chinese}实验中学{label}支部委员会",
                    f"{chinese}实验中学{label}党支部",
                    "党支部",
                    "完全中学",
                    name(),
                    parent.id,
                    theme_day(rng),
                )
            )
    for count, suffix, full, short, school_type, org_type in KINDS:
        for _ in range(count):
            pinyin, chinese = pick(suffix)
            units.append(
                Unit(
                    f"{pinyin}-{suffix}",
                    f"中共上海市徐汇区{chinese}{full}支部委员会",
                    f"{chinese}{short}党支部",
                    org_type,
                    school_type,
                    name(),
                    "xhjyxt",
                    theme_day(rng) if rng.random() < 0.85 else {},
                )
            )
    assert len(units) == 100, len(units)
    return units
