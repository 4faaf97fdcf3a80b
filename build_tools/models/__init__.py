"""One pydantic model per content kind: the single schema used by `check`, the build and the guide."""

from .case import Case
from .lesson import Lesson
from .material import Material
from .plan import Plan
from .registry import Tag, Unit

__all__ = ["Case", "Lesson", "Material", "Plan", "Tag", "Unit"]
