"""What campus screens and posters show, as plain data: one dict per slide. Pure: no file I/O.

The screen page and screen.json carry the same data (see pages.py); every path in it is relative to
the screen page's folder, `screen/`, so the site works under any base URL.
"""

from __future__ import annotations

import json

from ..aggregate.collection import Collection, Item
from ..aggregate.planning import PeriodView, current_month
from ..models.common import zh_date
from ..models.kinds import KINDS
from ..models.vocab import DISTRICT

BRAND = "两学一做学习园地"
SCREEN_DIR = "screen"
LATEST = 40  # newest items on every screen: about eight minutes of slides at 12 s each
PER_UNIT = 3  # plus each unit's newest, so `?unit=` has something of its own even when it posts rarely
WEEKDAYS = "一二三四五六日"
SHOWN = ("case", "lesson")  # what screens and posters show: published work, not the study materials


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def qr_name(kind: str, slug: str) -> str:
    return f"qr/{kind}-{slug}.svg"


def image_of(item: Item) -> str | None:
    """Docs-tree path of the item's picture (a case's first image, a lesson's cover): the web-sized JPEG,
    which every kiosk browser can show, and which has no EXIF."""
    return item.image_path(item.cover, "web", "jpg") if item.cover else None


def byline(item: Item) -> str:
    if item.kind == "lesson":
        speaker = item.model.speaker
        return f"主讲：{speaker.name}（{speaker.role}）"
    return ""


def item_slide(item: Item, site_url: str) -> dict:
    screen = getattr(item.model, "screen", None)
    image = image_of(item)
    return {
        "id": f"{item.kind}-{item.slug}",
        "kind": item.kind,
        "kicker": f"{KINDS[item.kind].label} · {item.label}",
        "unit": item.unit.id,
        "unit_name": item.unit.short_name,
        "date": zh_date(item.date),
        "title": item.title,
        # A case's own screen text is written for large type; otherwise the summary, cut to fit on the screen.
        "headline": screen.headline if screen else item.title,
        "text": "\n".join(screen.lines) if screen else item.model.summary,
        "byline": byline(item),
        "image": f"../{image}" if image else None,
        "qr": qr_name(item.kind, item.slug),
        "url": absolute(site_url, item.url),
    }


def screen_items(c: Collection) -> list[Item]:
    """The newest items overall plus each unit's newest few, newest first (published only: c.items)."""
    items = [i for i in c.items if i.kind in SHOWN]
    chosen = {id(i) for i in items[:LATEST]}
    per_unit: dict[str, int] = {}
    for item in items:
        per_unit[item.unit.id] = per_unit.get(item.unit.id, 0) + 1
        if per_unit[item.unit.id] <= PER_UNIT:
            chosen.add(id(item))
    return [i for i in items if id(i) in chosen]


def notice_slide(c: Collection, periods: list[PeriodView], site_url: str) -> dict | None:
    """This month's 主题党日: one entry per plan that has one (the district's first), so a screen
    with `?unit=` can show its own day."""
    current = current_month(periods, c.today)
    if current is None:
        return None
    period, month = current
    view = next(p for p in periods if p.period == period)
    entries = []
    for plan in view.views:
        found = plan.month(month)
        for entry in found.items if found else []:
            if entry.kind != "主题党日" or entry.status == "取消":
                continue
            unit = c.units.get(plan.owner)
            entries.append(
                {
                    "unit": plan.owner,
                    "unit_name": "区教育系统党委" if plan.owner == DISTRICT else unit.short_name if unit else plan.name,
                    "date": f"{entry.date.month}月{entry.date.day}日 星期{WEEKDAYS[entry.date.weekday()]}",
                    "day": str(entry.date.day),
                    "title": entry.title,
                    "text": "\n".join(
                        line
                        for line in (
                            f"形式：{'、'.join(entry.forms)}" if entry.forms else "",
                            f"主题：{found.theme}",
                            f"参加：{entry.participants}" if entry.participants else "",
                        )
                        if line
                    ),
                }
            )
    if not entries:
        return None
    return {
        "id": f"notice-{month}",
        "kind": "notice",
        "kicker": "本月主题党日",
        "month": f"{int(month[:4])}年{int(month[5:])}月",
        "qr": f"qr/plan-{month}.svg",
        "url": absolute(site_url, f"plans/{period}/{month}/"),
        "entries": entries,
    }


def screen_data(c: Collection, periods: list[PeriodView], site_url: str) -> dict:
    return {
        "version": 1,
        "brand": BRAND,
        "notice": notice_slide(c, periods, site_url),
        "items": [item_slide(item, site_url) for item in screen_items(c)],
    }


def script_json(data: object) -> str:
    """JSON that is safe inside <script> and in a file: `</script>` and `<!--` can never close or
    confuse the element, whatever a contributor typed."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
