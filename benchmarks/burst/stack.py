"""The processes under test: app servers (`bitewise serve`), RQ workers (`bitewise worker`)
and HAProxy in front, each in its own process group so that stopping one stops it all."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HAPROXY_CONFIG = """global
    maxconn 4096
defaults
    mode http
    option http-keep-alive
    option forwardfor
    timeout connect 5s
    timeout client 120s
    timeout server 120s
frontend web
    bind 127.0.0.1:{port}
    default_backend app
backend app
    balance roundrobin
{servers}
"""


ERROR_MARKS = (
    '"level": "ERROR"',
    '"level": "CRITICAL"',
    "Traceback",
    "[ERROR]",
    "[CRITICAL]",
    "[ALERT]",
    "FailedJobRegistry",
)


@dataclass
class Stack:
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)
    configs: list[Path] = field(default_factory=list)

    def spawn(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = Path(tempfile.mkstemp(prefix=f"bitewise-burst-{name}-", suffix=".log")[1])
        with log.open("wb") as out:
            process = subprocess.Popen(
                argv,
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,  # access logs
                stderr=out,
                start_new_session=True,
            )
        self.processes.append(process)
        self.logs.append(log)
        return process

    def errors_logged(self) -> list[str]:
        """Errors the processes logged (Django's JSON log at ERROR or above, gunicorn's and
        HAProxy's error lines, tracebacks), for the zero-errors bar."""
        found = []
        for log in self.logs:
            for line in log.read_text(errors="replace").splitlines():
                if any(mark in line for mark in ERROR_MARKS):
                    found.append(f"{log.name}: {line[:300]}")
        return found

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for path in [*self.logs, *self.configs]:
            path.unlink(missing_ok=True)


def _bitewise() -> str:
    return str(Path(sys.executable).parent / "bitewise")


def wait_for(port: int, path: str, stack: Stack, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in stack.processes):
            tails = "\n".join(log.read_text(errors="replace")[-2000:] for log in stack.logs)
            raise SystemExit(f"a process exited:\n{tails}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"nothing answered on port {port} in {seconds:.0f} s")


def start(*, env: dict[str, str], frontends: dict[int, list[int]], workers: int) -> Stack:
    """One app server per port named in ``frontends`` (front port -> app ports), an HAProxy
    per front port spreading over its app servers, and ``workers`` RQ workers. An idle
    stack costs nothing but memory, so every setting runs side by side and rounds can
    alternate between them."""
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        raise SystemExit("haproxy is not installed (Debian: apt-get install haproxy)")
    stack = Stack()
    try:
        app_ports = [port for ports in frontends.values() for port in ports]
        for port in app_ports:
            stack.spawn(
                f"app{port}",
                [_bitewise(), "serve", "--bind", f"127.0.0.1:{port}", "--no-migrate"],
                env,
            )
        for n in range(workers):
            stack.spawn(f"worker{n}", [_bitewise(), "worker", "--queue", "default"], env)
        for front, ports in frontends.items():
            servers = "\n".join(f"    server app{port} 127.0.0.1:{port}" for port in ports)
            config = Path(tempfile.mkstemp(prefix="bitewise-burst-", suffix=".cfg")[1])
            config.write_text(HAPROXY_CONFIG.format(port=front, servers=servers))
            stack.configs.append(config)
            stack.spawn(f"haproxy{front}", [haproxy, "-db", "-f", str(config)], env)
        for port in [*app_ports, *frontends]:
            wait_for(port, "/bench/trivial", stack)
    except BaseException:
        stack.stop()
        raise
    return stack
