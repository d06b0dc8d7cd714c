"""Delivery planning benchmark: the scheduler tick that plans the campaign deliveries due in
the next hour for 100,000 learners across 50 campaigns, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/delivery_bench.py [--learners 100000] [--rounds 3] [--no-write]

Each database is set up in its own process (PostgreSQL: `bitewise_delivbench`, created and
dropped here). Per round the outbox is emptied and `deliveries_plan` runs at 08:30 UTC the
day before 50 events: 80 % of learners (UTC+0) have their "-1 d" step due at 09:00 UTC, in
the hour; 20 % are in New York, where 09:00 is outside it. Then the same tick runs again
(the steady state: every row already exists, nothing new). Medians of the rounds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from credentials_bench import background_load, machine_info  # noqa: E402
from databases import child_env  # noqa: E402
from results import write_section  # noqa: E402

PG_DB = "bitewise_delivbench"
ADMIN_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
NOW = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
CAMPAIGNS = 50
OFFSETS = (-14, -7, -1, 1, 7, 30)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def seed(learners: int) -> float:
    from bitewise.accounts.models import User
    from bitewise.reinforcement.models import (
        Campaign,
        DeliveryPreferences,
        Event,
        EventRegistration,
        Step,
    )

    begin = time.perf_counter()
    User.objects.bulk_create(
        [User(email=f"learner{i}@bench.example", password="!") for i in range(learners)],
        batch_size=5000,
    )
    ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    DeliveryPreferences.objects.bulk_create(
        [DeliveryPreferences(learner_id=pk, time_zone="America/New_York") for pk in ids[::5]],
        batch_size=5000,
    )
    events = Event.objects.bulk_create(
        [
            Event(
                title=f"Event {i}",
                starts_at=NOW.replace(hour=12, minute=0) + timedelta(days=1, minutes=i),
                time_zone="UTC",
            )
            for i in range(CAMPAIGNS)
        ]
    )
    campaigns = Campaign.objects.bulk_create(
        [Campaign(event=event, title=f"Campaign {event.title}") for event in events]
    )
    Step.objects.bulk_create(
        [
            Step(campaign=c, offset_days=d, kind="message", subject=f"{d:+d} d", message="Hi")
            for c in campaigns
            for d in OFFSETS
        ]
    )
    registered_at = NOW - timedelta(days=60)
    EventRegistration.objects.bulk_create(
        [
            EventRegistration(
                event=events[n % CAMPAIGNS], learner_id=pk, source="csv", created_at=registered_at
            )
            for n, pk in enumerate(ids)
        ],
        batch_size=5000,
    )
    return time.perf_counter() - begin


def child(kind: str, learners: int, rounds: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bitewise.reinforcement.models import Delivery
    from bitewise.reinforcement.services.scheduling import deliveries_dispatch, deliveries_plan

    call_command("migrate", verbosity=0)
    seed_s = seed(learners)
    plan_s, plan_q, tick_s, tick_q, created = [], [], [], [], []
    dispatch_s, dispatch_q, queued = [], [], []
    for _ in range(rounds):
        Delivery.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            created.append(deliveries_plan(now=NOW))
            plan_s.append(time.perf_counter() - begin)
        plan_q.append(len(captured))
        with CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            assert deliveries_plan(now=NOW + timedelta(minutes=1)) == 0
            tick_s.append(time.perf_counter() - begin)
        tick_q.append(len(captured))
        with CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            queued.append(deliveries_dispatch(now=NOW + timedelta(minutes=31)))
            dispatch_s.append(time.perf_counter() - begin)
        dispatch_q.append(len(captured))
    return {
        "dispatch_s": dispatch_s,
        "dispatch_queries": dispatch_q,
        "queued": queued,
        "kind": kind,
        "vendor": connection.vendor,
        "seed_s": seed_s,
        "plan_s": plan_s,
        "plan_queries": plan_q,
        "tick_s": tick_s,
        "tick_queries": tick_q,
        "created": created,
        "rows": Delivery.objects.count(),
    }


def run_child(kind: str, args: argparse.Namespace) -> dict[str, object]:
    env = child_env(bench="delivbench", kind=kind, pg_db=PG_DB, tasks="database")
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--learners", str(args.learners),
             "--rounds", str(args.rounds)],
            env=env, capture_output=True, text=True, check=True, cwd=ROOT, timeout=3600,
        )  # fmt: skip
    finally:
        if kind == "postgres":
            import psycopg

            with psycopg.connect(ADMIN_CONNINFO, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    return json.loads(out.stdout.strip().splitlines()[-1])


def section(results: list[dict[str, object]], args: argparse.Namespace, load: float) -> list[str]:
    machine = machine_info()
    lines = [
        "## Delivery planning: the next hour for 100,000 learners across 50 campaigns",
        "",
        "Written by `benchmarks/delivery_bench.py`; each run replaces this section.",
        "",
        f"- **date**: {datetime.now(UTC):%a %b %d %H:%M:%S UTC %Y}",
        f"- **machine**: {machine['nproc']} cores (nproc), {machine['cpu']}, {machine['memory']};"
        f" Python {machine['python']}",
        f"- **background load**: {load:.2f} cores busy with other processes just before",
        f"- **commit**: {machine['commit']}",
        "",
        f"{args.learners:,} learners, each registered for one of {CAMPAIGNS} events with a"
        f" campaign of {len(OFFSETS)} steps ({', '.join(f'{d:+d} d' for d in OFFSETS)});"
        " 80 % in UTC+0 zones, 20 % in America/New_York with their own preferences. The tick"
        " at 08:30 UTC plans every (learner, step) due by 09:30 in the learner's own zone"
        " (the -1 d step at 09:00 local: due for the UTC+0 learners, not for New York) with"
        " set-based reads and 1,000-row INSERTs. *Steady tick*: the same plan a minute later,"
        f" when every row exists and nothing is new. Medians of {args.rounds} rounds.",
        "",
        "| database | deliveries planned | plan (s) | SQL queries | steady tick (s) |"
        " steady queries | queue them at 09:01 (s) | queue queries | seeding (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['vendor']} | {r['created'][-1]:,} |"  # type: ignore[index]
            f" {statistics.median(r['plan_s']):.2f} |"  # type: ignore[arg-type]
            f" {statistics.median(r['plan_queries'])} |"  # type: ignore[arg-type]
            f" {statistics.median(r['tick_s']):.2f} |"  # type: ignore[arg-type]
            f" {statistics.median(r['tick_queries'])} |"  # type: ignore[arg-type]
            f" {statistics.median(r['dispatch_s']):.2f} |"  # type: ignore[arg-type]
            f" {statistics.median(r['dispatch_queries'])} | {r['seed_s']:.1f} |"  # type: ignore[arg-type]
        )
    lines += [
        "",
        "Queries: 3 reads (candidate steps, existing rows for them, the registrations with"
        " each learner's zone and quiet hours, streamed) plus one INSERT per 1,000 new rows;"
        " the steady tick is the 3 reads. The count does not grow with the number of"
        " learners other than through the INSERT batches (a test asserts the bound)."
        " Rows are inserted with one raw multi-row INSERT per batch (PostgreSQL: four"
        " `unnest` arrays); with the ORM's `bulk_create` the same plan took about 7x"
        " longer in a profile (16,000 rows on SQLite: 2.24 s against 0.31 s), nearly all"
        " of it compiling 13 fields per row.",
        "",
        "*Queue*: at 09:01 every due e-mail row is handed to the database task queue in"
        " tasks of 100 ids (one UPDATE marking them dispatched plus one task row each, in a"
        " transaction), so about 4 queries per 100 deliveries plus 4 set-based ones; the"
        " worker then claims and sends each delivery on its own (not timed here: it is"
        " SMTP-bound).",
        "",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.learners, args.rounds)))
        return 0
    load, _ = background_load()
    kinds = [args.only] if args.only else ["sqlite", "postgres"]
    results = [run_child(kind, args) for kind in kinds]
    lines = section(results, args, load)
    print("\n".join(lines))
    if not args.no_write:
        write_section("delivery", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
