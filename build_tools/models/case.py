"""Typical case (典型案例), contract version 1."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import DRAFT_MEANING, Date, HttpsUrl, Image, ListOf, Model, Text, max_chars, slug_field
from .vocab import CASE_SUMMARY_MAX, CASE_TITLE_MAX, CASE_TYPES, CATEGORIES, IMAGES_MAX, SCREEN_CHARS, SCREEN_LINES

CaseType = Literal[tuple(CASE_TYPES)]
Category = Literal[tuple(CATEGORIES)]


class OfficialSource(Model):
    name: Text = Field(
        title="通报名称", json_schema_extra={"example": "教育部公开曝光违反教师职业行为十项准则典型案例"}
    )
    url: HttpsUrl = Field(title="通报网址", json_schema_extra={"example": "https://www.moe.gov.cn/..."})
    date: Date = Field(title="通报日期", json_schema_extra={"example": "2017-06-01"})


class ScreenText(Model):
    """What a campus screen shows instead of the summary: large type, so very few 字."""

    headline: Annotated[Text, max_chars(SCREEN_CHARS)] = Field(
        title="屏幕标题", json_schema_extra={"example": "党员教师进社区"}
    )
    lines: ListOf(Annotated[Text, max_chars(SCREEN_CHARS)], max_length=SCREEN_LINES) = Field(
        default_factory=list, title="屏幕文字", json_schema_extra={"example": "[每月第一个星期五, 社区周末课堂]"}
    )


class Case(Model):
    slug: Text | None = slug_field()
    title: Annotated[Text, max_chars(CASE_TITLE_MAX)] = Field(
        title="标题", json_schema_extra={"example": "以主题党日凝聚育人合力"}
    )
    case_type: CaseType = Field(title="案例类型", json_schema_extra={"example": "工作案例"})
    category: ListOf(Category, min_length=1, max_length=2) = Field(
        title="案例类别", json_schema_extra={"example": "[主题党日]"}
    )
    unit: Text = Field(title="所属单位", json_schema_extra={"example": "单位 id，见 content/units.yml"})
    date: Date = Field(title="日期", json_schema_extra={"example": "2017-09-01"})
    summary: Annotated[Text, max_chars(CASE_SUMMARY_MAX)] = Field(
        title="摘要", json_schema_extra={"example": "一段 150 字以内的摘要"}
    )
    tags: ListOf(Text, min_length=1) = Field(title="标签", json_schema_extra={"example": "[主题党日, 志愿服务]"})
    author: Text = Field(title="撰稿", json_schema_extra={"example": "王某某"})
    reviewed_by: Text = Field(title="审核", json_schema_extra={"example": "李某某"})
    images: ListOf(Image, max_length=IMAGES_MAX) = Field(default_factory=list, title="图片")
    draft: bool = Field(default=False, title="草稿", description=DRAFT_MEANING)
    source: OfficialSource | None = Field(default=None, title="公开通报来源")
    violated: ListOf(Text, min_length=1) | None = Field(default=None, title="违反的规定")
    screen: ScreenText | None = Field(default=None, title="电子屏文字")

    @staticmethod
    def required_when(meta: dict) -> dict[str, str]:
        """Fields required by the value of another field: key -> why. Checked on the raw front
        matter so the answer comes with every other problem, not after them."""
        if meta.get("case_type") == "警示案例":
            return {"source": "警示案例必须注明公开通报来源", "violated": "警示案例必须写明违反的规定"}
        return {}
