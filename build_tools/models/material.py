"""Study material (学习资料), contract version 1: content/materials/<slug>.md."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import DRAFT_MEANING, Date, HttpsUrl, ListOf, Model, Text, max_chars, slug_field
from .vocab import MATERIAL_KINDS, MATERIAL_SUMMARY_MAX


class MaterialSource(Model):
    name: Text = Field(title="出处名称", json_schema_extra={"example": "共产党员网"})
    url: HttpsUrl = Field(title="出处网址", json_schema_extra={"example": "https://www.12371.cn/…"})


class Task(Model):
    no: int = Field(ge=1, title="序号", json_schema_extra={"example": 1})
    text: Text = Field(title="任务", json_schema_extra={"example": "每月固定一天为主题党日"})
    links: ListOf(Text) = Field(
        default_factory=list, title="落实情况链接", json_schema_extra={"example": "[/plans/, tag:主题党日]"}
    )


class Material(Model):
    slug: Text | None = slug_field()
    title: Text = Field(title="标题", json_schema_extra={"example": "《中国共产党章程》学习辅导"})
    kind: Literal[tuple(MATERIAL_KINDS)] = Field(title="资料类型", json_schema_extra={"example": "学习辅导"})
    issuer: Text = Field(title="发文单位", json_schema_extra={"example": "中共上海市徐汇区教育工作委员会"})
    date: Date = Field(title="发布日期", json_schema_extra={"example": "2017-08-28"})
    doc_number: Text | None = Field(default=None, title="文号", json_schema_extra={"example": "徐教委（2017）4号"})
    source: MaterialSource | None = Field(default=None, title="出处")
    summary: Annotated[Text, max_chars(MATERIAL_SUMMARY_MAX)] = Field(
        title="摘要", json_schema_extra={"example": "200 字以内"}
    )
    tags: ListOf(Text, min_length=1) = Field(title="标签", json_schema_extra={"example": "[党章党规]"})
    fulltext: bool = Field(default=False, title="是否全文")
    tasks: list[Task] = Field(default_factory=list, title="重要任务")
    draft: bool = Field(default=False, title="草稿", description=DRAFT_MEANING)

    @staticmethod
    def required_when(meta: dict) -> dict[str, str]:
        if meta.get("fulltext") is True:
            return {"source": "全文发布必须注明官方出处"}
        return {}
