"""Learning plan (学习计划) of the district or of one unit for one period, contract version 1."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from .common import Date, HttpsUrl, ListOf, Model, Text
from .lesson import Role
from .registry import Registry
from .vocab import COLLECTIVE_KINDS, PLAN_FORMS, PLAN_KINDS, PLAN_STATUSES, READING_MODES, SECRETARY_ROLES


def _month(value: Any) -> str:
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise PydanticCustomError("month_format", "月份「{value}」格式不对", {"value": value})
    return text


def _period(value: Any) -> str:
    text = str(value).strip() if isinstance(value, (str, int)) else ""
    match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", text)
    if not match or (match.group(2) and int(match.group(2)) != int(match.group(1)) + 1):
        raise PydanticCustomError("period_format", "时段「{value}」格式不对", {"value": value})
    return text


_month.pattern = (r"^\d{4}-(0[1-9]|1[0-2])$", "写成 年-月，如 2017-09")  # for the web editor's form
_period.pattern = (r"^\d{4}(-\d{4})?$", "写自然年如 2017，或学年如 2017-2018")
MonthStr = Annotated[str, BeforeValidator(_month)]
Period = Annotated[str, BeforeValidator(_period)]


def period_months(period: str) -> list[str]:
    """The months of a calendar year (2017) or a school year (2017-2018: September to August)."""
    if "-" in period:
        first = int(period[:4])
        return [f"{first}-{m:02d}" for m in range(9, 13)] + [f"{first + 1}-{m:02d}" for m in range(1, 9)]
    return [f"{period}-{m:02d}" for m in range(1, 13)]


class Reading(Model):
    """A reading is a study material of this site (`material`), or a title with an https URL."""

    material: Text | None = Field(default=None, title="学习资料", json_schema_extra={"example": "xjbzc-xuexi"})
    title: Text | None = Field(default=None, title="学习材料名称", json_schema_extra={"example": "《中国共产党章程》"})
    url: HttpsUrl | None = Field(default=None, title="网址", json_schema_extra={"example": "https://…"})
    mode: Literal[READING_MODES] = Field(default="集体学习", title="学习方式")

    @model_validator(mode="after")
    def _material_or_link(self) -> Reading:
        if self.material is None and (self.title is None or self.url is None):
            raise PydanticCustomError(
                "reading_target", "学习材料要么写 material（本站学习资料），要么同时写 title 和 url"
            )
        if self.material is not None and (self.title is not None or self.url is not None):
            raise PydanticCustomError(
                "reading_target", "写了 material 就不要再写 title 和 url：标题和链接自动取自学习资料"
            )
        return self


class Leader(Model):
    name: Text = Field(title="负责人姓名", json_schema_extra={"example": "陈某某"})
    role: Role = Field(title="负责人身份", json_schema_extra={"example": "党支部书记"})


class PlanItem(Model):
    id: Text | None = Field(default=None, title="活动编号")
    date: Date = Field(title="日期", json_schema_extra={"example": "2017-09-01"})
    kind: Literal[PLAN_KINDS] = Field(title="活动类型", json_schema_extra={"example": "主题党日"})
    title: Text = Field(title="活动内容", json_schema_extra={"example": "重温入党誓词"})
    forms: ListOf(Literal[PLAN_FORMS]) = Field(default_factory=list, title="活动形式")
    tags: ListOf(Text) = Field(default_factory=list, title="标签")
    readings: list[Reading] = Field(default_factory=list, title="学习材料")
    leader: Leader | None = Field(default=None, title="负责人")
    participants: Text | None = Field(default=None, title="参加人员")
    lessons: ListOf(Text) = Field(default_factory=list, title="关联微党课")
    cases: ListOf(Text) = Field(default_factory=list, title="关联案例")
    status: Literal[PLAN_STATUSES] = Field(default="计划", title="状态")
    note: Text | None = Field(default=None, title="备注")

    @property
    def is_secretary_lesson(self) -> bool:
        """A 党课 given by the secretary (the yearly lesson every branch secretary owes)."""
        return self.kind == "党课" and self.leader is not None and self.leader.role in SECRETARY_ROLES


class Month(Model):
    month: MonthStr = Field(title="月份", json_schema_extra={"example": "2017-09"})
    theme: Text = Field(title="月度主题", json_schema_extra={"example": "学习贯彻党代会精神"})
    skip: Text | None = Field(default=None, title="本月不安排活动的原因")
    items: list[PlanItem] = Field(default_factory=list, title="活动")


class Plan(Model):
    period: Period = Field(title="时段", json_schema_extra={"example": '"2017"'})
    unit: Text = Field(title="单位", json_schema_extra={"example": "district 或单位编号"})
    theme: Text | None = Field(default=None, title="年度主题")
    months: list[Month] = Field(min_length=1, title="月度计划")

    @staticmethod
    def required_when(meta: dict) -> dict[str, str]:
        return {}


def liangxue_counts(months: list[Month], registry: Registry) -> tuple[int, int]:
    """(collective items, of which carry a 两学一做 tag), cancelled items left out: the ≥ ½ rule's figures."""
    collective = tagged = 0
    for month in months:
        for item in month.items:
            if item.kind in COLLECTIVE_KINDS and item.status != "取消":
                collective += 1
                tagged += any(registry.is_liangxue(t) for t in item.tags)
    return collective, tagged
