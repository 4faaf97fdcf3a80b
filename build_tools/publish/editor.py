"""The web editor's files in the docs tree, under admin/: its page, the generated config.yml, Decap CMS's bundle
(from node_modules, pinned by package-lock.json) and our additions, each script and stylesheet under a
content-hashed name (deploy/nginx.conf keeps those a year; the page and config.yml are revalidated)."""

from __future__ import annotations

from pathlib import Path
from string import Template

from ..check.outcome import Result
from ..editor.config import config_text
from ..editor.fields import Choices
from ..project import CHECKOUT, Project, ProjectError
from . import assets

FOLDER = "admin"
STATIC = Path(__file__).resolve().parent.parent / "editor" / "static"
# The only file of the npm packages the site needs: the editor itself (locales included; the lazily loaded
# code-editor chunks and the WebAssembly image encoder are for widgets and options this config does not use).
BUNDLE = CHECKOUT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"
LICENSE = "decap-cms.js.LICENSE.txt"  # named in the bundle's first line
SITE_STYLESHEET = "assets/stylesheets/site.css"


def choices(result: Result) -> Choices:
    registry = result.registry
    materials = sorted(
        ((e.source.path.stem, e.model.title) for e in result.published if e.source.kind == "material"),
        key=lambda pair: pair[0],
    )
    return Choices(
        # every unit, in registry order: an item of a unit since merged still opens with its unit selected
        units=tuple((unit.id, unit.short_name) for unit in registry.units.values()),
        tags=tuple(tag.label for tag in registry.tags.values()),
        materials=tuple(materials),
    )


def bundle() -> bytes:
    if not BUNDLE.is_file():
        raise ProjectError(
            "找不到网上投稿编辑器（node_modules/decap-cms/dist/decap-cms.js）：请先在项目文件夹运行 make site，"
            "它会安装 package-lock.json 锁定的 npm 包"
        )
    return BUNDLE.read_bytes()


def material_stylesheet() -> str:
    """Material's main stylesheet as the built pages name it (its file name carries Material's own hash)."""
    found = sorted((assets.MATERIAL_TEMPLATES / "assets" / "stylesheets").glob("main.*.min.css"))
    return found[0].relative_to(assets.MATERIAL_TEMPLATES).as_posix()


def editor_files(project: Project, result: Result) -> dict[str, bytes]:
    """{docs-tree path: bytes} of /admin/."""
    hashed: dict[str, str] = {}
    files: dict[str, bytes] = {}

    def publish(name: str, data: bytes) -> str:
        hashed[name] = assets.hashed_name(name, data)
        files[f"{FOLDER}/{hashed[name]}"] = data
        return hashed[name]

    publish("decap-cms.js", bundle())
    for name in ("init.js", "admin.js", "admin.css", "preview.css"):
        publish(name, (STATIC / name).read_bytes())
    files[f"{FOLDER}/{LICENSE}"] = (BUNDLE.parent / LICENSE).read_bytes()
    site_css = assets.hashed_names(project.overrides).get(SITE_STYLESHEET)
    styles = [f"../{material_stylesheet()}", *([f"../{site_css}"] if site_css else []), hashed["preview.css"]]
    page = Template((STATIC / "index.html").read_text(encoding="utf-8")).substitute(
        site_name=project.site_name,
        admin_css=hashed["admin.css"],
        init_js=hashed["init.js"],
        decap_js=hashed["decap-cms.js"],
        admin_js=hashed["admin.js"],
        preview_styles=" ".join(styles),
    )
    files[f"{FOLDER}/index.html"] = page.encode("utf-8")
    files[f"{FOLDER}/config.yml"] = config_text(project.config, choices(result)).encode("utf-8")
    return files
