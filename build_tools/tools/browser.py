"""Debian chromium and a local web server: shared by `screens`, `preview --serve`, the tests and the benchmark.

Browsers cannot be downloaded here (never `playwright install`): playwright drives the system's
chromium, with the flags that keep it from calling Google's hosts on its own.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = "127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _server(directory: Path, port: int, handler_class: type) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(handler_class, directory=str(directory))
    return http.server.ThreadingHTTPServer((LOCAL, port), handler)


def serve_forever(directory: Path, port: int) -> None:
    """The folder on 127.0.0.1:port until Ctrl+C."""
    with _server(directory, port, http.server.SimpleHTTPRequestHandler) as server:
        server.serve_forever()


@contextmanager
def serve(directory: Path, handler_class: type = QuietHandler) -> Iterator[str]:
    """The folder on 127.0.0.1 at a free port, for as long as the block runs; yields the base URL."""
    server = _server(directory, 0, handler_class)
    thread = threading.Thread(target=server.serve_forever, name="local-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
