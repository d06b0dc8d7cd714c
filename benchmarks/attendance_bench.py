"""Attendance benchmark: import a 5,000-row report and compute CE credit, on SQLite and on
PostgreSQL. See benchmarks/README.md ("Attendance import").

    .venv/bin/python benchmarks/attendance_bench.py [--rows 5000] [--rounds 3] [--no-write]

Each database is set up in its own process (Django settles on one database per process).
Per round a fresh webinar with the same registrants gets the same report; the baseline in
the same run is the engine alone (reading the file, no database), so the ratio shows what
matching, storing and crediting add.
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

PG_DB = "bitewise_attbench"
ADMIN_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
START = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def report_rows(rows: int) -> tuple[bytes, list[str], dict[str, int]]:
    """A generic report: 40 % of people left and rejoined (two rows; half of them were
    away two minutes and fall short of the 15 minutes), 10 % are not registered, 1 % of
    rows are unreadable; registrants who never came are added apart."""
    lines = ["Email,Name,Join Time,Leave Time"]
    registrants: list[str] = []
    shape = {"people": 0, "rejoined": 0, "walk_ins": 0, "bad_rows": 0}
    i = 0
    while len(lines) - 1 < rows:
        i += 1
        email = f"member{i}@bench.example"
        join = START - timedelta(seconds=(i * 7) % 180)  # early: clipped to the start
        if i % 100 == 0:
            lines.append(f"{email},Member {i},not a time,{join.isoformat()}")
            shape["bad_rows"] += 1
            continue
        if i % 10 == 0:
            email = f"walk-in{i}@elsewhere.example"
            shape["walk_ins"] += 1
        else:
            registrants.append(email)
        shape["people"] += 1
        if i % 5 < 2:
            left = START + timedelta(minutes=6)
            back = left + timedelta(minutes=2 if i % 5 else 0)  # half reconnect at once
            lines.append(f"{email},Member {i},{join.isoformat()},{left.isoformat()}")
            lines.append(
                f"{email},Member {i},{back.isoformat()},"
                f"{(START + timedelta(minutes=16)).isoformat()}"
            )
            shape["rejoined"] += 1
        else:
            leave = START + timedelta(minutes=15)
            lines.append(f"{email},Member {i},{join.isoformat()},{leave.isoformat()}")
    registrants += [f"absent{i}@bench.example" for i in range(len(registrants) // 10)]
    return ("\n".join(lines[: rows + 1]) + "\n").encode(), registrants, shape


def child(kind: str, rows: int, rounds: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bitewise.accounts.models import Role, User
    from bitewise.engines.attendance import parse_attendance
    from bitewise.testing import make_user
    from bitewise.webinars.models import CreditAward, CreditProgram, Registration, Webinar
    from bitewise.webinars.services.attendance import attendance_import
    from bitewise.webinars.services.webinars import webinar_create

    call_command("migrate", verbosity=0)
    data, registrants, shape = report_rows(rows)
    accounts = []
    for email in registrants:
        account = User(email=email)
        account.set_unusable_password()
        accounts.append(account)
    User.objects.bulk_create(accounts, batch_size=2000)
    learners = list(User.objects.filter(email__in=registrants))
    staff = make_user(role=Role.ADMIN)
    program = CreditProgram.objects.get(code="ama-pra-1")

    engine, service, queries, awarded = [], [], [], []
    for _ in range(rounds):
        begin = time.perf_counter()
        parse_attendance(data, default_tz="UTC")
        engine.append(time.perf_counter() - begin)

        webinar = webinar_create(
            by=staff,
            title="Bench session",
            presenter="P",
            starts_at=START,
            time_zone="UTC",
            duration_minutes=15,
            capacity=0,
            join_url="https://meet.example/x",
            credit_program=program,
        )
        Webinar.objects.filter(pk=webinar.pk).update(status="published")
        Registration.objects.bulk_create(
            [Registration(webinar=webinar, learner=le, status="registered") for le in learners],
            batch_size=2000,
        )
        with CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            record = attendance_import(webinar=webinar, by=staff, filename="r.csv", data=data)
            service.append(time.perf_counter() - begin)
        queries.append(len(captured))
        awarded.append(CreditAward.objects.filter(webinar=webinar).count())
    return {
        "kind": kind,
        "vendor": connection.vendor,
        "engine_s": engine,
        "service_s": service,
        "queries": queries,
        "awarded": awarded,
        "matched": record.matched,
        "unmatched": record.unmatched,
        "rejected": len(record.rejected),
        "never_joined": len(record.never_joined),
        "shape": shape,
        "registrants": len(registrants),
    }


def run_child(kind: str, args: argparse.Namespace) -> dict[str, object]:
    env = child_env(bench="attbench", kind=kind, pg_db=PG_DB, tasks="immediate")
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--rows",
            str(args.rows),
            "--rounds",
            str(args.rounds),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=1800,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def section(results: list[dict[str, object]], args: argparse.Namespace, load: float) -> list[str]:
    machine = machine_info()
    first = results[0]
    shape = first["shape"]
    assert isinstance(shape, dict)
    lines = [
        "## Attendance import: a 5,000-row report to CE credit",
        "",
        'Written by `benchmarks/attendance_bench.py` (see README.md, "Attendance import");'
        " each run replaces this section.",
        "",
        f"- **date**: {datetime.now(UTC):%a %b %d %H:%M:%S UTC %Y}",
        f"- **machine**: {machine['nproc']} cores (nproc), {machine['cpu']}, {machine['memory']};"
        f" Python {machine['python']}",
        f"- **background load**: {load:.2f} cores busy with other processes just before",
        f"- **commit**: {machine['commit']}",
        "",
        f"The report: {args.rows:,} rows of a generic CSV (email, name, join, leave):"
        f" {shape['people']:,} people, {shape['rejoined']:,} of them left and rejoined"
        f" (two rows), {shape['walk_ins']:,} not registered, {shape['bad_rows']} unreadable"
        f" rows; {first['registrants']:,} registrants (some never came). The import reads"
        " the file, matches registrants by email, merges visits, stores attendance,"
        " unmatched people and the report, and computes AMA PRA Category 1 credit for every"
        f" attendee with its audit record. Medians of {args.rounds} rounds, each on a fresh"
        " webinar; baseline: the attendance engine alone reading the same bytes.",
        "",
        "| database | engine only (s) | whole import + credit (s) | ratio | SQL queries |"
        " matched / unmatched / rejected / never joined | credit awards |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for result in results:
        engine = statistics.median(result["engine_s"])  # type: ignore[arg-type]
        service = statistics.median(result["service_s"])  # type: ignore[arg-type]
        lines.append(
            f"| {result['vendor']} | {engine:.2f} | {service:.2f} | {service / engine:.1f}x |"
            f" {statistics.median(result['queries'])} |"  # type: ignore[arg-type]
            f" {result['matched']:,} / {result['unmatched']:,} / {result['rejected']} /"
            f" {result['never_joined']} | {result['awarded'][-1]:,} |"  # type: ignore[index]
        )
    lines.append("")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.rows, args.rounds)))
        return 0
    load, _ = background_load()
    results = [run_child("sqlite", args), run_child("postgres", args)]
    lines = section(results, args, load)
    print("\n".join(lines))
    if not args.no_write:
        write_section("attendance", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
