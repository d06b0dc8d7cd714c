"""python -m benchmarks.burst [--attendees 100] [--rounds 3] [--clients 20] ...

The default is sized for a 2-core machine shared with other work (a few minutes in all);
``--attendees 10000`` replays the whole conference morning."""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB_NAME = os.environ.get("BITEWISE_BURST_DATABASE", "bitewise_burstbench")
SECTION = "burst"
SITE_URL = "https://learn.example.org"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attendees", type=int, default=100, help="per setting and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=20, help="browsers at once")
    parser.add_argument("--servers", default="1,2", help="app servers behind HAProxy, per setting")
    parser.add_argument("--workers", type=int, default=2, help="RQ worker processes")
    parser.add_argument("--warmup", type=int, default=20, help="attendees before measuring")
    parser.add_argument("--floor-seconds", type=float, default=5.0)
    parser.add_argument("--wait", type=float, default=300.0, help="longest wait for the queue")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=int(os.environ.get("BITEWISE_BURST_REDIS_DB", "12")),
        help="Redis database for the task queue (the next one holds cache and sessions); "
        "both are emptied first",
    )
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(args: argparse.Namespace) -> dict[str, str]:
    from cryptography.fernet import Fernet
    from redis import Redis

    from benchmarks.databases import child_env

    env = child_env(bench="burst", kind="postgres", pg_db=DB_NAME, tasks="rq")
    queue = f"redis://127.0.0.1:6379/{args.redis_db}"
    cache = f"redis://127.0.0.1:6379/{args.redis_db + 1}"
    for url in (queue, cache):
        Redis.from_url(url).flushdb()
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        BITEWISE_REDIS_URL=queue,
        BITEWISE_CACHE_URL=cache,
        BITEWISE_SITE_URL=SITE_URL,
        BITEWISE_KEY_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    )
    return env


def floor_rps(port: int, clients: int, seconds: float) -> float:
    """The platform floor (a logged-in page that renders only the layout) on this stack."""
    from django.conf import settings
    from django.test import Client

    from benchmarks.loadgen import Target, run_phase
    from bitewise.testing import PASSWORD, make_user

    client = Client()
    if not client.login(email=make_user().email, password=PASSWORD):
        raise SystemExit("could not log in the floor learner")
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    target = Target("floor", ["/bench/layout"], cookie, b"Log out")
    result = run_phase(
        "127.0.0.1",
        port,
        target,
        concurrency=clients,
        warmup_requests=100,
        warmup_seconds=1.0,
        requests=100_000,
        max_seconds=seconds,
    )
    if result.errors:
        raise SystemExit(f"the floor page failed {result.errors} times: {result.statuses}")
    return result.rps


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    started = time.perf_counter()
    from benchmarks.burst import data, report, stack
    from benchmarks.burst.run import failed_jobs, queue_lag, replay
    from benchmarks.catalog_load import background_load, machine_info

    env = environment(args)
    data.migrate(env)
    data.setup(env)
    from django.db import connections

    plan = data.follow_up()
    settings_ = [int(n) for n in args.servers.split(",")]
    per_run = args.attendees
    emails = data.attendees(
        0, args.warmup * len(settings_) + per_run * args.rounds * len(settings_)
    )
    connections.close_all()
    frontends = {free_port(): [free_port() for _ in range(n)] for n in settings_}
    fronts = list(frontends)
    info = machine_info()
    background = background_load()
    print(f"{info['CPU']}; {background:.2f} cores busy with other processes", flush=True)
    running = stack.start(env=env, frontends=frontends, workers=args.workers)
    results: dict[int, list] = {n: [] for n in settings_}
    floors: dict[int, list[float]] = {n: [] for n in settings_}
    try:
        at = 0
        for port in fronts:  # warm every app server
            replay(port=port, plan=plan, emails=emails[at : at + args.warmup], clients=args.clients)
            at += args.warmup
        for n in range(1, args.rounds + 1):
            for servers, port in zip(settings_, fronts, strict=True):
                batch = emails[at : at + per_run]
                at += per_run
                errors_before = len(running.errors_logged())
                failed_before = failed_jobs(env["BITEWISE_REDIS_URL"])
                burst = replay(port=port, plan=plan, emails=batch, clients=args.clients)
                queue_lag(burst, batch, ended=datetime.now(UTC), wait_s=args.wait)
                burst.server_errors = running.errors_logged()[errors_before:]
                burst.failed_jobs = failed_jobs(env["BITEWISE_REDIS_URL"]) - failed_before
                floors[servers].append(floor_rps(port, args.clients, args.floor_seconds))
                results[servers].append(burst)
                connections.close_all()
                print(report.progress_line(n, servers, burst, floors[servers][-1]), flush=True)
    finally:
        running.stop()
    lines = report.section(results, floors, info=info, background=background, args=args, plan=plan)
    lines.append(f"Run time: {time.perf_counter() - started:.0f} s.")
    print("\n".join(lines))
    if not args.no_write:
        from benchmarks.results import write_section

        write_section(SECTION, lines)
        print(f"\nwrote the {SECTION} section of benchmarks/RESULTS.md")
    failed = sum(b.total_errors + len(b.failures) for runs in results.values() for b in runs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
