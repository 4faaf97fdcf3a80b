"""Registries edited by the district office: units.yml and tags.yml."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .common import Date, Model, Text
from .vocab import ORG_TYPES, SLUG_PATTERN

Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
# A code-hosting account name (GitHub's rules): reviewers of that unit's pull requests.
Username = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")]


class ThemeDay(Model):
    nth: int | None = Field(default=None, ge=1, le=5, title="第几个")
    weekday: int | None = Field(default=None, ge=1, le=7, title="星期几（1=星期一）")
    day: int | None = Field(default=None, ge=1, le=31, title="每月几日")

    @model_validator(mode="after")
    def _one_rule(self) -> ThemeDay:
        weekly = self.nth is not None and self.weekday is not None and self.day is None
        monthly = self.day is not None and self.nth is None and self.weekday is None
        if not (weekly or monthly):
            raise PydanticCustomError("theme_day", "只能二选一：nth 加 weekday（每月第几个星期几），或 day（每月几日）")
        return self

    def date_in(self, month: str) -> dt.date:
        """The day this rule puts the 主题党日 on in a month (YYYY-MM)."""
        year, number = int(month[:4]), int(month[5:])
        last = calendar.monthrange(year, number)[1]
        if self.day is not None:
            return dt.date(year, number, min(self.day, last))
        first = dt.date(year, number, 1)
        day = 1 + (self.weekday - first.isoweekday()) % 7 + 7 * (self.nth - 1)
        while day > last:  # "the 5th Friday" in a month without one: the last such weekday
            day -= 7
        return dt.date(year, number, day)

    def describe(self) -> str:
        if self.day is not None:
            return f"每月{self.day}日"
        names = "一二三四五六日"
        return f"每月第{'一二三四五'[self.nth - 1]}个星期{names[self.weekday - 1]}"


class Unit(Model):
    id: Id = Field(title="单位编号", json_schema_extra={"example": "xhzx"})
    name: Text = Field(title="全称")
    short_name: Text = Field(title="简称")
    org_type: Literal[ORG_TYPES] = Field(title="组织类型")
    parent: Text | None = Field(default=None, title="上级单位")
    school_type: Text | None = Field(default=None, title="学校类型")
    secretary: Text | None = Field(default=None, title="书记")
    theme_day: ThemeDay | None = Field(default=None, title="主题党日")
    active: bool = Field(default=True, title="是否在用")
    maintainers: list[Username] = Field(default_factory=list, title="审核人账号")


class Tag(Model):
    id: Id = Field(title="标签编号", json_schema_extra={"example": "ztdr"})
    label: Text = Field(title="标签名称")
    group: Text = Field(title="分组")
    meaning: Text = Field(title="含义")
    liangxue: bool = Field(title="是否两学一做专题")
    since: Date | None = Field(default=None, title="启用日期")


@dataclass
class Registry:
    """The units and tags every item refers to (content/units.yml, content/tags.yml), in file order."""

    units: dict[str, Unit] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    loaded: bool = True  # False when a registry file could not be read at all

    def tag_id(self, value: str) -> str | None:
        """Contributors may write a tag's id or its label."""
        if value in self.tags:
            return value
        return next((t.id for t in self.tags.values() if t.label == value), None)

    def is_liangxue(self, value: str) -> bool:
        """Whether a tag (id or label) marks a 两学一做 topic."""
        tag = self.tag_id(value)
        return tag is not None and self.tags[tag].liangxue
