"""Ralph (https://github.com/openfun/ralph), a Python LRS, run by the tests on 127.0.0.1 with
its file-system backend. It lives in its own virtual environment (`make test-deps` makes
``var/ralph``): its pinned dependencies clash with ours."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
RALPH_PYTHON = Path(
    os.environ.get("BITEWISE_RALPH_PYTHON", ROOT / "var" / "ralph" / "bin" / "python")
)
USERNAME = "bitewise"
PASSWORD = "lrs-test-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Lrs:
    url: str  # the xAPI endpoint base, ending in /xAPI
    directory: Path

    def statements(self, **params: str) -> list[dict[str, Any]]:
        """Every statement the LRS stored (following its "more" links)."""
        found: list[dict[str, Any]] = []
        url: str | None = f"{self.url}/statements"
        query: dict[str, str] | None = {"limit": "100", **params}
        while url:
            response = requests.get(
                url,
                params=query,
                auth=(USERNAME, PASSWORD),
                headers={"X-Experience-API-Version": "1.0.3"},
                timeout=10,
            )
            response.raise_for_status()
            body = response.json()
            found += body["statements"]
            more = body.get("more")
            url, query = (self.url.rsplit("/xAPI", 1)[0] + more, None) if more else (None, None)
        return found

    def stored_lines(self) -> int:
        """Statements written to the backend's file, counted where they are kept."""
        path = self.directory / "fs_lrs.jsonl"
        return len(path.read_text().splitlines()) if path.exists() else 0


def _environment(directory: Path, cors_origins: list[str]) -> dict[str, str]:
    return {
        **os.environ,
        "RALPH_APP_DIR": str(directory / "app"),
        "RALPH_AUTH_FILE": str(directory / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(directory / "statements"),
        "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps(cors_origins),
    }


@contextmanager
def running_ralph(
    directory: Path, *, port: int | None = None, cors_origins: list[str] | None = None
) -> Iterator[Lrs]:
    """Start Ralph's LRS (uvicorn) and wait until it answers; stop it afterwards."""
    if not RALPH_PYTHON.exists():
        raise RuntimeError(f"Ralph is not installed at {RALPH_PYTHON}; run `make test-deps`")
    port = port or free_port()
    env = _environment(directory, cors_origins or [])
    if not (directory / "auth.json").exists():
        subprocess.run(
            [str(RALPH_PYTHON), "-m", "ralph", "auth", "-u", USERNAME, "-p", PASSWORD,
             "-s", "all", "-M", "mailto:lrs@example.org", "-w"],
            env=env, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    log = (directory / "ralph.log").open("ab")
    process = subprocess.Popen(
        [str(RALPH_PYTHON), str(Path(__file__).with_name("ralph_lrs.py")), str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    lrs = Lrs(url=f"http://127.0.0.1:{port}/xAPI", directory=directory / "statements")
    try:
        for _ in range(300):
            if process.poll() is not None:
                output = (directory / "ralph.log").read_text()[-2000:]
                raise RuntimeError(f"Ralph stopped: {output}")
            try:
                if requests.get(f"http://127.0.0.1:{port}/__lbheartbeat__", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            raise RuntimeError("Ralph did not start within 30 s")
        yield lrs
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
