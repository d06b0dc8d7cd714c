"""A throwaway HTTP server on 127.0.0.1 in a thread, answering fixed replies by path."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # before the status line
    sized: bool = True  # send Content-Length (else the body ends when the connection closes)


@dataclass
class Served:
    base: str
    hits: list[str] = field(default_factory=list)


@contextmanager
def serving(routes: dict[str, Reply]) -> Iterator[Served]:
    served = Served(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.hits.append(self.path)
            reply = routes.get(self.path, Reply(404, b"not found"))
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                headers = {"Content-Type": "audio/mpeg", **reply.headers}
                if reply.sized and "Content-Length" not in headers:
                    headers["Content-Length"] = str(len(reply.body))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as some tests make it

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
