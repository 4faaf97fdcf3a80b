"""Command line: check, build, generate, new, preview, serve, cms, screens, codeowners, sitediff.

The only place that reads the environment (SOURCE_DATE_EPOCH) and turns outcomes into exit codes: 1 for a
problem with the content or the options, said in Chinese, and never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .project import Project, ProjectError


def _check(project: Project, args: argparse.Namespace) -> int:
    from .check import checker

    only = [Path(p) for p in args.paths] or None
    if only:
        missing = [p for p in only if not p.exists()]
        if missing:
            raise ProjectError("\n".join(f"{path}: 错误[file-missing] 文件不存在" for path in missing))
        only = [f for p in only for f in ([p] if p.is_file() else sorted(p.rglob("*.md")))]
    result = checker.run(project, only)
    result.reporter.print(args.format)
    print(result.account())
    return 1 if result.reporter.errors else 0


def _build(project: Project, args: argparse.Namespace) -> int:
    from .publish.build import build

    build(project, args.format)
    return 0


def _generate(project: Project, args: argparse.Namespace) -> int:
    from .check import checker
    from .publish.build import generate

    result = checker.run(project)
    result.reporter.print(args.format)
    if result.reporter.errors:
        raise ProjectError("没有生成：请先改正上面的错误。")
    generate(project, result)
    print(result.account())
    return 0


def _new(project: Project, args: argparse.Namespace) -> int:
    from .tools.new import new

    new(project, args.kind, args.unit, args.slug, args.type, args.format, args.period)
    return 0


def _codeowners(project: Project, args: argparse.Namespace) -> int:
    from .tools import codeowners

    codeowners.main(project, args.check, args.reviewers)
    return 0


def _sitediff(project: Project, args: argparse.Namespace) -> int:
    from .tools import sitediff

    sitediff.main(Path(args.old), Path(args.new), args.base_url)
    return 0


def _screens(project: Project, args: argparse.Namespace) -> int:
    from .tools.slides import make_slides  # playwright is only needed here

    make_slides(project)
    return 0


def _preview(project: Project, args: argparse.Namespace) -> int:
    from .tools.preview import preview

    preview(project, Path(args.path), serve=args.serve)
    return 0


def _serve(project: Project, args: argparse.Namespace) -> int:
    from .tools.serve import serve

    return serve(project, args.addr)


def _cms(project: Project, args: argparse.Namespace) -> int:
    from .tools import cms

    return cms.run(project)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m build_tools", description="两学一做学习园地：检查内容并生成网站")
    main.add_argument("--root", type=Path, help="项目文件夹（默认：build_tools 所在的项目）")
    sub = main.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="只检查内容，有错误时退出码为 1")
    check.add_argument("paths", nargs="*", help="只报告这些文件或文件夹的问题（默认全部）")
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.set_defaults(func=_check)
    build = sub.add_parser("build", help="检查、生成并用 mkdocs 构建 site/")
    build.add_argument("--format", choices=("text", "github"), default="text")
    build.set_defaults(func=_build)
    generate = sub.add_parser(
        "generate", help="检查并生成 build/docs 和 build/overrides，不运行 mkdocs（供其他引擎使用）"
    )
    generate.add_argument("--format", choices=("text", "github"), default="text")
    generate.set_defaults(func=_generate)
    new = sub.add_parser("new", help="生成一篇带中文注释的新稿件模板")
    new.add_argument("kind", choices=("case", "lesson", "plan"), help="case 典型案例，lesson 微党课，plan 学习计划")
    new.add_argument("--unit", required=True, help="单位编号，见 content/units.yml；区级学习计划写 district")
    new.add_argument("--slug", help="文件名，如 hyzx-ztdr（案例和微党课必填）")
    new.add_argument("--type", choices=("工作案例", "先进典型", "警示案例"), help="案例类型，默认工作案例")
    new.add_argument("--format", choices=("视频", "音频", "图文"), help="微党课形式，默认视频")
    new.add_argument("--period", help="学习计划的时段：自然年如 2017，学年如 2017-2018")
    new.set_defaults(func=_new)
    owners = sub.add_parser("codeowners", help="根据 units.yml 的 maintainers 生成 .github/CODEOWNERS")
    owners.add_argument("--check", action="store_true", help="只检查文件是否最新，不是最新时退出码为 1")
    owners.add_argument("--reviewers", nargs="*", metavar="PATH", help="列出这些文件所属单位的审核人账号")
    owners.set_defaults(func=_codeowners)
    diff = sub.add_parser("sitediff", help="比较两次生成的网站，列出新增、修改、删除的页面（Markdown）")
    diff.add_argument("old", help="修改前的网站文件夹，如 base-site/")
    diff.add_argument("new", help="修改后的网站文件夹，如 site/")
    diff.add_argument("--base-url", default="", help="页面链接的前缀，如预览网站的地址")
    diff.set_defaults(func=_sitediff)
    slides = sub.add_parser("screens", help="把电子屏的每一页截成 PNG（需要先 build）")
    slides.set_defaults(func=_screens)
    preview = sub.add_parser("preview", help="只构建一篇稿件的预览（草稿和定时稿件也能看）")
    preview.add_argument("path", help="稿件文件，如 content/cases/2017/xxx.md")
    preview.add_argument("--serve", action="store_true", help="构建后在 http://127.0.0.1:8001/ 打开预览")
    preview.set_defaults(func=_preview)
    serve = sub.add_parser("serve", help="本地预览，content/ 改动后自动重新生成")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    serve.set_defaults(func=_serve)
    editor = sub.add_parser("cms", help="在本机打开网上投稿编辑器（/admin/），保存到本仓库的 cms/… 分支")
    editor.set_defaults(func=_cms)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(Project.from_environment(args.root), args)
    except ProjectError as problem:
        print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug of ours: still no traceback for a contributor, but enough to report it
        print(f"内部错误：{type(exc).__name__}: {exc}。请把这段信息和出错的文件发给网站管理员。", file=sys.stderr)
        if os.environ.get("BUILD_TOOLS_DEBUG"):
            raise
        return 1


if __name__ == "__main__":
    sys.exit(main())
