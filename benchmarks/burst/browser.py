"""One attendee's browser: a keep-alive HTTP/1.1 connection over asyncio, its cookies,
the CSRF header Django expects, and redirects followed as a browser follows them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

Record = Callable[[str, float, bool], None]  # step, milliseconds, ok


@dataclass(frozen=True)
class Response:
    status: int
    location: str
    body: bytes


class BrowserError(Exception):
    """A response that a browser would show as a failure (or none at all)."""


async def _read(reader: asyncio.StreamReader) -> tuple[int, list[bytes], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0][9:12])
    headers = [line for line in lines[1:] if line]
    length = None
    chunked = False
    for line in headers:
        name, _, value = line.partition(b":")
        lower = name.strip().lower()
        if lower == b"content-length":
            length = int(value)
        elif lower == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if length is not None:
        return status, headers, await reader.readexactly(length) if length else b""
    if chunked:
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            parts.append(chunk[:-2])
        return status, headers, b"".join(parts)
    return status, headers, b""  # a 302 or 304 without a body


class Browser:
    def __init__(self, host: str, port: int, record: Record) -> None:
        self.host, self.port, self.record = host, port, record
        self.cookies: dict[str, str] = {}
        self._conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def close(self) -> None:
        if self._conn is not None:
            self._conn[1].close()
            self._conn = None

    def _payload(self, method: str, path: str, form: dict[str, object] | None) -> bytes:
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "User-Agent: bitewise-burst",
            "Accept: text/html",
        ]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        body = b""
        if method == "POST":
            body = urlencode(form or {}, doseq=True).encode()
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
                f"X-CSRFToken: {self.cookies.get('csrftoken', '')}",
            ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    def _keep(self, headers: list[bytes]) -> str:
        location = ""
        for line in headers:
            name, _, value = line.partition(b":")
            lower = name.strip().lower()
            if lower == b"set-cookie":
                pair = value.decode().strip().split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val and "max-age=0" not in value.decode().lower():
                    self.cookies[key] = val
                else:
                    self.cookies.pop(key, None)
            elif lower == b"location":
                location = value.decode().strip()
        return location

    async def _send(self, payload: bytes) -> tuple[int, list[bytes], bytes]:
        for fresh in (False, True):
            if self._conn is None or fresh:
                await self.close()
                self._conn = await asyncio.open_connection(self.host, self.port)
            reader, writer = self._conn
            try:
                writer.write(payload)
                return await _read(reader)
            except (ConnectionError, asyncio.IncompleteReadError):
                if fresh:
                    raise
        raise AssertionError("unreachable")

    async def request(
        self,
        step: str,
        method: str,
        path: str,
        *,
        form: dict[str, object] | None = None,
        expect: int = 200,
        marker: bytes = b"",
    ) -> Response:
        """Send, time, check the status (and a marker in a 200's body); a failure is
        recorded and raised."""
        started = time.perf_counter()
        try:
            status, headers, body = await self._send(self._payload(method, path, form))
        except (OSError, asyncio.IncompleteReadError) as exc:
            self.record(step, (time.perf_counter() - started) * 1000, False)
            raise BrowserError(f"{step}: {method} {path}: {exc!r}") from exc
        elapsed = (time.perf_counter() - started) * 1000
        location = urlsplit(self._keep(headers))
        where = location.path + (f"?{location.query}" if location.query else "")
        ok = status == expect and (status != 200 or marker in body)
        self.record(step, elapsed, ok)
        if not ok:
            raise BrowserError(f"{step}: {method} {path} -> {status} {where}")
        return Response(status, where, body)

    async def post_and_follow(
        self, step: str, path: str, *, form: dict[str, object] | None = None, marker: bytes
    ) -> Response:
        """A form post answered by a redirect, then the page it leads to."""
        moved = await self.request(step, "POST", path, form=form, expect=302)
        return await self.request(f"{step}: next page", "GET", moved.location, marker=marker)
