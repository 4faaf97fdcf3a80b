"""Typed reads of the raw front matter, so that rules still run when other fields are invalid: a contributor gets
every problem in one run, not one layer at a time."""

from __future__ import annotations

import datetime as dt

from pydantic_core import PydanticCustomError

from ...models.common import parse_date


class Fields:
    def __init__(self, meta: dict):
        self.meta = meta

    def text(self, *key_path) -> str | None:
        value = self.meta
        for key in key_path:
            value = value.get(key) if isinstance(value, dict) else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    def texts(self, key: str) -> list[tuple[int, str]]:
        value = self.meta.get(key)
        value = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]

    def date(self) -> dt.date | None:
        try:
            return parse_date(self.meta.get("date"))
        except PydanticCustomError:
            return None

    def images(self) -> list[tuple[int, str]]:
        value = self.meta.get("images")
        items = value if isinstance(value, list) else []
        return [(i, v["src"]) for i, v in enumerate(items) if isinstance(v, dict) and isinstance(v.get("src"), str)]
