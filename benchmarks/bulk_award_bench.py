"""Bulk award benchmark: a staff CSV of 10,000 addresses, from upload to every signed
credential stored, against PostgreSQL. See benchmarks/README.md ("Bulk awards").

    .venv/bin/python benchmarks/bulk_award_bench.py [--rows 10000] [--known 0.2] [--no-write]

The job runs as the worker runs it (``bulk_award_run``) in this process; the
``credential_earned`` events it records are then dispatched as the worker would
(each finds its credential already issued), timed apart.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from credentials_bench import (  # noqa: E402  (shares the machine and CPU helpers)
    CpuSampler,
    background_load,
    check_issued,
    code_state,
    machine_info,
)
from results import write_section  # noqa: E402

DB_NAME = "bitewise_bulkbench"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
ADMIN_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
TARGET_S = 60.0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--known", type=float, default=0.2, help="share of rows with an account")
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    return parser.parse_args(argv)


def recreate_database() -> str:
    import psycopg

    with psycopg.connect(ADMIN_CONNINFO, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def setup(args: argparse.Namespace) -> dict[str, object]:
    from cryptography.fernet import Fernet

    postgres = recreate_database()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bitewise.settings.base",
            "DATABASE_URL": DB_URL,
            "BITEWISE_KEY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "BITEWISE_SECRET_KEY": "bulkbench-only-secret-key-0123456789-not-for-production",
            "BITEWISE_TASKS_BACKEND": "database",
            "BITEWISE_EMAIL_BACKEND": "memory",
            "BITEWISE_SITE_URL": "https://learn.example.org",
            "BITEWISE_LOG_LEVEL": "WARNING",
            "BITEWISE_DATA_DIR": tempfile.mkdtemp(prefix="bitewise-bulkbench-"),
        }
    )
    subprocess.run(
        [str(Path(sys.executable).parent / "bitewise"), "migrate", "--verbosity", "0"],
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    import django

    django.setup()
    from bitewise.accounts.models import Role, User
    from bitewise.credentials.services.issuers import issuer_default
    from bitewise.testing import make_micro_credential, make_skill, make_user

    staff = make_user(email="staff@bench.example", role=Role.ADMIN)
    issuer_default().staff.add(staff)
    micro_credential = make_micro_credential(
        title="Safe Patient Handoffs",
        skills=[make_skill("Handoff communication"), make_skill("Patient safety")],
        validity_months=12,
    )
    known = int(args.rows * args.known)
    accounts = []
    for i in range(known):
        account = User(email=f"member{i}@bench.example", display_name=f"Member {i}")
        account.set_unusable_password()
        accounts.append(account)
    User.objects.bulk_create(accounts, batch_size=2000)
    emails = [f"member{i}@bench.example" for i in range(known)]
    emails += [f"attendee{i}@bench.example" for i in range(args.rows - known)]
    return {
        "postgres": postgres,
        "staff": staff,
        "micro_credential": micro_credential,
        "csv": ("Name,Email\n" + "".join(f"P {e},{e}\n" for e in emails)).encode(),
    }


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(args: argparse.Namespace) -> list[str]:
    load_before, _ = background_load()
    world = setup(args)
    from django.db import connection

    from bitewise.common.events import events_dispatch
    from bitewise.common.models import DomainEvent
    from bitewise.credentials.models import IssuedCredential
    from bitewise.credentials.services.bulk import BATCH_SIZE, bulk_award_create, bulk_award_run

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    bulk = bulk_award_create(
        by=world["staff"],
        achievement=world["micro_credential"],
        filename="attendees.csv",
        data=world["csv"],
    )
    with CpuSampler(dbname=DB_NAME) as sampler:
        cpu0, wall0 = _cpu(), time.perf_counter()
        done = bulk_award_run(bulk_id=bulk.pk)
        job_wall, job_cpu = time.perf_counter() - wall0, _cpu() - cpu0
    split = sampler.cores({os.getpid()})
    cores = " / ".join(f"{split[k]:.2f}" for k in ("workers", "postgres", "other", "iowait"))
    issued = IssuedCredential.objects.filter(
        award__micro_credential=world["micro_credential"]
    ).count()
    award_ids = list(IssuedCredential.objects.values_list("award_id", flat=True)[: args.rows + 10])
    check = check_issued(award_ids)

    events = list(
        DomainEvent.objects.filter(handled_at=None, name="credential_earned").values_list(
            "pk", flat=True
        )
    )
    cpu0, wall0 = _cpu(), time.perf_counter()
    for start in range(0, len(events), BATCH_SIZE):  # as the worker: a task per batch
        events_dispatch(event_ids=events[start : start + BATCH_SIZE])
    events_wall, events_cpu = time.perf_counter() - wall0, _cpu() - cpu0
    after = IssuedCredential.objects.count()

    machine = machine_info()
    met = job_wall < TARGET_S and issued == args.rows
    return [
        "## Bulk awards: a CSV of 10,000 addresses to 10,000 signed credentials",
        "",
        'Written by `benchmarks/bulk_award_bench.py` (see README.md, "Bulk awards"); each run'
        " replaces this section.",
        "",
        f"- **date**: {datetime.now(UTC):%a %b %d %H:%M:%S UTC %Y}",
        f"- **machine**: {machine['nproc']} cores (nproc), {machine['cpu']},"
        f" {machine['memory']}; {machine['os']}; Python {machine['python']}",
        f"- **background load**: {load_before:.2f} cores busy with other processes just before",
        f"- **PostgreSQL**: {world['postgres']} (database `{DB_NAME}`, same machine, re-created)",
        f"- **commit**: {code_state()}",
        "",
        f"The job: {args.rows:,} rows ({int(args.rows * args.known):,} addresses with an"
        f" account, the rest new: an account is made for each), one published"
        f" micro-credential, `bulk_award_run` in one process exactly as the worker runs it:"
        f" batches of {BATCH_SIZE} rows, each one transaction that finds or makes the"
        " accounts, records the awards and their `credential_earned` events, reserves the"
        " status-list entries and signs and stores the credentials (eddsa-rdfc-2022).",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| rows awarded | {done.awarded:,} (accounts made {done.accounts_created:,},"
        f" failed {done.failed}) |",
        f"| credentials issued by the job | {issued:,} |",
        f"| job wall time | **{job_wall:.1f} s** |",
        f"| credentials per second | {issued / job_wall:.0f} |",
        f"| job process CPU | {job_cpu:.1f} s ({job_cpu / max(issued, 1) * 1000:.2f} ms per"
        " credential) |",
        f"| cores used: job / PostgreSQL / other / iowait | {cores} |",
        f"| then: dispatching the {len(events):,} events (each finds its credential) |"
        f" {events_wall:.1f} s wall, {events_cpu:.1f} s CPU; credentials afterwards:"
        f" {after:,} |",
        "",
        f"Checks: {check}.",
        "",
        f"- **target (10,000 awards issued in under {TARGET_S:.0f} s on this machine): "
        + ("met**" if met else "NOT met**"),
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    lines = run(args)
    print("\n".join(lines))
    if not args.no_write:
        write_section("bulk-award", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
