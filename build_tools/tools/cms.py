"""`cms` (`make cms`): the web editor on this machine, writing to a local git checkout.

Two processes on 127.0.0.1: decap-server (Decap's local backend, `MODE=git`: every save is a commit on a branch
`cms/…`, as a merge request would be), and our server for site/, which also passes the editor's API calls
(`/api/v1`, the `local_backend` of the generated config.yml) to decap-server, so the page talks to its own origin
only. The editor's address is printed on a line of its own; Ctrl-C stops both.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from ..editor.config import LOCAL_API
from ..project import CHECKOUT, Project, ProjectError
from .browser import LOCAL, QuietHandler

DECAP_SERVER = CHECKOUT / "node_modules" / "decap-server" / "dist" / "index.js"
START_SECONDS = 30


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)


def check_repository(root: Path) -> str:
    """The branch decap-server will start from; refuses a folder that is not a clean git checkout under content/
    (decap-server checks branches out in this very working copy while it saves)."""
    head = git(root, "symbolic-ref", "--short", "HEAD")
    if head.returncode != 0:
        raise ProjectError(f"{root} 不是 git 仓库的工作副本（或不在任何分支上）：网上投稿需要在 git 仓库里保存稿件")
    dirty = git(root, "status", "--porcelain", "--", "content").stdout.strip()
    if dirty:
        raise ProjectError(
            "content/ 里有尚未提交的修改，编辑器保存时会切换分支，可能弄乱这些修改：请先提交（git commit）"
            f"或暂存（git stash）后再运行。\n{dirty}"
        )
    return head.stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOCAL, 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen) -> None:
    end = time.monotonic() + START_SECONDS
    while time.monotonic() < end:
        if process.poll() is not None:
            raise ProjectError(f"decap-server 没有启动（退出码 {process.returncode}），请看上面的输出")
        with contextlib.suppress(OSError), socket.create_connection((LOCAL, port), 0.5):
            return
        time.sleep(0.1)
    raise ProjectError(f"decap-server 在 {START_SECONDS} 秒内没有启动")


@contextlib.contextmanager
def decap_server(repo: Path, branch: str, log: Path | None = None) -> Iterator[int]:
    """decap-server in git mode on 127.0.0.1 (never all interfaces: it writes to the repository); yields its port."""
    if not DECAP_SERVER.is_file():
        raise ProjectError("找不到 decap-server：请先在项目文件夹运行 make site，它会安装锁定的 npm 包")
    port = free_port()
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port), "BIND_HOST": LOCAL}
    output = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    # cwd: a folder without a .env file (decap-server reads one from its working directory)
    process = subprocess.Popen(
        ["node", str(DECAP_SERVER)], env=env, cwd=DECAP_SERVER.parent, stdout=output, stderr=subprocess.STDOUT
    )
    try:
        wait_for_port(port, process)
        yield port
    finally:
        process.terminate()  # it has no handler of its own: ends at once
        process.wait(10)
        if output is not subprocess.DEVNULL:
            output.close()
        now = git(repo, "symbolic-ref", "--short", "HEAD").stdout.strip()
        if now and now != branch:
            git(repo, "checkout", "--quiet", branch)  # stopped in the middle of a save: back where it started


def handler_for(site: Path, api_port: int) -> type:
    class EditorHandler(QuietHandler):
        """site/ as files; POST /api/v1 passed to decap-server."""

        extensions_map: ClassVar[dict[str, str]] = {**QuietHandler.extensions_map, ".yml": "text/yaml"}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            if self.path != LOCAL_API:
                self.send_error(404)
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            request = urllib.request.Request(
                f"http://{LOCAL}:{api_port}{LOCAL_API}", data=body, headers={"Content-Type": "application/json"}
            )
            try:
                with urllib.request.urlopen(request, timeout=120) as answer:
                    status, data = answer.status, answer.read()
            except urllib.error.HTTPError as error:
                status, data = error.code, error.read()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return EditorHandler


@contextlib.contextmanager
def editor(site: Path, repo: Path, log: Path | None = None) -> Iterator[str]:
    """The editor for `repo` served from the built `site`; yields its address, http://127.0.0.1:PORT/admin/."""
    if not (site / "admin" / "index.html").is_file():
        raise ProjectError(f"{site}/admin/ 不存在：请先构建网站（make site）")
    branch = check_repository(repo)
    with decap_server(repo, branch, log) as api_port:
        server = http.server.ThreadingHTTPServer((LOCAL, 0), handler_for(site, api_port))
        thread = threading.Thread(target=server.serve_forever, name="editor-server", daemon=True)
        thread.start()
        try:
            yield f"http://{LOCAL}:{server.server_address[1]}/admin/"
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


def stale(project: Project) -> bool:
    """Whether site/ lacks the editor or is older than what it is made from (the lists of its forms included)."""
    page = project.site / "admin" / "index.html"
    if not page.is_file():
        return True
    sources = [
        project.mkdocs_yml,
        *(p for d in (project.content, project.docs, project.overrides) for p in d.rglob("*")),
    ]
    return max(p.stat().st_mtime for p in sources if p.is_file()) > page.stat().st_mtime


def run(project: Project) -> int:
    """Build when the site is missing or older than its sources, then serve until Ctrl-C."""
    check_repository(project.root)
    if stale(project):
        from ..publish.build import build

        build(project)
    with editor(project.site, project.root) as url:
        print("网上投稿编辑器（本机，保存到这个仓库的 cms/… 分支；按 Ctrl-C 停止）：", flush=True)
        print(url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    print("已停止。", flush=True)
    return 0
