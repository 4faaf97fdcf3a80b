"""Micro Party lesson (微党课), contract version 1."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from .common import DRAFT_MEANING, Date, ListOf, Model, Text, max_chars, slug_field
from .vocab import FORMATS, LESSON_SUMMARY_MAX, LESSON_TITLE_MAX, ROLES, TOPICS

Role = Literal[ROLES]
Format = Literal[tuple(FORMATS)]
Topic = Literal[tuple(TOPICS)]


def _duration(value: str) -> str:
    if not re.fullmatch(r"\d{1,3}:[0-5]\d", value):
        raise PydanticCustomError("duration_format", '时长「{value}」应写成“分:秒”，如 "08:30"', {"value": value})
    return value


_duration.pattern = (r"^\d{1,3}:[0-5]\d$", "写成“分:秒”，如 08:30")  # the same rule, for the web editor's form


def seconds(duration: str) -> int:
    minutes, secs = duration.split(":")
    return int(minutes) * 60 + int(secs)


class Speaker(Model):
    name: Text = Field(title="主讲人姓名", json_schema_extra={"example": "王某某"})
    role: Role = Field(title="主讲人身份", json_schema_extra={"example": "党支部书记"})


class Media(Model):
    url: Text = Field(title="音视频地址", json_schema_extra={"example": "https://… 或 media/lesson.mp4"})
    poster: Text | None = Field(default=None, title="封面图片")


class Series(Model):
    name: Text = Field(title="系列名称", json_schema_extra={"example": "支部书记讲党课"})
    episode: int = Field(ge=1, title="第几期", json_schema_extra={"example": 1})


class Lesson(Model):
    slug: Text | None = slug_field()
    title: Annotated[Text, max_chars(LESSON_TITLE_MAX)] = Field(
        title="标题", json_schema_extra={"example": "做新时代合格党员"}
    )
    speaker: Speaker = Field(title="主讲人", json_schema_extra={"example": "{name: 王某某, role: 党支部书记}"})
    unit: Text = Field(title="所属单位", json_schema_extra={"example": "单位 id，见 content/units.yml"})
    date: Date = Field(title="日期", json_schema_extra={"example": "2017-09-01"})
    format: Format = Field(title="形式", json_schema_extra={"example": "视频"})
    duration: Annotated[Text, AfterValidator(_duration)] | None = Field(
        default=None, title="时长", json_schema_extra={"example": '"08:30"'}
    )
    media: Media | None = Field(default=None, title="音视频", json_schema_extra={"example": "{url: https://…}"})
    slides: Text | None = Field(default=None, title="课件 PDF")
    summary: Annotated[Text, max_chars(LESSON_SUMMARY_MAX)] = Field(
        title="摘要", json_schema_extra={"example": "一段 200 字以内的简介"}
    )
    topic: Topic = Field(title="专题", json_schema_extra={"example": "政治理论教育"})
    tags: ListOf(Text, min_length=1) = Field(title="标签", json_schema_extra={"example": "[微党课, 做合格党员]"})
    series: Series | None = Field(
        default=None, title="系列", json_schema_extra={"example": "{name: 支部书记讲党课, episode: 1}"}
    )
    reviewed_by: Text = Field(title="审核", json_schema_extra={"example": "李某某"})
    draft: bool = Field(default=False, title="草稿", description=DRAFT_MEANING)
    secretary_lecture: bool = Field(default=False, title="书记年度党课")

    @staticmethod
    def required_when(meta: dict) -> dict[str, str]:
        """Fields required by the value of another field: key -> why (see Case.required_when)."""
        if meta.get("format") in ("视频", "音频"):
            return {"duration": "视频、音频微党课必须填写时长", "media": "视频、音频微党课必须填写音视频地址"}
        return {}
