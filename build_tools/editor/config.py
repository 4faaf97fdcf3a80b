"""The web editor's config.yml (Decap CMS 3.16), generated, never hand-written: the Git host from mkdocs.yml
(`extra.editor`), one collection per content kind of `models/kinds.py` — per variant where a field depends on
another (a 警示案例's source, a video lesson's duration) — with the fields of `fields.py`.

Same input, same output: the text depends only on mkdocs.yml, the models and the lists in `Choices`."""

from __future__ import annotations

from typing import Any

import yaml

from ..models.kinds import CASE, LESSON, MATERIAL, PLAN, Kind
from ..models.vocab import CASE_TYPES, DISTRICT, FORMATS
from ..project import ProjectError
from .fields import Choices, FieldMaker

LOCAL_API = "/api/v1"  # decap-server behind `make cms`'s own server (tools/cms.py): admin.js sets local_backend
# Decap's `gitea` backend has no editorial workflow (3.16: it refuses to start with one); `forgejo` has it, with PKCE.
BACKENDS = ("gitlab", "forgejo", "github")
DEFAULT_SETTINGS = {
    "backend": "gitlab",
    "base_url": "https://git.xhedu.example.cn",
    "api_root": "",
    "repo": "xhedu/liangxue",
    "branch": "main",
    "app_id": "",
}
COMMIT_MESSAGES = {
    "create": "网上投稿：新建{{collection}} {{slug}}",
    "update": "网上投稿：修改{{collection}} {{slug}}",
    "delete": "网上投稿：删除{{collection}} {{slug}}",
    "uploadMedia": "网上投稿：上传 {{path}}",
    "deleteMedia": "网上投稿：删除 {{path}}",
    "openAuthoring": "{{message}}",
}
BODY = {"name": "body", "label": "正文", "widget": "markdown", "modes": ["raw"], "hint": "Markdown 格式"}
# Variants: a collection per value of the field others depend on (Decap 3 has no conditional fields).
CASE_VARIANTS = {"work": "工作案例", "exemplary": "先进典型", "warning": "警示案例"}
LESSON_VARIANTS = {"video": "视频", "audio": "音频", "text": "图文"}


def settings(config: dict) -> dict[str, str]:
    """`extra.editor` of mkdocs.yml over the defaults, checked."""
    given = ((config.get("extra") or {}).get("editor")) or {}
    merged = {key: str(given.get(key) or default) for key, default in DEFAULT_SETTINGS.items()}
    unknown = sorted(set(given) - set(DEFAULT_SETTINGS))
    if unknown:
        raise ProjectError(f"mkdocs.yml：extra.editor 中的「{unknown[0]}」不认识，可用：{'、'.join(DEFAULT_SETTINGS)}")
    if merged["backend"] not in BACKENDS:
        raise ProjectError(
            f"mkdocs.yml：extra.editor.backend 只能是 {'、'.join(BACKENDS)}，现在是「{merged['backend']}」"
        )
    if not merged["base_url"].startswith("https://"):
        raise ProjectError(f"mkdocs.yml：extra.editor.base_url 必须以 https:// 开头，现在是「{merged['base_url']}」")
    return merged


def git_host(editor: dict[str, str]) -> str:
    """scheme://host of the Git host: the only outside address /admin/ may reach (deploy/nginx.conf)."""
    parts = editor["base_url"].split("/")
    return "/".join(parts[:3])


def api_root(editor: dict[str, str]) -> str:
    if editor["api_root"]:
        return editor["api_root"]
    suffix = {"gitlab": "/api/v4", "forgejo": "/api/v1", "github": ""}[editor["backend"]]
    return "https://api.github.com" if editor["backend"] == "github" else editor["base_url"].rstrip("/") + suffix


def backend(editor: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": editor["backend"], "repo": editor["repo"], "branch": editor["branch"]}
    if editor["backend"] == "gitlab":
        out |= {"auth_type": "pkce", "app_id": editor["app_id"], "base_url": editor["base_url"]}
    elif editor["backend"] == "forgejo":  # PKCE, its address taken from api_root
        out |= {"app_id": editor["app_id"]}
    else:  # GitHub needs an OAuth server of its own at base_url
        out |= {"base_url": editor["base_url"]}
    return out | {"api_root": api_root(editor), "squash_merges": True, "commit_messages": COMMIT_MESSAGES}


def _variant_fields(
    maker: FieldMaker, model: type, key: str, label: str, value: str, dependent: set[str]
) -> list[dict]:
    """The model's fields for one value of `key`: `key` fixed (hidden), the fields that depend on it required when
    the value needs them and left out when it does not."""
    needed = frozenset(model.required_when({key: value}))
    fields = []
    for field in maker.fields(model, needed=needed):
        if field["name"] == key:
            fields.append({"name": key, "label": label, "widget": "hidden", "default": value})
        elif field["name"] not in dependent or field["name"] in needed:
            fields.append(field)
    return fields


def _item_collection(kind: Kind, name: str, label: str, fields: list[dict]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": name,
        "label": label,
        "label_singular": label,
        "folder": f"content/{kind.folder}",
    }
    if kind.yearly:
        out["path"] = "{{year}}/{{slug}}"
    out |= {
        "slug": "{{fields.slug}}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "publish": False,
        "media_folder": "images",
        "public_folder": "images",
        "summary": "{{fields.date}} · {{title}}",
        "sortable_fields": ["date", "title"],
        "fields": [*fields, BODY],
    }
    return out


def case_collections(maker: FieldMaker) -> list[dict]:
    out = []
    for suffix, case_type in CASE_VARIANTS.items():
        fields = _variant_fields(maker, CASE.model, "case_type", "案例类型", case_type, {"source", "violated"})
        collection = _item_collection(CASE, f"cases-{suffix}", case_type, fields)
        collection["filter"] = {"field": "case_type", "value": case_type}
        out.append(collection)
    return out


def lesson_collections(maker: FieldMaker) -> list[dict]:
    out = []
    for suffix, lesson_format in LESSON_VARIANTS.items():
        fields = _variant_fields(maker, LESSON.model, "format", "形式", lesson_format, {"duration", "media"})
        collection = _item_collection(LESSON, f"lessons-{suffix}", f"{lesson_format}微党课", fields)
        collection["filter"] = {"field": "format", "value": lesson_format}
        out.append(collection)
    return out


def plan_collection(choices: Choices) -> dict[str, Any]:
    units = ((DISTRICT, "区教育工作党委（区级学习计划）"), *choices.units)
    maker = FieldMaker(Choices(units, choices.tags, choices.materials))
    return {
        "name": "plans",
        "label": PLAN.label,
        "label_singular": PLAN.label,
        "folder": f"content/{PLAN.folder}",
        "path": "{{period}}/{{unit}}",
        "slug": "{{unit}}",
        "identifier_field": "unit",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "publish": False,
        "summary": "{{period}} · {{unit}}",
        "fields": maker.fields(PLAN.model),
    }


def editor_config(mkdocs_config: dict, choices: Choices) -> dict[str, Any]:
    editor = settings(mkdocs_config)
    maker = FieldMaker(choices)
    material = _item_collection(MATERIAL, "materials", MATERIAL.label, maker.fields(MATERIAL.model))
    return {
        "backend": backend(editor),
        "locale": "zh_Hans",
        "publish_mode": "editorial_workflow",
        "show_preview_links": False,
        "media_folder": "content/images",  # Decap requires one; every collection has its own, beside its files
        "public_folder": "images",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [*case_collections(maker), *lesson_collections(maker), material, plan_collection(choices)],
    }


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # no &id001 anchors for fields shared by the variants
        return True


def config_text(mkdocs_config: dict, choices: Choices) -> str:
    data = editor_config(mkdocs_config, choices)
    head = "# 由 build_tools/editor/ 根据内容规范和 content/units.yml、tags.yml 生成，请勿手改。\n"
    return head + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


# The variants' names and labels, for the preview templates and the tests.
CASE_COLLECTIONS = {f"cases-{suffix}": label for suffix, label in CASE_VARIANTS.items()}
LESSON_COLLECTIONS = {f"lessons-{suffix}": f"{label}微党课" for suffix, label in LESSON_VARIANTS.items()}
assert set(CASE_VARIANTS.values()) == set(CASE_TYPES) and set(LESSON_VARIANTS.values()) == set(FORMATS)
