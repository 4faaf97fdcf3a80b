"""Field types shared by every content kind, with Chinese error messages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .vocab import CAPTION_MAX

CHINA = dt.timezone(dt.timedelta(hours=8))  # the contract's dates are Shanghai days; China has no daylight saving
_SPACE = re.compile(r"\s")  # for str patterns \s is exactly str.isspace()


def zh_len(text: str) -> int:
    """Length in 字 as editors count it: every character except whitespace."""
    return len(text) - len(_SPACE.findall(text))


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    text = str(value).strip() if isinstance(value, (str, int)) else None
    if text is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise PydanticCustomError("date_format", "日期「{value}」格式不对", {"value": value})
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("date_invalid", "日期「{value}」在日历上不存在", {"value": text}) from None


Date = Annotated[dt.date, BeforeValidator(parse_date)]


def zh_date(day: dt.date) -> str:
    """A date as Chinese readers write it: 2017年9月1日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise PydanticCustomError("empty", "不能为空")
    return value


Text = Annotated[str, BeforeValidator(_text)]


def max_chars(limit: int):
    def check(value: str) -> str:
        if zh_len(value) > limit:
            raise PydanticCustomError(
                "text_too_long", "共 {length} 字，超过上限 {limit} 字", {"length": zh_len(value), "limit": limit}
            )
        return value

    check.limit = limit  # read by the web editor's form generator (build_tools/editor/)
    return AfterValidator(check)


def _as_list(value: Any) -> Any:
    # Contributors often write a single value without the list brackets.
    return [value] if isinstance(value, str) else value


def ListOf(item: Any, *, min_length: int = 0, max_length: int | None = None):  # noqa: N802 - reads as a type
    return Annotated[list[item], BeforeValidator(_as_list), Field(min_length=min_length, max_length=max_length)]


class Image(Model):
    src: Text = Field(title="图片路径", json_schema_extra={"example": "images/photo-1.jpg"})
    caption: Annotated[Text, max_chars(CAPTION_MAX)] = Field(
        title="图片说明", json_schema_extra={"example": "党员教师在社区开展志愿服务"}
    )


def _https(value: str) -> str:
    if not value.startswith("https://"):
        raise PydanticCustomError("url_scheme", "网址「{value}」必须以 https:// 开头", {"value": value})
    return value


_https.pattern = ("^https://", "网址必须以 https:// 开头")  # the same rule, for the web editor's form
HttpsUrl = Annotated[Text, AfterValidator(_https)]


DRAFT_MEANING = "打开后，稿件即使审核合并也不在网站上显示（与网上投稿的“草稿”状态无关）"


def slug_field():
    """The optional `slug:` of a submission: the web editor writes it; it must equal the file name."""
    return Field(
        default=None,
        title="英文短名",
        json_schema_extra={"example": "flexx-ztdr-wubufa"},
        description="文件名（不含 .md）：只能用小写英文字母、数字和短横线 -，建议用“单位编号-内容拼音缩写”",
    )
