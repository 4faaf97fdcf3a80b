"""`serve`: local preview. MkDocs serves build/docs with live reload; this process regenerates build/docs and
build/overrides whenever a file under content/, docs/ or overrides/ changes (the engine sees neither content/ nor
overrides/: it reads the theme from build/overrides, with hashed asset names). Changes are noticed by watchdog."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..check import checker
from ..project import Project
from ..publish.build import generate
from ..publish.engine import mkdocs_env, serve_command

SETTLE = 0.3  # seconds: an editor's save is several events; regenerate once they stop


class Changes(FileSystemEventHandler):
    def __init__(self) -> None:
        self.seen = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("opened", "closed_no_write"):  # reading a file changes nothing
            self.seen.set()

    def wait(self, timeout: float) -> bool:
        """True once something changed and then nothing more for SETTLE seconds."""
        if not self.seen.wait(timeout):
            return False
        while self.seen.is_set():
            self.seen.clear()
            time.sleep(SETTLE)
        return True


def regenerate(project: Project) -> bool:
    result = checker.run(project)
    result.reporter.print()
    if result.reporter.errors:
        print("有错误，预览保持上一次成功的版本。", file=sys.stderr)
        return False
    generate(project, result)
    print(result.account(), flush=True)
    return True


def serve(project: Project, addr: str) -> int:
    if not regenerate(project) and not project.generated_docs.is_dir():
        return 1
    changes, observer = Changes(), Observer()
    for folder in (project.content, project.docs, project.overrides):
        observer.schedule(changes, str(folder), recursive=True)
    observer.start()
    engine = subprocess.Popen(serve_command(addr), cwd=project.root, env=mkdocs_env())
    print(f"预览地址：http://{addr}/ （按 Ctrl+C 停止）", flush=True)
    try:
        while engine.poll() is None:
            if changes.wait(timeout=1):
                print("检测到内容变化，重新生成……", flush=True)
                regenerate(project)
    finally:
        observer.stop()
        engine.terminate()
        engine.wait(timeout=10)
        observer.join(timeout=5)
    return engine.returncode or 0
