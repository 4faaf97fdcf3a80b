"""The content contract: one pydantic model per content kind, the fixed vocabularies, the table of kinds.

The single schema that `check`, the build, the guide and the web editor's forms are all made from.
"""

from .case import Case
from .lesson import Lesson
from .material import Material
from .plan import Plan
from .registry import Registry, Tag, Unit

__all__ = ["Case", "Lesson", "Material", "Plan", "Registry", "Tag", "Unit"]
