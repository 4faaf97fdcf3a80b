"""fn(x) for many x on every core, for the per-item work of a build (bodies, pages, posters, QR codes, photos).

Python-Markdown, Jinja and the QR encoder's wrapper hold the GIL, so threads would not help. Worker processes
are forked: they inherit the items (pydantic models, templates, caches) and receive only an index, so nothing
but the results is pickled. Where fork is not available, or for a few items, everything runs here.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 200  # items: below, starting processes costs more than it saves
_TASK: tuple[Callable, Sequence] | None = None  # what the forked workers run, set just before the pool starts


def _run(index: int):
    fn, items = _TASK
    return fn(items[index])


def workers() -> int:
    return min(os.cpu_count() or 1, 8)


def map_items(fn: Callable[[T], R], items: Sequence[T], chunksize: int = 32) -> list[R]:
    """[fn(item) for item in items], in order, on every core when there are many."""
    global _TASK
    if len(items) < PARALLEL_FROM or workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    _TASK = (fn, items)
    try:
        with ProcessPoolExecutor(workers(), mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, range(len(items)), chunksize=chunksize))
    finally:
        _TASK = None
