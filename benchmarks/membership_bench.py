"""Access-check benchmark: the catalog and lesson pages with the membership entitlement
checks against the same pages without them, in one run, against PostgreSQL.
See benchmarks/README.md ("Access checks").

    .venv/bin/python benchmarks/membership_bench.py [--micro-credentials 240] [--requests 150]

Three variants of each page, interleaved round by round so background load hits them
alike:

- ``without checks``: the entitlement functions the views call are replaced by ones
  that answer "open" without touching the database (the pages as they were before
  access rules existed);
- ``checks, no rules``: the real checks, with no access rule anywhere;
- ``checks, rules``: the real checks, with a rule on two thirds of the catalog (members
  only by tier, or priced with a member price), a learner who is a member of a tier, holds
  an all-access subscription to 60 micro-credentials and bought 20 more.

Requests go through Django's test client in this process, one at a time (no network, no
server workers): the figures are the page's own cost, the part access checks can change.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

from results import write_section  # noqa: E402

DB_NAME = "bitewise_memberbench"
ADMIN_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
STAMP = "%a %b %d %H:%M:%S UTC %Y"
VARIANTS = ("without checks", "checks, no rules", "checks, rules")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--micro-credentials", type=int, default=240)
    parser.add_argument("--requests", type=int, default=150, help="per page, variant and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    return parser.parse_args(argv)


def recreate_database() -> str:
    import psycopg

    with psycopg.connect(ADMIN_CONNINFO, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def setup_django() -> None:
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
    os.environ.setdefault("BITEWISE_DATA_DIR", tempfile.mkdtemp(prefix="bitewise-memberbench-"))
    os.environ.setdefault("BITEWISE_SECRET_KEY", "bench-only-secret-key-0123456789-not-for-prod")
    os.environ.setdefault("BITEWISE_SITE_URL", "http://localhost:8000")
    os.environ.setdefault("BITEWISE_TASKS_BACKEND", "immediate")
    os.environ.setdefault("BITEWISE_EMAIL_BACKEND", "memory")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bitewise.settings.base"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(count: int) -> dict[str, Any]:
    """Published micro-credentials (two lessons each); the learner; the rules are added
    later, by ``add_rules``."""
    from bitewise.learning.services import enrollment_subscribe
    from bitewise.testing import make_micro_credential, make_user

    mcs = [make_micro_credential(lessons=2, quiz=False) for _ in range(count)]
    learner = make_user(email="member@bench.example")
    target = mcs[0]
    enrollment_subscribe(learner=learner, micro_credential=target)
    lesson = target.memberships.order_by("position").first().lesson
    return {"mcs": mcs, "learner": learner, "target": target, "lesson": lesson}


def add_rules(world: dict[str, Any]) -> dict[str, int]:
    from django.utils import timezone

    from bitewise.membership.models import AccessGrant, GrantSource, Subscription
    from bitewise.membership.tests.factories import (
        make_member,
        make_plan,
        make_tier,
        members_only,
        priced,
    )

    silver, gold = make_tier("Silver", 10), make_tier("Gold", 20)
    learner, mcs = world["learner"], world["mcs"]
    make_member(learner, tier=silver)
    members_only(world["target"], tier=silver)  # the lesson page's micro-credential
    rules = {"members": 1, "priced": 0}
    for n, mc in enumerate(mcs[1:], start=1):
        if n % 3 == 1:
            members_only(mc, tier=gold if n % 2 else silver)
            rules["members"] += 1
        elif n % 3 == 2:
            rule = priced(mc, "49.00", "19.00")
            rules["priced"] += 1
            if n < 60:
                AccessGrant.objects.create(person=learner, rule=rule, source=GrantSource.PURCHASE)
    rules["plan"] = min(60, len(mcs))
    rules["grants"] = AccessGrant.objects.filter(person=learner).count()
    plan = make_plan(*mcs[:60], interval="year")
    Subscription.objects.create(
        person=learner,
        plan=plan,
        provider_ref="sub_bench",
        current_period_end=timezone.now() + timedelta(days=300),
    )
    return rules


@contextmanager
def without_checks() -> Iterator[None]:
    """The views' entitlement calls answer "open" without a query."""
    from bitewise.catalog import views as catalog_views
    from bitewise.engines.access.rules import Decision, Reason
    from bitewise.learning import views as learning_views
    from bitewise.learning.services import enrollments, lessons

    open_ = Decision(True, Reason.OPEN)
    with (
        mock.patch.object(
            catalog_views, "decisions_for", lambda **kw: dict.fromkeys(kw["ids"], open_)
        ),
        mock.patch.object(catalog_views, "decision_for", lambda **kw: open_),
        mock.patch.object(
            catalog_views, "refused_micro_credential_ids", lambda **kw: (set(), None)
        ),
        mock.patch.object(learning_views, "access_require", lambda **kw: open_),
        mock.patch.object(enrollments, "access_require", lambda **kw: open_),
        mock.patch.object(lessons, "lesson_access_require", lambda **kw: None),
    ):
        yield


def time_page(client: Any, url: str, count: int) -> float:
    for _ in range(5):  # warm the templates and the connection
        assert client.get(url).status_code == 200, url
    started = time.perf_counter()
    for _ in range(count):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return count / (time.perf_counter() - started)


def queries_of(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def measure(
    pages: dict[str, str], client: Any, requests: int, rounds: int, apply_rules: Callable[[], None]
) -> tuple[dict[tuple[str, str], list[float]], dict[tuple[str, str], int]]:
    """Rounds of every (page, variant). The "rules" variant needs the rules present and
    the other two need them absent, so rules are added and removed in a transaction that
    is rolled back (savepoints), interleaving every variant in each round."""
    from django.db import transaction

    from bitewise.membership.rule_cache import _bump, rules_changed

    rates: dict[tuple[str, str], list[float]] = {}
    queries: dict[tuple[str, str], int] = {}
    for number in range(1, rounds + 1):
        for variant in VARIANTS:
            with transaction.atomic():
                if variant == "checks, rules":
                    apply_rules()
                    # Measure what a request sees once the rules are committed: this
                    # transaction never commits, so drop its pending version bump (while
                    # pending, reads skip the rules cache) and bump now instead.
                    connection = transaction.get_connection()
                    connection.run_on_commit = [
                        pending for pending in connection.run_on_commit if pending[1] is not _bump
                    ]
                    _bump()
                for page, url in pages.items():
                    context = without_checks() if variant == "without checks" else _nothing()
                    with context:
                        rate = time_page(client, url, requests)
                        queries[(page, variant)] = queries_of(client, url)
                    rates.setdefault((page, variant), []).append(rate)
                    print(f"round {number} {page:<22} {variant:<17} {rate:8.1f} req/s")
                transaction.set_rollback(True)
            # The rules read into the shared cache inside the rolled-back transaction are
            # gone from the database: a new version, as a rule write would give.
            rules_changed()
    return rates, queries


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    postgres = recreate_database()
    started = time.perf_counter()
    setup_django()
    from django.core.cache import cache
    from django.test import Client

    world = seed(args.micro_credentials)
    seeded_s = time.perf_counter() - started
    client = Client()
    client.force_login(world["learner"])
    cache.clear()
    pages = {
        "catalog": "/",
        "catalog, included": "/?included=on",
        "lesson": f"/m/{world['target'].slug}/lessons/{world['lesson'].pk}/",
    }
    rule_counts: dict[str, int] = {}

    def apply_rules() -> None:
        rule_counts.update(add_rules(world))

    rates, queries = measure(pages, client, args.requests, args.rounds, apply_rules)
    lines = report(args, pages, rates, queries, rule_counts, postgres, seeded_s)
    print("\n".join(lines))
    if not args.no_write:
        write_section("membership", lines)


def report(
    args: argparse.Namespace,
    pages: dict[str, str],
    rates: dict[tuple[str, str], list[float]],
    queries: dict[tuple[str, str], int],
    rule_counts: dict[str, int],
    postgres: str,
    seeded_s: float,
) -> list[str]:
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown",
    )
    load = os.getloadavg()[0]
    lines = [
        "## Access checks: catalog and lesson pages with and without them",
        "",
        f"Written by `benchmarks/membership_bench.py` on {time.strftime(STAMP, time.gmtime())}"
        f" (commit {commit}).",
        "",
        f"- **machine**: {os.cpu_count()} cores, {cpu}; load average {load:.1f} at the end"
        " (other work shared the machine)",
        f"- **database**: PostgreSQL {postgres}, throwaway `{DB_NAME}`, same machine;"
        f" seeded in {seeded_s:.0f} s",
        f"- **data**: {args.micro_credentials} published micro-credentials (2 lessons each);"
        f" with rules: {rule_counts.get('members', 0)} members only (two tiers),"
        f" {rule_counts.get('priced', 0)} priced; the learner is a Silver member, subscribes"
        f" to an all-access plan of {rule_counts.get('plan', 0)} and bought"
        f" {rule_counts.get('grants', 0)} (grants)",
        f"- **load**: Django test client in-process, one request at a time, logged in;"
        f" {args.requests} requests per page and variant per round after 5 warm-up;"
        f" {args.rounds} rounds, variants interleaved; medians reported",
        "",
        "| page | variant | req/s (median) | ratio to without checks | SQL queries |",
        "|---|---|---:|---:|---:|",
    ]
    for page in pages:
        base = statistics.median(rates[(page, VARIANTS[0])])
        for variant in VARIANTS:
            median = statistics.median(rates[(page, variant)])
            lines.append(
                f"| {page} | {variant} | {median:,.1f} | {median / base:.2f} |"
                f" {queries[(page, variant)]} |"
            )
    lines += [
        "",
        "Per round (req/s): "
        + "; ".join(
            f"{page} / {variant}: " + ", ".join(f"{r:.0f}" for r in rates[(page, variant)])
            for page in pages
            for variant in VARIANTS
        ),
        "",
    ]
    return lines


if __name__ == "__main__":
    main()
