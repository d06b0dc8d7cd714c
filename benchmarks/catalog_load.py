"""Load benchmark: the filtered catalog, a lesson and the progress page against
`bitewise serve` (gunicorn) on a large PostgreSQL dataset, each beside a trivial
view served by the same stack in the same run. See benchmarks/README.md.

    .venv/bin/python benchmarks/catalog_load.py [--reseed] [--rounds 3] ...
"""

from __future__ import annotations

import argparse
import cProfile
import http.client
import os
import platform
import pstats
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from benchmarks.seed import Sizes

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
DEFAULT_DB_URL = "postgres://postgres@127.0.0.1:5432/bitewise_bench"
SECRET_KEY = "bench-only-secret-key-0123456789-not-for-production-use"
P95_TARGET_MS = 50.0
RATIO_TARGET = 0.40
# Logged-in pages are held to the platform floor (a logged-in page that renders only the
# site layout) measured in the same round, and to a p95 at 20 clients.
FLOOR_RATIO_TARGET = 0.50
LOGGED_IN_P95_TARGET_MS = 150.0
QUERY_TARGET = 12
MAX_MINUTES = 40  # the catalog filter's "at most (minutes)"
LATEST_BEGIN = "<!-- latest-run:begin -->"
LATEST_END = "<!-- latest-run:end -->"
HISTORY_HEADING = "## History"


# --------------------------------------------------------------------------- setup


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reseed", action="store_true", help="drop and re-create the data")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="per endpoint and round")
    parser.add_argument(
        "--max-seconds", type=float, default=15.0, help="cap per endpoint and round"
    )
    parser.add_argument("--warmup-requests", type=int, default=300)
    parser.add_argument("--warmup-seconds", type=float, default=3.0)
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE plans")
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of each page, in-process"
    )
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--small",
        action="store_true",
        help="a 10x smaller dataset in <database>_small (smoke test; never written)",
    )
    return parser.parse_args(argv)


def _conninfo(url: str, dbname: str | None = None) -> dict[str, Any]:
    parts = urlsplit(url)
    info: dict[str, Any] = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "dbname": dbname or parts.path.lstrip("/"),
    }
    if parts.password:
        info["password"] = parts.password
    return info


def prepare_database(url: str, *, reseed: bool, sizes: Sizes) -> None:
    """Create the database if missing; drop and re-create it on --reseed or when it
    holds other data than this seed (only for a database named *bench*)."""
    import psycopg

    from benchmarks.seed import database_is_empty, meta_matches

    name = _conninfo(url)["dbname"]
    admin = psycopg.connect(**_conninfo(url, "postgres"), autocommit=True)
    with admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        recreate = reseed and exists is not None
        if exists and not reseed:
            with psycopg.connect(**_conninfo(url)) as conn, conn.cursor() as cur:
                cur.execute("SELECT to_regclass('accounts_user')")
                row = cur.fetchone()
                migrated = row is not None and row[0] is not None
                if migrated and not meta_matches(cur, sizes) and not database_is_empty(cur):
                    recreate = True
        if recreate:
            if "bench" not in name:
                raise SystemExit(f"refusing to drop {name!r}: its name does not contain 'bench'")
            print(f"dropping database {name}")
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if exists is None:
            print(f"creating database {name}")
            admin.execute(f'CREATE DATABASE "{name}"')


def seed_if_needed(sizes: Sizes) -> tuple[bool, float]:
    from django.core.management import call_command
    from django.db import connection, transaction

    from benchmarks.seed import BENCH_EMAIL, BENCH_PASSWORD, meta_matches, seed
    from bitewise.accounts.models import User

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter()
    connection.ensure_connection()
    with connection.connection.cursor() as cur:
        if meta_matches(cur, sizes):
            return False, 0.0
    print("seeding (COPY)…", flush=True)
    with transaction.atomic():  # data, password and seed marker commit together
        with connection.connection.cursor() as cur:
            report = seed(cur, sizes)
        learner = User.objects.get(email=BENCH_EMAIL)
        learner.set_password(BENCH_PASSWORD)
        learner.save(update_fields=["password"])
    copied = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    done = time.perf_counter()
    print(
        f"seeded in {done - started:.1f}s (migrate {migrated - started:.1f}s, generate+COPY "
        f"{copied - migrated:.1f}s, VACUUM ANALYZE {done - copied:.1f}s): {report.counts}",
        flush=True,
    )
    return True, done - started


def dataset_counts() -> dict[str, int]:
    from django.db import connection

    tables = {
        "lessons": "catalog_lesson",
        "micro-credentials": "catalog_microcredential",
        "published micro-credentials": "catalog_microcredential WHERE status = 'published'",
        "skills": "catalog_skill",
        "questions": "catalog_question",
        "pathways": "catalog_pathway",
        "learners": "accounts_user",
        "lesson completions": "learning_lessoncompletion",
        "enrollments": "learning_enrollment",
        "question answers": "learning_questionanswer",
        "awards": "learning_award",
    }
    counts = {}
    with connection.cursor() as cur:
        for label, source in tables.items():
            cur.execute(f"SELECT count(*) FROM {source}")
            counts[label] = int(cur.fetchone()[0])
    return counts


# --------------------------------------------------------------------------- targets


@dataclass
class Page:
    name: str
    label: str
    paths: list[str]
    logged_in: bool
    expect: bytes
    note: str = ""
    queries: int = 0  # the most over every URL, each seen for the first time
    queries_again: int = 0  # the most over every URL seen again (what the cache leaves)
    sql_ms: float = 0.0
    inprocess_ms: float = 0.0


def build_pages() -> tuple[list[Page], str]:
    """The endpoints to load and the benchmark learner's session cookie."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from benchmarks.seed import BENCH_EMAIL, BENCH_PASSWORD

    client = Client()
    if not client.login(email=BENCH_EMAIL, password=BENCH_PASSWORD):
        raise SystemExit("could not log in as the benchmark learner")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"

    with connection.cursor() as cur:
        # The filters with the most results (the full dataset fills several pages).
        cur.execute(
            """
            SELECT s.slug, mc.level, count(*) FROM catalog_microcredential mc
            JOIN catalog_microcredential_skills ms ON ms.microcredential_id = mc.id
            JOIN catalog_skill s ON s.id = ms.skill_id
            WHERE mc.status = 'published' AND mc.estimated_minutes <= %s
            GROUP BY s.slug, mc.level
            ORDER BY count(*) DESC, s.slug, mc.level LIMIT 6
            """,
            [MAX_MINUTES],
        )
        filters = cur.fetchall()
        cur.execute(
            """
            SELECT mc.slug, m.lesson_id FROM learning_enrollment e
            JOIN accounts_user u ON u.id = e.learner_id
            JOIN catalog_microcredential mc ON mc.id = e.micro_credential_id
            JOIN catalog_microcredentiallesson m ON m.micro_credential_id = mc.id
            WHERE u.email = %s AND e.is_active AND mc.status = 'published'
            ORDER BY mc.slug, m.position, m.id
            """,
            [BENCH_EMAIL],
        )
        lessons = cur.fetchall()
        cur.execute(
            "SELECT count(*), count(*) FILTER (WHERE e.is_active) FROM learning_enrollment e "
            "JOIN accounts_user u ON u.id = e.learner_id WHERE u.email = %s",
            [BENCH_EMAIL],
        )
        enrolled, active = cur.fetchone()
        cur.execute(
            "SELECT count(*) FROM learning_lessoncompletion c "
            "JOIN accounts_user u ON u.id = c.learner_id WHERE u.email = %s",
            [BENCH_EMAIL],
        )
        completed = cur.fetchone()[0]
    if not filters or not lessons:
        raise SystemExit("the seeded data has no usable catalog filters or lessons")
    matches = sorted(n for _, _, n in filters)
    pages = [
        Page("trivial", "trivial view `/bench/trivial`", ["/bench/trivial"], False, b"ok"),
        Page(
            "floor",
            "platform floor `/bench/layout`: the site layout only (logged in)",
            ["/bench/layout"],
            True,
            b"Log out",
        ),
        Page(
            "catalog",
            "filtered catalog `/?skill=…&level=…&max_minutes=40` (anonymous)",
            [f"/?skill={s}&level={lv}&max_minutes={MAX_MINUTES}" for s, lv, _ in filters],
            False,
            b"Show results",
            f"{len(filters)} filter combinations, {matches[0]} to {matches[-1]} matches each",
        ),
        Page(
            "lesson",
            "lesson page `/m/<slug>/lessons/<id>/` (logged in)",
            [f"/m/{slug}/lessons/{lid}/" for slug, lid in lessons],
            True,
            b"Log out",
            f"every lesson of the learner's {active} active subscriptions ({len(lessons)} URLs)",
        ),
        Page(
            "progress",
            "progress page `/me/progress/` (logged in)",
            ["/me/progress/"],
            True,
            b"My progress</h1>",
            f"learner with {enrolled} subscriptions ({active} active), {completed} lessons done",
        ),
    ]
    return pages, cookie


def measure_queries(pages: Sequence[Page], cookie: str, *, explain: bool, profile: bool) -> None:
    """Query count (max over each page's URLs: first views, from an empty cache, and
    views again), SQL time and whole-request time, with Django's test client in this
    process against the seeded database."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    sql_seconds: list[float] = []

    def timer(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds.append(time.perf_counter() - started)

    name, value = cookie.split("=", 1)
    cache.clear()  # first views: nothing kept from an earlier run
    session = Client(SERVER_NAME="127.0.0.1")
    session.cookies[name] = value
    session.get("/bench/layout")  # the session back in the cache, as after logging in
    for page in pages:
        client = Client(SERVER_NAME="127.0.0.1")
        if page.logged_in:
            client.cookies[name] = value
        first = []
        for path in page.paths:
            with CaptureQueriesContext(connection) as ctx:
                client.get(path)
            first.append(len(ctx.captured_queries))
        paths = page.paths[:20]  # timed; queries are counted on every URL
        counts = []
        sql = []
        total = []
        for i, path in enumerate(page.paths):
            best_total = best_sql = float("inf")
            # The fastest of three, to shed noise from other processes.
            for _ in range(3 if i < len(paths) else 1):
                sql_seconds.clear()
                with CaptureQueriesContext(connection) as ctx, connection.execute_wrapper(timer):
                    started = time.perf_counter()
                    response = client.get(path)
                    best_total = min(best_total, (time.perf_counter() - started) * 1000)
                best_sql = min(best_sql, sum(sql_seconds) * 1000)
                if response.status_code != 200 or page.expect not in response.content:
                    raise SystemExit(f"{page.name}: GET {path} -> {response.status_code}")
                counts.append(len(ctx.captured_queries))
            if i < len(paths):
                total.append(best_total)
                sql.append(best_sql)
        page.queries = max(first)
        page.queries_again = max(counts)
        page.sql_ms = statistics.mean(sql)
        page.inprocess_ms = statistics.mean(total)
        print(
            f"{page.name:>9}: at most {page.queries} queries over {len(page.paths)} URLs "
            f"({page.queries_again} seen again); "
            f"{page.sql_ms:.1f} ms in SQL (wall), {page.inprocess_ms:.1f} ms whole request "
            f"(in-process, best of 3, mean of {len(paths)} URLs)"
        )
        if profile and page.name != "trivial":
            profiler = cProfile.Profile()
            profiler.enable()
            for path in paths:
                client.get(path)
            profiler.disable()
            print(f"\n=== profile of {len(paths)} {page.name} requests (cumulative)")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"bitewise|template", 30)
        if explain and page.name != "trivial":
            with CaptureQueriesContext(connection) as ctx:
                client.get(page.paths[0])
            print(f"\n=== {page.name}: {page.paths[0]}")
            with connection.cursor() as cur:
                for q in ctx.captured_queries:
                    print(f"\n-- {float(q['time']) * 1000:.2f} ms: {q['sql'][:400]}")
                    if q["sql"].lstrip().upper().startswith("SELECT"):
                        cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {q['sql']}")
                        print("\n".join("   " + r[0] for r in cur.fetchall()))


# --------------------------------------------------------------------------- server


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    dbname: str

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, dbname: str) -> Server:
    bitewise = Path(sys.executable).parent / "bitewise"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    log = Path(tempfile.mkstemp(prefix="bitewise-bench-", suffix=".log")[1])
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [str(bitewise), "serve", "--bind", f"127.0.0.1:{port}", "--no-migrate"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,  # the access log
            stderr=stderr,
            start_new_session=True,
        )
    server = Server(process, port, log, dbname)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/bench/trivial")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise SystemExit(f"server did not answer in 60 s:\n{log.read_text()[-3000:]}")


# --------------------------------------------------------------------------- CPU


@dataclass
class CpuSample:
    server: dict[int, float]  # pid -> CPU seconds so far
    postgres: dict[int, float]
    busy: float
    total: float


def _spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two samples by the processes seen at the second."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


class CpuTracker:
    """CPU spent by gunicorn and the benchmark database's PostgreSQL backends between
    ``start`` and ``stop``. A thread re-reads /proc every half second and keeps the last
    value seen per process, so a backend that exits meanwhile (connections are recycled
    after CONN_MAX_AGE) loses at most its last second instead of all of it. The thread's
    own CPU is kept apart (``own_cpu``) so it is not billed to the load generator."""

    def __init__(self, server_pid: int, dbname: str, interval: float = 1.0) -> None:
        self.server_pid = server_pid
        self.dbname = dbname
        self.interval = interval
        self.first: CpuSample | None = None
        self.last: CpuSample | None = None
        self.own_cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _merge(self) -> None:
        started = time.thread_time()
        sample = cpu_sample(self.server_pid, self.dbname)
        if self.last is not None:
            sample.server = {**self.last.server, **sample.server}
            sample.postgres = {**self.last.postgres, **sample.postgres}
        self.last = sample
        self.own_cpu += time.thread_time() - started

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._merge()

    def start(self) -> None:
        self.first = cpu_sample(self.server_pid, self.dbname)
        self.last = self.first
        self.own_cpu = 0.0
        self._thread.start()

    def stop(self) -> tuple[float, float, float, float]:
        """(server CPU s, postgres CPU s, machine busy CPU s, wall s)."""
        self._stop.set()
        self._thread.join()
        self._merge()
        first, last = self.first, self.last
        assert first is not None and last is not None
        wall = (last.total - first.total) / (os.cpu_count() or 1)
        return (
            _spent(first.server, last.server),
            _spent(first.postgres, last.postgres),
            last.busy - first.busy,
            wall,
        )


def _proc_stats() -> list[tuple[int, str, int, float]]:
    """(pid, comm, ppid, cpu seconds) of every readable process."""
    tick = os.sysconf("SC_CLK_TCK")
    rows = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / tick
        rows.append((int(entry.name), comm, int(fields[1]), cpu))
    return rows


def _is_backend_of(pid: int, dbname: str) -> bool:
    """A PostgreSQL backend serving ``dbname`` ("postgres: user db host(port) state")."""
    try:
        title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    return f" {dbname} " in title


def cpu_sample(server_pid: int, dbname: str) -> CpuSample:
    """CPU seconds so far of gunicorn (master and workers), of the PostgreSQL backends
    of the benchmark database, and of the whole machine (busy and total)."""
    rows = _proc_stats()
    server = {pid: cpu for pid, _, ppid, cpu in rows if server_pid in (pid, ppid)}
    postgres = {
        pid: cpu
        for pid, comm, _, cpu in rows
        if comm.startswith("postgres") and _is_backend_of(pid, dbname)
    }
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    tick = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]
    return CpuSample(server, postgres, (sum(values) - idle) / tick, sum(values) / tick)


def background_load(seconds: float = 2.0) -> float:
    """Cores kept busy by other processes while this script idles."""
    before = cpu_sample(-1, "")
    time.sleep(seconds)
    after = cpu_sample(-1, "")
    ncpu = os.cpu_count() or 1
    return (after.busy - before.busy) / ((after.total - before.total) / ncpu or 1.0)


# --------------------------------------------------------------------------- load


@dataclass
class Round:
    rps: float
    p50: float
    p95: float
    errors: int
    requests: int
    seconds: float
    loadgen_ms: float  # CPU per request
    server_ms: float
    postgres_ms: float
    other_cores: float  # CPU used by everything else on the machine, in cores


BASELINES = ("trivial", "floor")


@dataclass
class Summary:
    page: Page
    rounds: list[Round] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)  # to the trivial view, per round
    floor_ratios: list[float] = field(default_factory=list)  # to the floor, per round

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.rounds)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios) if self.ratios else 1.0

    @property
    def floor_ratio(self) -> float:
        return statistics.median(self.floor_ratios) if self.floor_ratios else 1.0

    @property
    def is_baseline(self) -> bool:
        return self.page.name in BASELINES

    @property
    def held_to_floor(self) -> bool:
        """Logged-in pages are judged against the floor; anonymous ones against trivial."""
        return self.page.logged_in and not self.is_baseline

    @property
    def p95_ok(self) -> bool:
        if self.held_to_floor:
            return self.median("p95") < LOGGED_IN_P95_TARGET_MS
        return self.median("p95") <= P95_TARGET_MS

    @property
    def ratio_ok(self) -> bool:
        if self.held_to_floor:
            return self.floor_ratio >= FLOOR_RATIO_TARGET
        return self.ratio >= RATIO_TARGET

    @property
    def meets(self) -> bool:
        return (
            self.p95_ok
            and self.ratio_ok
            and self.page.queries <= QUERY_TARGET
            and not any(r.errors for r in self.rounds)
        )


def run_load(
    server: Server, pages: Sequence[Page], cookie: str, args: argparse.Namespace
) -> list[Summary]:
    from benchmarks.loadgen import Target, run_phase

    summaries = [Summary(p) for p in pages]
    for n in range(1, args.rounds + 1):
        trivial_rps = floor_rps = 0.0
        for summary in summaries:
            page = summary.page
            target = Target(page.name, page.paths, cookie if page.logged_in else "", page.expect)
            tracker = CpuTracker(server.process.pid, server.dbname)
            result = run_phase(
                "127.0.0.1",
                server.port,
                target,
                concurrency=args.concurrency,
                warmup_requests=args.warmup_requests,
                warmup_seconds=args.warmup_seconds,
                requests=args.requests,
                max_seconds=args.max_seconds,
                on_start=tracker.start,
            )
            server_cpu, postgres_cpu, busy, wall = tracker.stop()
            done = max(result.requests + result.errors, 1)
            loadgen_cpu = max(result.loadgen_cpu_s - tracker.own_cpu, 0.0)
            other = busy - server_cpu - postgres_cpu - result.loadgen_cpu_s
            row = Round(
                rps=result.rps,
                p50=result.percentile(50),
                p95=result.percentile(95),
                errors=result.errors,
                requests=result.requests,
                seconds=result.seconds,
                loadgen_ms=loadgen_cpu * 1000 / done,
                server_ms=server_cpu * 1000 / done,
                postgres_ms=postgres_cpu * 1000 / done,
                other_cores=max(other, 0.0) / wall if wall else 0.0,
            )
            summary.rounds.append(row)
            if page.name == "trivial":
                trivial_rps = row.rps
            else:
                summary.ratios.append(row.rps / trivial_rps if trivial_rps else 0.0)
            if page.name == "floor":
                floor_rps = row.rps
            elif floor_rps:
                summary.floor_ratios.append(row.rps / floor_rps)
            extra = f", {result.errors} errors {result.statuses}" if result.errors else ""
            print(
                f"round {n} {page.name:>9}: {row.rps:7.1f} req/s  p50 {row.p50:6.1f} ms  "
                f"p95 {row.p95:6.1f} ms  ({row.requests} in {row.seconds:.1f}s; CPU/req: "
                f"server {row.server_ms:.2f} ms, postgres {row.postgres_ms:.2f} ms, "
                f"loadgen {row.loadgen_ms:.2f} ms; other processes {row.other_cores:.2f} cores)"
                f"{extra}",
                flush=True,
            )
    return summaries


# --------------------------------------------------------------------------- report


def _git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' + uncommitted changes in src/' if dirty else ''}"


def machine_info() -> dict[str, str]:
    import django
    import gunicorn
    from django.db import connection

    meminfo = Path("/proc/meminfo").read_text()
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
    model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
        cur.execute("SHOW shared_buffers")
        shared = cur.fetchone()[0]
    workers = os.environ.get("BITEWISE_WEB_WORKERS", str((os.cpu_count() or 1) + 1))
    threads = os.environ.get("BITEWISE_WEB_THREADS", "4")
    return {
        "CPU": f"{len(os.sched_getaffinity(0))} cores (nproc)"
        + (f", {model.group(1).strip()}" if model else ""),
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": f"{pg} (shared_buffers {shared}), same machine",
        "server": f"`bitewise serve`: gunicorn {gunicorn.__version__} gthread, "
        f"{workers} workers x {threads} threads, access log on",
        "commit": _git_commit(),
    }


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def render_section(
    summaries: Sequence[Summary],
    counts: dict[str, int],
    info: dict[str, str],
    args: argparse.Namespace,
    date: str,
    seeded: tuple[bool, float],
) -> str:
    by = {s.page.name: s for s in summaries}
    trivial = by["trivial"]
    out = [LATEST_BEGIN, f"## Latest run: {date}", ""]
    out += [f"- **{k}**: {v}" for k, v in info.items()]
    dataset = ", ".join(f"{v:,} {k}" for k, v in counts.items())
    out.append(f"- **dataset**: {dataset}")
    out.append(
        f"- **load**: {args.concurrency} concurrent keep-alive clients (closed loop), "
        f"{args.warmup_requests} warm-up requests (≤ {args.warmup_seconds:g} s) then "
        f"{args.requests} requests (≤ {args.max_seconds:g} s) per endpoint, "
        f"{args.rounds} rounds, medians reported; the load generator runs on the same "
        "2 cores as gunicorn and PostgreSQL"
    )
    if seeded[0]:
        out.append(f"- **seeding**: this run seeded the database in {seeded[1]:.0f} s")
    out += [
        "",
        f"Targets: anonymous pages p95 ≤ {P95_TARGET_MS:g} ms and throughput ≥ "
        f"{RATIO_TARGET:.0%} of the trivial view's; logged-in pages p95 < "
        f"{LOGGED_IN_P95_TARGET_MS:g} ms and throughput ≥ {FLOOR_RATIO_TARGET:.0%} of the "
        f"platform floor's (the same round); ≤ {QUERY_TARGET} SQL queries per page. Ratios "
        "are taken per round, then the median. Server CPU per request (floor / page) is "
        "the same comparison, less sensitive to other load on the machine.",
        "",
        "| endpoint | req/s | p50 ms | p95 ms | ratio to trivial | ratio to floor "
        "| server CPU ms/req | CPU floor / page | queries first / again | p95 ok | ratio ok "
        "| queries ok "
        "| target met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|:-:|:-:|",
    ]
    floor = by.get("floor")
    for s in summaries:
        base = s.is_baseline

        def mark(ok: bool, base: bool = base) -> str:
            return "n/a" if base else ("yes" if ok else "NO")

        to_floor = f"{s.floor_ratio:.2f}" if s.floor_ratios or s.page.name == "floor" else "n/a"
        cpu = s.median("server_ms") + s.median("postgres_ms")
        floor_cpu = (
            floor.median("server_ms") + floor.median("postgres_ms") if floor else float("nan")
        )
        out.append(
            f"| {s.page.name} | {_fmt(s.median('rps'))} | {_fmt(s.median('p50'))} | "
            f"{_fmt(s.median('p95'))} | {'1.00' if s.page.name == 'trivial' else f'{s.ratio:.2f}'} "
            f"| {to_floor} | {cpu:.2f} | {floor_cpu / cpu if cpu else 0:.2f} | "
            f"{s.page.queries} / {s.page.queries_again} | {mark(s.p95_ok)} | "
            f"{mark(s.ratio_ok)} | "
            f"{mark(s.page.queries <= QUERY_TARGET)} | "
            f"{'baseline' if base else ('**yes**' if s.meets else '**no**')} |"
        )
    out.append("")
    for s in summaries:
        page = s.page
        out += [f"### {page.name}: {page.label}", ""]
        if page.note:
            out += [f"{page.note}.", ""]
        if not s.is_baseline or page.name == "floor":
            out += [
                f"In-process (Django test client, one request at a time): at most "
                f"{page.queries} queries over all {len(page.paths)} URLs seen for the first "
                f"time, from an empty cache, and {page.queries_again} seen again; "
                f"{page.sql_ms:.1f} ms waiting on SQL and {page.inprocess_ms:.1f} ms per "
                f"request (wall clock, best of 3, mean over {min(len(page.paths), 20)} URLs).",
                "",
            ]
        out += [
            "| round | req/s | p50 ms | p95 ms | ratio to trivial | ratio to floor | errors "
            "| CPU ms/req server | postgres | loadgen | other processes, cores |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for i, r in enumerate(s.rounds):
            ratio = "1.00" if page.name == "trivial" else f"{s.ratios[i]:.2f}"
            to_floor = f"{s.floor_ratios[i]:.2f}" if i < len(s.floor_ratios) else "n/a"
            out.append(
                f"| {i + 1} | {_fmt(r.rps)} | {_fmt(r.p50)} | {_fmt(r.p95)} | {ratio} | "
                f"{to_floor} | {r.errors} | {r.server_ms:.2f} | {r.postgres_ms:.2f} | "
                f"{r.loadgen_ms:.2f} | {r.other_cores:.2f} |"
            )
        ratio = "1.00" if page.name == "trivial" else f"{s.ratio:.2f}"
        to_floor = f"{s.floor_ratio:.2f}" if s.floor_ratios else "n/a"
        out += [
            f"| **median** | **{_fmt(s.median('rps'))}** | **{_fmt(s.median('p50'))}** | "
            f"**{_fmt(s.median('p95'))}** | **{ratio}** | **{to_floor}** | "
            f"{sum(r.errors for r in s.rounds)} | {s.median('server_ms'):.2f} | "
            f"{s.median('postgres_ms'):.2f} | {s.median('loadgen_ms'):.2f} | "
            f"{s.median('other_cores'):.2f} |",
            "",
        ]
    pages = [s for s in summaries if not s.is_baseline]
    missed = [s.page.name for s in pages if not s.meets]
    verdict = (
        "**All targets met.**"
        if not missed
        else f"**Targets missed by: {', '.join(missed)}.** See the analysis below."
    )
    out += [verdict, "", f"(Trivial baseline: {_fmt(trivial.median('rps'))} req/s.)", LATEST_END]
    return "\n".join(out)


def history_row(summaries: Sequence[Summary], date: str, commit: str) -> str:
    cells = [date, commit]
    for s in summaries:
        if s.page.name == "trivial":
            cells.append(_fmt(s.median("rps"), 0))
        elif s.page.name == "floor":
            cells.append(f"{_fmt(s.median('rps'), 0)} / {s.ratio:.2f}")
        else:
            to_floor = f" / {s.floor_ratio:.2f}" if s.held_to_floor else ""
            cells.append(
                f"{_fmt(s.median('rps'), 0)} / {s.ratio:.2f}{to_floor} / "
                f"{_fmt(s.median('p95'))} / {s.page.queries}"
            )
    met = all(s.meets for s in summaries if not s.is_baseline)
    cells.append("yes" if met else "no")
    return "| " + " | ".join(cells) + " |"


RESULTS_HEADER = """# Benchmark results

Written by `benchmarks/catalog_load.py` (`make bench`; see `README.md` here). Each run
replaces the "Latest run" section and adds a line to "History"; the rest of this file
is kept as written.

"""

HISTORY_TABLE = """Since the platform floor was added. Per page: median req/s / ratio to trivial
(/ ratio to the floor, for logged-in pages) / p95 ms / queries; the floor: req/s / ratio
to trivial.

| date (UTC) | commit | trivial req/s | floor | catalog | lesson | progress | targets met |
|---|---|---:|---|---|---|---|:-:|
"""


def write_results(section: str, row: str) -> None:
    """Replace the latest run; add ``row`` at the end of the history table (made the
    first time), which other benchmarks' sections may follow."""
    text = RESULTS.read_text() if RESULTS.exists() else RESULTS_HEADER
    if LATEST_BEGIN in text and LATEST_END in text:
        head, rest = text.split(LATEST_BEGIN, 1)
        text = head + section + rest.split(LATEST_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    if HISTORY_HEADING not in text:
        text = text.rstrip("\n") + f"\n\n{HISTORY_HEADING}\n\n"
    head, history = text.split(HISTORY_HEADING, 1)
    if HISTORY_TABLE not in history:
        # After the history's own lines (an older table), before the next section.
        lines = history.split("\n")
        end = next(
            (i for i, line in enumerate(lines) if i and line.startswith(("<!--", "#"))),
            len(lines),
        )
        before = "\n".join(lines[:end]).rstrip("\n")
        after = "\n".join(lines[end:])
        history = f"{before}\n\n{HISTORY_TABLE}" + (f"\n{after}" if after else "")
    table_head, table_rest = history.split(HISTORY_TABLE, 1)
    rows = table_rest.split("\n")
    last = next((i for i, line in enumerate(rows) if not line.startswith("|")), len(rows))
    rows.insert(last, row)
    RESULTS.write_text(head + HISTORY_HEADING + table_head + HISTORY_TABLE + "\n".join(rows))


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.seed import Sizes

    url = os.environ.get("BITEWISE_BENCH_DATABASE_URL", DEFAULT_DB_URL)
    sizes = Sizes()
    if args.small:
        url = url.rstrip("/") + "_small"
        sizes = Sizes(lessons=1000, micro_credentials=200, learners=5000, completions=50_000)
        args.no_write = True
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["BITEWISE_SECRET_KEY"] = SECRET_KEY
    os.environ.setdefault("BITEWISE_DATA_DIR", str(Path(tempfile.gettempdir()) / "bitewise-bench"))

    started = time.perf_counter()
    prepare_database(url, reseed=args.reseed, sizes=sizes)
    import django

    django.setup()
    from django.db import connections

    seeded = seed_if_needed(sizes)
    counts = dataset_counts()
    print("dataset:", ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    pages, cookie = build_pages()
    measure_queries(pages, cookie, explain=args.explain, profile=args.profile)
    info = machine_info()
    connections.close_all()

    idle = background_load()
    if idle > 0.25:
        print(f"warning: other processes keep {idle:.2f} cores busy; figures will be noisy")
    info["background load"] = (
        f"{idle:.2f} cores busy with other processes just before the run (sampled 2 s)"
    )
    server = start_server(args.port or free_port(), _conninfo(url)["dbname"])
    try:
        summaries = run_load(server, pages, cookie, args)
    finally:
        server.stop()
        server.log.unlink(missing_ok=True)

    date = datetime.now(UTC).strftime("%a %b %d %H:%M:%S UTC %Y")
    section = render_section(summaries, counts, info, args, date, seeded)
    print("\n" + section)
    if not args.no_write:
        write_results(section, history_row(summaries, date, info["commit"]))
        print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    print(f"total {time.perf_counter() - started:.0f} s")
    met = all(s.meets for s in summaries if not s.is_baseline)
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
