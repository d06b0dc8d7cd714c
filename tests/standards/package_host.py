"""A local web server for the package tests: the LMS's host page with scorm-again, the
unzipped package, and (for cmi5) the launch's fetch URL that hands out the LRS token."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCORM_AGAIN = HERE / "node_modules" / "scorm-again" / "dist"


class Handler(SimpleHTTPRequestHandler):
    token = ""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0]
        if path.startswith("/scorm-again/"):
            return str(SCORM_AGAIN / path.removeprefix("/scorm-again/"))
        if path.startswith("/host/"):
            return str(HERE / "host" / path.removeprefix("/host/"))
        return super().translate_path(path)

    def do_POST(self) -> None:
        if self.path.split("?", 1)[0] != "/fetch":
            self.send_error(404)
            return
        body = json.dumps({"auth-token": self.token}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(root: Path, *, lrs_credentials: tuple[str, str] = ("", "")) -> Iterator[str]:
    """Serve ``root`` (holding the unzipped package under package/); yields the origin."""
    if not (SCORM_AGAIN / "scorm12.min.js").exists():
        raise RuntimeError("scorm-again is missing; run `make test-deps`")
    token = base64.b64encode(":".join(lrs_credentials).encode()).decode()
    handler = type("LaunchHandler", (Handler,), {"token": token})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
