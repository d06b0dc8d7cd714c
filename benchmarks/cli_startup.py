"""What a command costs before it does any work: CPU seconds (user + system, so a busy machine
changes them little) of `bitewise COMMAND --help` in a fresh process, each command in turn,
several rounds, medians; and a whole `bitewise repurpose` of a short transcript. A command that
goes through Django's start-up (`migrate`) is the baseline, measured in the same run.

    .venv/bin/python benchmarks/cli_startup.py [--rounds N] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.credentials.machine import machine_info
from benchmarks.results import write_section

BITEWISE = Path(sys.executable).parent / "bitewise"
TRANSCRIPT = """WEBVTT

00:00:01.000 --> 00:00:04.000
Welcome to the session on volcanoes and how they form.

00:00:04.500 --> 00:00:09.000
Magma rises through the crust where the plates meet.
"""


def cpu_seconds(args: list[str], env: dict[str, str], cwd: Path) -> float:
    """User + system CPU seconds of one child process running ``bitewise *args``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [str(BITEWISE), *args], env=env, cwd=cwd, check=True, capture_output=True, timeout=300
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "talk.vtt").write_text(TRANSCRIPT)
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env["BITEWISE_DATA_DIR"] = str(work / "data")
        commands = {
            "`bitewise migrate --help` (Django's start-up: the baseline)": ["migrate", "--help"],
            "`bitewise repurpose --help`": ["repurpose", "--help"],
            "`bitewise verify --help`": ["verify", "--help"],
            "`bitewise repurpose talk.vtt --out DIR` (whole run, 2 cues)": [
                "repurpose", "talk.vtt", "--out", "out",
            ],
        }  # fmt: skip
        taken: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                taken[name].append(cpu_seconds(command, env, work))
    info = machine_info()
    baseline = statistics.median(next(iter(taken.values())))
    lines = [
        "## Command start-up",
        "",
        f"{info['date']} · {info['cpu']}, {info['nproc']} cores, {info['memory']} · "
        f"Python {info['python']} · commit {info['commit']}",
        "",
        "`benchmarks/cli_startup.py`: CPU seconds (user + system) of a fresh `bitewise` process,",
        f"commands in turn, {args.rounds} rounds, medians. `bitewise repurpose` reads the settings",
        "and runs without starting the web app (no models, URLs or system checks); `bitewise",
        "verify` starts without Django.",
        "",
        "| command | CPU s (median) | vs Django's start-up |",
        "|---|---:|---:|",
    ]
    for name, seconds in taken.items():
        median = statistics.median(seconds)
        lines.append(f"| {name} | {median:.2f} | {median / baseline:.2f}x |")
    print("\n".join(lines))
    if not args.no_write:
        write_section("cli-startup", lines)


if __name__ == "__main__":
    main()
