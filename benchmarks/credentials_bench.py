"""Credentials benchmark: Open Badges 3.0 signing and verifying on one core, side by side
with Digital Bazaar's JavaScript stack, bulk issuing of 10,000 awards against PostgreSQL
with 1 and 2 worker processes, and the public credential page under load against the
platform floor (credential_page.py). See benchmarks/README.md ("Credentials").

    .venv/bin/python benchmarks/credentials_bench.py [--bulk 10000] [--skip-bulk] ...
    .venv/bin/python benchmarks/credentials_bench.py --page-only
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

# Run as a script (and imported by the other benchmarks as `credentials_bench`): the
# repository root on the path, so that the package beside this file imports.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.credentials.bulk import run_bulk
from benchmarks.credentials.bulk_workers import BulkReport, CpuSampler, check_issued
from benchmarks.credentials.common import DB_NAME, INTEROP, RESULTS, ROOT
from benchmarks.credentials.machine import background_load, code_state, machine_info
from benchmarks.credentials.one_core import (
    micro_child,
    run_cross_check,
    run_micro,
    sample_credential,
)
from benchmarks.credentials.report import bulk_section, micro_section, write_section

# Shared with the other benchmarks, which import them from here.
__all__ = [
    "DB_NAME",
    "CpuSampler",
    "background_load",
    "check_issued",
    "code_state",
    "machine_info",
    "main",
]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bulk", type=int, default=10_000, help="awards to issue in bulk")
    parser.add_argument("--skip-bulk", action="store_true", help="only the one-core comparison")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", type=int, default=200, help="signatures per side and round")
    parser.add_argument("--warmup", type=int, default=50, help="unrecorded operations first")
    parser.add_argument(
        "--core",
        default="auto",
        help="CPU the one-core runs are pinned to (auto: the least busy one just before)",
    )
    parser.add_argument(
        "--workers", default="1,2", help="worker processes for the bulk runs, comma-separated"
    )
    parser.add_argument(
        "--bulk-max-seconds",
        type=float,
        default=120.0,
        help="stop a bulk run after this long and extrapolate (keeps the run bounded)",
    )
    parser.add_argument(
        "--profile-count", type=int, default=300, help="awards issued under cProfile on a miss"
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile a worker even when the target is met"
    )
    parser.add_argument(
        "--skip-page", action="store_true", help="leave out the public credential page under load"
    )
    parser.add_argument(
        "--page-only",
        action="store_true",
        help="only the public credential page under load (benchmarks/credential_page.py)",
    )
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    parser.add_argument("--micro-child", help=argparse.SUPPRESS)  # internal: one Python round
    return parser.parse_args(argv)


def run_page(args: argparse.Namespace) -> int:
    """The public credential page against the platform floor and the trivial view, in a
    process of its own (it sets Django up against its own database); its own section."""
    command = [sys.executable, "-m", "benchmarks.credential_page", "--rounds", str(args.rounds)]
    if args.no_write:
        command.append("--no-write")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.micro_child:
        micro_child(args.micro_child)
        return 0
    if args.page_only:
        return run_page(args)
    sys.path.insert(0, str(ROOT / "src"))
    if shutil.which("node") is None:
        raise SystemExit("node is not on PATH")
    if not (INTEROP / "node_modules" / "@digitalbazaar" / "vc").exists():
        raise SystemExit("Digital Bazaar's packages are missing: cd tests/interop && npm ci")
    started = time.perf_counter()
    info = machine_info()
    background, per_core = background_load()
    cores_busy = ", ".join(f"{name} {value:.2f}" for name, value in per_core.items())
    if args.core == "auto":
        idlest = min(per_core, key=lambda name: per_core[name]) if per_core else "cpu0"
        args.core = int(idlest.removeprefix("cpu"))
    else:
        args.core = int(args.core)
    print(
        f"{info['date']}: {info['nproc']} cores, {info['cpu']}; "
        f"background {background:.2f} cores ({cores_busy})"
    )
    created = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    document = sample_credential(created)
    with tempfile.TemporaryDirectory(prefix="credbench-") as workdir:
        print("one core, Python vs JavaScript:", flush=True)
        rounds = run_micro(args, document, created, Path(workdir))
    cross = run_cross_check(document, created, args.core)
    print(
        f"  cross-check: JS verifies ours {cross.js_verifies_python}, ours verifies JS "
        f"{cross.python_verifies_js}, same canonical document {cross.js_kept_document}",
        flush=True,
    )
    bulk: BulkReport | None = None
    if not args.skip_bulk:
        print("bulk issuing:", flush=True)
        bulk = run_bulk(args)
    js_packages = rounds[0].js["packages"]
    lines = [
        "## Credentials: signing, verifying and bulk issuing",
        "",
        'Written by `benchmarks/credentials_bench.py` (see README.md, "Credentials"); '
        "each run replaces this section.",
        "",
        f"- **date**: {info['date']}",
        f"- **machine**: {info['nproc']} cores (nproc), {info['cpu']}, {info['memory']}; "
        f"{info['os']}",
        f"- **background load**: {background:.2f} cores busy with other processes just "
        f"before the run (sampled 2 s; per core: {cores_busy}); one-core runs pinned to "
        f"cpu{args.core}",
        f"- **Python**: {info['python']}; {info['python_packages']}",
        f"- **Node.js**: {info['node']}; "
        + ", ".join(f"{name} {version}" for name, version in js_packages.items()),
        f"- **commit**: {info['commit']}; files on the measured path at the start: {info['code']}",
        f"- **settings**: {args.rounds} rounds x {args.count} operations per side "
        f"(after {args.warmup} warm-up sign+verify), pinned to CPU {args.core}; bulk "
        f"{'skipped' if bulk is None else f'{args.bulk:,} awards, workers {args.workers}'}",
        "",
        *micro_section(rounds, cross, document),
    ]
    if bulk is not None:
        lines += bulk_section(bulk)
    lines += ["", f"Run time: {time.perf_counter() - started:.0f} s."]
    text = "\n".join(lines)
    print()
    print(text)
    if not args.no_write:
        write_section(text)
        print(f"\nwrote the credentials section of {RESULTS.relative_to(ROOT)}")
    return 0 if args.skip_page else run_page(args)


if __name__ == "__main__":
    sys.exit(main())
