"""`serve`: local preview. MkDocs serves build/docs with live reload; this loop regenerates
build/docs and build/overrides whenever a file under content/, docs/ or overrides/ changes (the engine
sees neither content/ nor overrides/: it reads the theme from build/overrides, with hashed asset names)."""

from __future__ import annotations

import subprocess
import sys
import time

from . import checker, paths, site


def _snapshot() -> dict[str, tuple[int, int]]:
    state = {}
    for folder in (paths.CONTENT, paths.DOCS, paths.OVERRIDES):
        for path in folder.rglob("*"):
            if path.is_file():
                stat = path.stat()
                state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def _regenerate() -> bool:
    result = checker.run()
    result.reporter.print()
    if result.reporter.errors:
        print("有错误，预览保持上一次成功的版本。", file=sys.stderr)
        return False
    site.generate(result)
    print(site.account(result), flush=True)
    return True


def serve(addr: str) -> int:
    if not _regenerate() and not paths.GENERATED_DOCS.is_dir():
        return 1
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr, "--livereload"]
    engine = subprocess.Popen(command, cwd=paths.ROOT, env=site.mkdocs_env())
    print(f"预览地址：http://{addr}/ （按 Ctrl+C 停止）", flush=True)
    seen = _snapshot()
    try:
        while engine.poll() is None:
            time.sleep(1)
            now = _snapshot()
            if now != seen:
                seen = now
                print("检测到内容变化，重新生成……", flush=True)
                _regenerate()
    finally:
        engine.terminate()
        engine.wait(timeout=10)
    return engine.returncode or 0
