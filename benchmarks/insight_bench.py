"""Load benchmark: the insight dashboards at 5 concurrent staff users against
`bitewise serve` (gunicorn) on PostgreSQL, each page beside the trivial view served by the
same stack in the same run; p95 and its ratio to the trivial view's.

    .venv/bin/python benchmarks/insight_bench.py                 # what a 2-CPU box manages
    .venv/bin/python benchmarks/insight_bench.py --learners 50000 --completions 500000

The data set is benchmarks/seed.py's (catalog, learners, completions, quiz answers) at the
chosen scale plus benchmarks/insight_seed.py (retention checks, an event with a control
group, a year of credential activity). Rollups are computed once before the load, as the
scheduler would have; their compute time is reported."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.catalog_load import (  # noqa: E402
    SECRET_KEY,
    _conninfo,
    background_load,
    free_port,
    machine_info,
    prepare_database,
    seed_if_needed,
    start_server,
)
from benchmarks.loadgen import Target, run_phase  # noqa: E402
from benchmarks.results import write_section  # noqa: E402
from benchmarks.seed import Sizes  # noqa: E402

P95_TARGET_MS = 300.0
STAFF_EMAIL = "insight-bench-staff@example.org"
STAFF_PASSWORD = "insight-bench-password"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=5_000)
    parser.add_argument("--completions", type=int, default=50_000)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/bw_insight_bench")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--concurrency", type=int, default=5)
    parser.add_argument("--requests", type=int, default=300, help="per page")
    parser.add_argument("--max-seconds", type=float, default=30.0, help="cap per page")
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    return parser.parse_args(argv)


def sizes_for(args: argparse.Namespace) -> Sizes:
    """The catalog grows with the learners, as in benchmarks/seed.py's full size."""
    scale = args.learners / 50_000
    return Sizes(
        skills=120,
        lessons=max(200, int(10_000 * scale)),
        micro_credentials=max(40, int(2_000 * scale)),
        pathways=max(6, int(60 * scale)),
        learners=args.learners,
        completions=args.completions,
    )


def staff_cookie() -> str:
    from django.conf import settings
    from django.test import Client

    from bitewise.accounts.models import Role, User

    user = User.objects.filter(email=STAFF_EMAIL).first() or User.objects.create_user(
        STAFF_EMAIL, STAFF_PASSWORD, role=Role.ADMIN
    )
    user.set_password(STAFF_PASSWORD)
    user.save(update_fields=["password"])
    client = Client(SERVER_NAME="127.0.0.1")
    if not client.login(email=STAFF_EMAIL, password=STAFF_PASSWORD):
        raise SystemExit("could not log in as the benchmark staff member")
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def pages() -> list[Target]:
    from bitewise.catalog.models import MicroCredential, Pathway
    from bitewise.reinforcement.models import Event

    busiest = (
        MicroCredential.objects.order_by("-enrollments__id").values_list("pk", flat=True).first()
    )
    pathway = Pathway.objects.values_list("pk", flat=True).first()
    event = Event.objects.get(title="Annual congress")
    return [
        Target("overview", ["/staff/insight/"], expect=b"Retention curve"),
        Target("retention", ["/staff/insight/retention/"], expect=b"Calibration"),
        Target("items", ["/staff/insight/items/"], expect=b"Every question"),
        Target("funnel (micro-credential)", [f"/staff/insight/funnel/?of=mc-{busiest}"]),
        Target("funnel (pathway)", [f"/staff/insight/funnel/?of=pathway-{pathway}"]),
        Target("lift", [f"/staff/insight/lift/{event.pk}/"], expect=b"Control group"),
        Target("credentials", ["/staff/insight/credentials/?start=2025-01-01"]),
        Target("ce", ["/staff/insight/ce/"]),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["BITEWISE_SECRET_KEY"] = SECRET_KEY
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("BITEWISE_DATA_DIR", str(Path(tempfile.gettempdir()) / "bitewise-bench"))
    sizes = sizes_for(args)
    prepare_database(args.database, reseed=args.reseed, sizes=sizes)
    import django

    django.setup()
    from django.db import connection, connections, transaction
    from django.test.utils import CaptureQueriesContext

    from benchmarks.insight_seed import seed_insight
    from bitewise.insight.services.rollups import rollup_refresh

    seed_if_needed(sizes)
    with transaction.atomic(), connection.connection.cursor() as cur:
        added = seed_insight(cur, now=datetime.now(UTC))
    if added:
        print("insight data:", added)
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
    rollup_seconds = {}
    for name in ("items", "retention"):
        started = time.perf_counter()
        rollup_refresh(name, force=True)
        rollup_seconds[name] = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute(
            "SELECT (SELECT count(*) FROM accounts_user), (SELECT count(*) FROM"
            " learning_lessoncompletion), (SELECT count(*) FROM learning_questionanswer),"
            " (SELECT count(*) FROM insight_retentioncheck WHERE answered_at IS NOT NULL)"
        )
        learners, completions, answers, checks = cur.fetchone()
    cookie = staff_cookie()
    targets = pages()
    from django.test import Client

    queries = {}
    client = Client(SERVER_NAME="127.0.0.1")
    client.cookies[cookie.split("=", 1)[0]] = cookie.split("=", 1)[1]
    from django.core.cache import cache

    alone = {}  # one request at a time, in this process: the page's own cost, kept body
    built = {}  # the same with an empty cache: the figures computed and rendered
    for target in targets:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target.paths[0])
        assert response.status_code == 200, (target.name, response.status_code)
        queries[target.name] = len(captured)
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            client.get(target.paths[0])
            timings.append((time.perf_counter() - started) * 1000)
        alone[target.name] = min(timings)
        timings = []
        for _ in range(3):
            cache.clear()
            started = time.perf_counter()
            client.get(target.paths[0])
            timings.append((time.perf_counter() - started) * 1000)
        built[target.name] = min(timings)
    cache.clear()
    info = machine_info()
    connections.close_all()
    idle = background_load()
    load = Path("/proc/loadavg").read_text().split()[:3]
    load = " / ".join(load) + " (1 / 5 / 15 min)"
    server = start_server(free_port(), _conninfo(args.database)["dbname"])
    rows = []
    try:
        trivial = Target("trivial", ["/bench/trivial"], expect=b"ok")
        for target in [trivial, *targets]:
            result = run_phase(
                "127.0.0.1",
                server.port,
                Target(target.name, target.paths, cookie, target.expect),
                concurrency=args.concurrency,
                warmup_requests=20,
                warmup_seconds=2.0,
                requests=args.requests,
                max_seconds=args.max_seconds,
            )
            rows.append(result)
            print(
                f"{result.name:28} {result.requests:5} req {result.errors} err  "
                f"p50 {result.percentile(50):7.1f} ms  p95 {result.percentile(95):7.1f} ms"
            )
    finally:
        server.stop()
        server.log.unlink(missing_ok=True)
    base = rows[0].percentile(95)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Insight dashboards (benchmarks/insight_bench.py)",
        "",
        f"Run {stamp} on {info['CPU']}, {info['memory']}, {info['PostgreSQL']}; "
        f"gunicorn via `bitewise serve`; {args.concurrency} concurrent staff users, up to "
        f"{args.requests} requests per page. Other processes kept {idle:.2f} cores busy "
        "just before the run (the machine is shared).",
        "",
        f"Data: {learners:,} users, {completions:,} lesson completions, {answers:,} quiz "
        f"answers, {checks:,} answered retention checks. Rollups computed before the load: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in rollup_seconds.items())
        + ". Full scale is `--learners 50000 --completions 500000`.",
        "",
        f"Load average when the load began: {load}. Dashboard bodies are kept in the shared "
        "cache (insight.cache: rollup pages until a recompute, live pages a minute), so the "
        "load mostly reads kept bodies. The last columns are one request at a time in the "
        "benchmark process: with the body kept (best of 5) and built from an empty cache "
        "(best of 3; the queries column counts that one).",
        "",
        "| page | requests | errors | p50 ms | p95 ms | p95 / trivial p95 | queries | alone, "
        "ms | built, ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in rows:
        ratio = result.percentile(95) / base if base else float("nan")
        lines.append(
            f"| {result.name} | {result.requests} | {result.errors} | "
            f"{result.percentile(50):.1f} | {result.percentile(95):.1f} | {ratio:.1f}x | "
            f"{queries.get(result.name, 1)} | "
            + (
                f"{alone[result.name]:.1f} | {built[result.name]:.1f} |"
                if result.name in alone
                else "| |"
            )
        )
    worst = max(r.percentile(95) for r in rows[1:])
    lines += [
        "",
        f"Target: p95 under {P95_TARGET_MS:.0f} ms on every page; worst page p95 here "
        f"{worst:.1f} ms ({'met' if worst < P95_TARGET_MS else 'missed'} at this scale).",
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section("insight", lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
