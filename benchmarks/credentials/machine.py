"""The machine: its CPUs and their load, versions, the code measured, pinning."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.credentials.common import PY_PACKAGES, ROOT

if TYPE_CHECKING:
    pass


def cpu_times() -> dict[str, tuple[int, int]]:
    """(total, idle) jiffies of the whole machine ("cpu") and of each core ("cpu0", …)."""
    times = {}
    for line in Path("/proc/stat").read_text().splitlines():
        if not line.startswith("cpu"):
            break
        name, *fields = line.split()
        values = [int(v) for v in fields]
        times[name] = (sum(values), values[3] + values[4])
    return times


def cpu_times_iowait() -> tuple[int, int]:
    """(total, iowait) jiffies of the whole machine."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values), values[4]


def background_load(seconds: float = 2.0) -> tuple[float, dict[str, float]]:
    """Cores kept busy by other processes over ``seconds`` (this process sleeps), in all
    and per core (0..1)."""
    before = cpu_times()
    time.sleep(seconds)
    after = cpu_times()
    busy = {}
    for name, (total1, idle1) in after.items():
        total0, idle0 = before.get(name, (total1, idle1))
        busy[name] = ((total1 - total0) - (idle1 - idle0)) / max(total1 - total0, 1)
    per_core = {name: value for name, value in busy.items() if name != "cpu"}
    return busy.get("cpu", 0.0) * len(per_core), per_core


def _run_text(command: Sequence[str]) -> str:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_info() -> dict[str, str]:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = "unknown"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    versions = []
    for name in PY_PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return {
        "date": _run_text(["date", "-u"]),
        "nproc": _run_text(["nproc"]),
        "cpu": model,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "python_packages": ", ".join(versions),
        "node": _run_text(["node", "--version"]),
        "commit": _run_text(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "code": code_state(),
    }


CODE_FILES = (
    "src/bitewise/credentials/services/issuing.py",
    "src/bitewise/credentials/services/issuers.py",
    "src/bitewise/engines/ob3/rdfc.py",
    "src/bitewise/engines/ob3/sign.py",
    "src/bitewise/engines/ob3/loader.py",
)


def code_state() -> str:
    """Which of the files on the measured path differ from HEAD (the working tree may be
    edited by others while this runs: the state is read at the start)."""
    changed = []
    for path in CODE_FILES:
        ours = _run_text(["git", "-C", str(ROOT), "hash-object", path])
        head = _run_text(["git", "-C", str(ROOT), "rev-parse", f"HEAD:{path}"])
        if ours != head:
            changed.append(f"{Path(path).name} {ours[:8]}")
    return "as HEAD" if not changed else "modified: " + ", ".join(changed)


def pin(core: int) -> Callable[[], None]:
    def preexec() -> None:
        os.sched_setaffinity(0, {core})

    return preexec
