"""Every file under content/, sorted into what it is, so that nothing is silently dropped.

Symlinks are errors (a link to /etc/passwd must never be published); hidden and editor backup
files are ignored with a notice; oversized files are errors. Every other file is a submission
(case, lesson, material), a plan, a registry, a template or an attachment (images, PDFs, media).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import NOTICE, Diagnostic
from ..models.kinds import SUBMISSIONS
from ..project import display

KINDS = {kind.folder: kind.name for kind in SUBMISSIONS.values()}  # folder under content/ → kind
DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".doc", ".docx", ".wps", ".rtf", ".odt")
REGISTRIES = ("units.yml", "tags.yml", "allowlist.yml")
BACKUP_SUFFIXES = ("~", ".swp", ".swo", ".bak", ".tmp", ".orig")
IGNORED_NAMES = ("Thumbs.db", "desktop.ini")
TEXT_LIMIT = 1024 * 1024  # a Markdown or YAML file larger than 1 MB is not a study text
ATTACHMENT_LIMIT = 50 * 1024 * 1024  # PDFs and local media; photos have their own limit (ORIGINAL_PHOTO_MAX_BYTES)


@dataclass
class Inventory:
    submissions: list[tuple[Path, str]] = field(default_factory=list)  # (path, kind)
    plans: list[Path] = field(default_factory=list)
    registries: list[Path] = field(default_factory=list)
    templates: list[Path] = field(default_factory=list)
    attachments: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    rejected: list[Path] = field(default_factory=list)  # symlinks, oversized files
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(
            len(x)
            for x in (
                self.submissions,
                self.plans,
                self.registries,
                self.templates,
                self.attachments,
                self.ignored,
                self.rejected,
            )
        )


def _ignored(name: str) -> bool:
    return name.startswith((".", "#", "~$")) or name.endswith(BACKUP_SUFFIXES) or name in IGNORED_NAMES


def take(content: Path, root: Path) -> Inventory:
    inv = Inventory()
    if not content.is_dir():
        return inv
    for folder, dirs, files in os.walk(content, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                path = here / name
                inv.rejected.append(path)
                inv.problems.append(_symlink(path, root))
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())  # hidden folders' files are ignored below
        for name in sorted(files):
            _sort(here / name, content, root, inv)
    return inv


def _symlink(path: Path, root: Path) -> Diagnostic:
    return Diagnostic(display(path, root), 0, "symlink", "content/ 里不能有符号链接（快捷方式）",
                      "请删除这个链接，把真正的文件放进来")  # fmt: skip


def _sort(path: Path, content: Path, root: Path, inv: Inventory) -> None:
    rel = path.relative_to(content)
    shown = display(path, root)
    if path.is_symlink():
        inv.rejected.append(path)
        inv.problems.append(_symlink(path, root))
        return
    if any(_ignored(part) for part in rel.parts):
        inv.ignored.append(path)
        inv.problems.append(
            Diagnostic(shown, 0, "ignored-file", "隐藏文件或编辑器备份文件，已忽略", "不需要提交它", NOTICE)
        )
        return
    size = path.stat().st_size
    suffix = path.suffix.lower()
    text = suffix in DOCUMENT_SUFFIXES or suffix in (".yml", ".yaml")
    limit = TEXT_LIMIT if text else ATTACHMENT_LIMIT
    if size > limit and suffix not in (".jpg", ".jpeg", ".png", ".webp", ".gif"):
        inv.rejected.append(path)
        inv.problems.append(Diagnostic(shown, 0, "file-too-large", f"文件有 {size / 1024 / 1024:.1f} MB，超过上限 {limit // 1024 // 1024} MB",
                                       "文字稿件请精简；大的音视频请放到视频平台，用 https:// 网址引用"))  # fmt: skip
        return
    top = rel.parts[0]
    if len(rel.parts) == 1 and rel.name in REGISTRIES:
        inv.registries.append(path)
    elif top == "_templates":
        inv.templates.append(path)
    elif top == "plans":
        inv.plans.append(path)
    elif top in KINDS and suffix in DOCUMENT_SUFFIXES:
        inv.submissions.append((path, KINDS[top]))
    else:
        inv.attachments.append(path)
