"""What `check` hands to the stages after it: every submission with its model and status, the plans that passed,
the diagnostics, and an account of every file under content/."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..diagnostics import Reporter
from ..models import Case, Lesson, Material, Plan, Registry
from ..read.inventory import Inventory
from ..read.sources import Source

STATUSES = ("published", "draft", "scheduled")


@dataclass
class Entry:
    source: Source
    model: Case | Lesson | Material
    status: str  # one of STATUSES


@dataclass
class Result:
    reporter: Reporter
    registry: Registry
    today: dt.date
    entries: list[Entry] = field(default_factory=list)
    plans: list[tuple[Source, Plan]] = field(default_factory=list)
    failed: list[Source] = field(default_factory=list)
    inventory: Inventory = field(default_factory=Inventory)

    @property
    def published(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "published"]

    def account(self) -> str:
        """Where every file under content/ went: the counts add up to the files on disk."""
        inv = self.inventory
        status = {s: sum(1 for e in self.entries if e.status == s) for s in STATUSES}
        failed_items = sum(1 for s in self.failed if s.kind != "plan")
        failed_plans = sum(1 for s in self.failed if s.kind == "plan")
        parts = [
            f"稿件 {len(inv.submissions)}（发布 {status['published']}，草稿 {status['draft']}，定时 {status['scheduled']}，未通过 {failed_items}）",
            f"计划 {len(inv.plans)}（通过 {len(self.plans)}，未通过 {failed_plans}）",
            f"登记表 {len(inv.registries)}",
            f"模板 {len(inv.templates)}",
            f"附件 {len(inv.attachments)}",
            f"忽略 {len(inv.ignored)}",
            f"拒绝 {len(inv.rejected)}",
        ]
        return f"content/ 共 {inv.total} 个文件：" + "；".join(parts) + f"。构建日期 {self.today.isoformat()}。"
