"""A small closed-loop HTTP/1.1 load generator: N clients, each on one keep-alive
connection, sending the next request as soon as the previous response is read.

It is single-threaded asyncio over raw sockets (no GIL contention between clients,
little parsing) because on a 2-core machine every cycle it spends is taken from the
server it measures; its own CPU time is reported so that cost stays visible.
"""

from __future__ import annotations

import asyncio
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    name: str
    paths: Sequence[str]
    cookie: str = ""
    expect: bytes = b""  # a marker that must appear in every 200 body


@dataclass
class PhaseResult:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]
    loadgen_cpu_s: float
    reconnects: int
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, pct: float) -> float:
        """Nearest-rank percentile of the recorded latencies, in milliseconds."""
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        rank = max(1, round(pct / 100 * len(ordered)))
        return ordered[min(rank, len(ordered)) - 1]


class _Budget:
    """Hands out at most ``count`` requests; the clock starts at the first one."""

    def __init__(
        self, count: int, seconds: float, on_start: Callable[[], None] | None = None
    ) -> None:
        self.left = count
        self.seconds = seconds
        self.started = 0.0
        self.cpu_started = 0.0
        self.on_start = on_start

    def take(self) -> bool:
        if not self.started:
            if self.on_start is not None:
                self.on_start()
            self.started = time.perf_counter()
            self.cpu_started = _cpu_seconds()
        now = time.perf_counter()
        if self.left <= 0 or now - self.started >= self.seconds:
            return False
        self.left -= 1
        return True


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _request_bytes(host: str, port: int, path: str, cookie: str) -> bytes:
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "User-Agent: bitewise-bench",
        "Accept: text/html",
        "Connection: keep-alive",
    ]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Status, body and whether the server will close the connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    lower = head.lower()
    closing = b"\r\nconnection: close" in lower
    marker = b"\r\ncontent-length:"
    at = lower.find(marker)
    if at >= 0:
        end = lower.index(b"\r\n", at + 2)
        length = int(lower[at + len(marker) : end])
        body = await reader.readexactly(length) if length else b""
        return status, body, closing
    if b"\r\ntransfer-encoding: chunked" in lower:
        parts = []
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            parts.append(chunk[:-2])
        return status, b"".join(parts), closing
    return status, await reader.read(), True


async def _client(
    host: str,
    port: int,
    requests: Sequence[bytes],
    offset: int,
    phases: Sequence[tuple[_Budget, bool]],
    barrier: asyncio.Barrier,
    target: Target,
    result: PhaseResult,
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = offset
    try:
        for budget, record in phases:
            await barrier.wait()
            while budget.take():
                payload = requests[i % len(requests)]
                i += 1
                started = time.perf_counter()
                try:
                    writer.write(payload)
                    status, body, closing = await _read_response(reader)
                except (ConnectionError, asyncio.IncompleteReadError):
                    result.reconnects += record
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                    writer.write(payload)
                    status, body, closing = await _read_response(reader)
                elapsed_ms = (time.perf_counter() - started) * 1000
                ok = status == 200 and (not target.expect or target.expect in body)
                if record:
                    result.statuses[status] = result.statuses.get(status, 0) + 1
                    if ok:
                        result.requests += 1
                        result.latencies_ms.append(elapsed_ms)
                    else:
                        result.errors += 1
                if closing:
                    result.reconnects += record
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
    finally:
        writer.close()


async def _phase(
    host: str,
    port: int,
    target: Target,
    *,
    concurrency: int,
    warmup_requests: int,
    warmup_seconds: float,
    requests: int,
    max_seconds: float,
    on_start: Callable[[], None] | None,
) -> PhaseResult:
    payloads = [_request_bytes(host, port, p, target.cookie) for p in target.paths]
    result = PhaseResult(target.name, 0, 0, 0.0, [], 0.0, 0)
    warm = _Budget(warmup_requests, warmup_seconds)
    measured = _Budget(requests, max_seconds, on_start)
    barrier = asyncio.Barrier(concurrency)
    # The same connections warm up, wait for each other, then are measured.
    await asyncio.gather(
        *(
            _client(
                host,
                port,
                payloads,
                n * 7,
                [(warm, False), (measured, True)],
                barrier,
                target,
                result,
            )
            for n in range(concurrency)
        )
    )
    result.seconds = time.perf_counter() - measured.started
    result.loadgen_cpu_s = _cpu_seconds() - measured.cpu_started
    return result


def run_phase(
    host: str,
    port: int,
    target: Target,
    *,
    concurrency: int,
    warmup_requests: int,
    warmup_seconds: float,
    requests: int,
    max_seconds: float,
    on_start: Callable[[], None] | None = None,
) -> PhaseResult:
    """Warm up (unrecorded), then send ``requests`` requests or stop after
    ``max_seconds``, whichever comes first, over ``concurrency`` connections.
    ``on_start`` runs once, just before the first measured request."""
    return asyncio.run(
        _phase(
            host,
            port,
            target,
            concurrency=concurrency,
            warmup_requests=warmup_requests,
            warmup_seconds=warmup_seconds,
            requests=requests,
            max_seconds=max_seconds,
            on_start=on_start,
        )
    )
