"""Debian's nginx serving a built site with the project's deploy/nginx.conf, unprivileged, on a free port of 127.0.0.1:
for the tests of the configuration and for the Lighthouse bench, so that pages are measured with the real headers
(Content-Security-Policy, caching, gzip_static). Only `listen`, `server_name` and `root` of the file are rewritten;
every path of the server is under a temporary prefix, so nothing under /var or /run is touched."""

from __future__ import annotations

import contextlib
import getpass
import grp
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from .browser import LOCAL as HOST

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")

# What is wrapped around deploy/nginx.conf: Debian's /etc/nginx/nginx.conf in miniature, with every
# path under the temporary prefix so that nginx runs without touching /var or /run.
MAIN_CONF = """\
{user}worker_processes 1;
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    sendfile on;
    include {prefix}/site.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def site_conf(config: Path, site: Path, port: int) -> str:
    """The configuration with only `listen`, `server_name` and `root` rewritten for this machine."""
    text = config.read_text(encoding="utf-8")
    text, listens = re.subn(r"(?m)^(\s*)listen [^;]*;\n", "", text)
    text, names = re.subn(r"(?m)^(\s*)server_name [^;]*;$", rf"\1listen {HOST}:{port};\n\1server_name {HOST};", text)
    text, roots = re.subn(r"(?m)^(\s*)root [^;]*;$", lambda m: f"{m.group(1)}root {site};", text)
    if not (listens >= 1 and names == 1 and roots == 1):
        raise RuntimeError(f"{config}: expected one server_name and root, and some listen")
    return text


@contextlib.contextmanager
def nginx_serving(config: Path, site: Path, prefix: Path) -> Iterator[str]:
    """nginx serving `site` with `config` on a free 127.0.0.1 port, for as long as the block runs; yields the base
    URL. `prefix` is an empty folder for its configuration, logs and temporary files."""
    if not Path(NGINX).is_file():
        raise RuntimeError("nginx is missing: `make nginx` installs Debian's nginx")
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    shutil.copy(MIME_TYPES, prefix / "mime.types")
    port = free_port()
    (prefix / "site.conf").write_text(site_conf(config, site, port), encoding="utf-8")
    # As root, workers would run as `nobody`, who may not enter private temporary folders.
    user = f"user {getpass.getuser()} {grp.getgrgid(os.getgid()).gr_name};\n" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(MAIN_CONF.format(user=user, prefix=prefix), encoding="utf-8")
    command = [NGINX, "-e", "stderr", "-p", str(prefix), "-c", str(prefix / "nginx.conf")]
    command += ["-g", f"daemon off; pid {prefix}/nginx.pid; error_log stderr;"]
    test = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    if test.returncode != 0:
        raise RuntimeError(test.stderr)
    log = (prefix / "nginx.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.2):
                break
            if process.poll() is not None:
                raise RuntimeError((prefix / "nginx.log").read_text(errors="replace"))
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not listen within 10 s")
            time.sleep(0.05)
        yield f"http://{HOST}:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
