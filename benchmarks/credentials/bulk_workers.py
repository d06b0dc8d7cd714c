"""Bulk issuing: the database, worker processes issuing slices of the awards as the
event handler does, their SQL timed, and the CPU every process used meanwhile."""

from __future__ import annotations

import cProfile
import multiprocessing
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.credentials.common import (
    ADMIN_CONNINFO,
    BULK_TARGET_AWARDS,
    BULK_TARGET_S,
    DB_NAME,
    DB_URL,
    SITE_URL,
)
from benchmarks.credentials.machine import cpu_times_iowait

if TYPE_CHECKING:
    from multiprocessing.queues import Queue


def bulk_env(fernet_key: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "bitewise.settings.base",
        "DATABASE_URL": DB_URL,
        "BITEWISE_KEY_ENCRYPTION_KEY": fernet_key,
        "BITEWISE_SECRET_KEY": "credbench-only-secret-key-0123456789-not-for-production",
        "BITEWISE_TASKS_BACKEND": "immediate",
        "BITEWISE_EMAIL_BACKEND": "memory",
        "BITEWISE_SITE_URL": SITE_URL,
        "BITEWISE_LOG_LEVEL": "WARNING",
        "BITEWISE_DATA_DIR": tempfile.mkdtemp(prefix="bitewise-credbench-"),
    }


def recreate_database() -> str:
    import psycopg

    if "credbench" not in DB_NAME:  # never drop anything else
        raise SystemExit(f"refusing to drop {DB_NAME}")
    with psycopg.connect(ADMIN_CONNINFO, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def _statement_kind(sql: str) -> str:
    """``SELECT credentials_statuslist FOR UPDATE``, ``INSERT credentials_issuedcredential``…"""
    verb = sql.split(None, 1)[0].upper() if sql.strip() else "?"
    table = ""
    for marker in (" FROM ", " INTO ", "UPDATE "):
        if marker in sql:
            table = sql.split(marker, 1)[1].split(None, 1)[0].strip('"')
            break
    return f"{verb} {table}{' FOR UPDATE' if 'FOR UPDATE' in sql else ''}".strip()


class QueryTimer:
    """Django execute wrapper: client-side time in SQL, with SELECT … FOR UPDATE apart
    (that is where a worker waits for another one's status-list lock)."""

    def __init__(self) -> None:
        self.queries = 0
        self.seconds = 0.0
        self.locking = 0
        self.locking_seconds = 0.0
        self.commits = 0
        self.commit_seconds = 0.0
        self.by_statement: dict[str, float] = {}

    def watch_commits(self, connection: Any) -> None:
        """Time COMMITs too (they do not pass through execute wrappers): wraps this
        connection object's ``_commit``, benchmark-side only."""
        original = connection._commit

        def timed_commit() -> Any:
            start = time.perf_counter()
            try:
                return original()
            finally:
                self.commits += 1
                self.commit_seconds += time.perf_counter() - start

        setattr(connection, "_commit", timed_commit)  # noqa: B010

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            self.queries += 1
            self.seconds += elapsed
            kind = _statement_kind(sql)
            self.by_statement[kind] = self.by_statement.get(kind, 0.0) + elapsed
            if "FOR UPDATE" in sql:
                self.locking += 1
                self.locking_seconds += elapsed


def _issue_slice(
    award_ids: list[int],
    deadline: float,
    profile_path: str | None,
    queue: Queue[dict[str, Any]],
) -> None:
    """A worker process: issue the credential of each award, as the event handler does
    (credentials.handlers.issue_on_earned: load the award, then credential_issue)."""
    from django.db import connection

    from bitewise.credentials.services.issuing import credential_issue
    from bitewise.learning.models import Award

    timer = QueryTimer()
    timer.watch_commits(connection)
    profiler = cProfile.Profile() if profile_path else None
    issued = 0
    cpu0 = time.process_time()
    start = time.perf_counter()
    with connection.execute_wrapper(timer):
        if profiler:
            profiler.enable()
        for award_id in award_ids:
            if time.monotonic() > deadline:
                break
            award = Award.objects.select_related("learner", "micro_credential", "pathway").get(
                pk=award_id
            )
            credential_issue(award=award)
            issued += 1
        if profiler:
            profiler.disable()
    elapsed = time.perf_counter() - start
    if profiler and profile_path:
        profiler.dump_stats(profile_path)
    connection.close()
    queue.put(
        {
            "issued": issued,
            "seconds": elapsed,
            "cpu_seconds": time.process_time() - cpu0,
            "queries": timer.queries,
            "sql_seconds": timer.seconds,
            "locking": timer.locking,
            "locking_seconds": timer.locking_seconds,
            "commits": timer.commits,
            "commit_seconds": timer.commit_seconds,
            "by_statement": timer.by_statement,
        }
    )


@dataclass
class BulkRun:
    workers: int
    awards: int
    issued: int
    wall_seconds: float
    children: list[dict[str, Any]]
    stopped_early: bool
    checks: str = ""

    @property
    def rate(self) -> float:
        return self.issued / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def projected_seconds(self) -> float:
        """Seconds for the target's 10,000 credentials at this run's rate."""
        return BULK_TARGET_AWARDS / self.rate if self.rate else float("inf")

    @property
    def target_met(self) -> bool:
        return self.projected_seconds <= BULK_TARGET_S


@dataclass
class BulkReport:
    awards: int
    postgres: str
    setup_seconds: float
    migrate_seconds: float
    runs: list[BulkRun] = field(default_factory=list)
    profile: dict[str, Any] | None = None
    timings: dict[str, float] = field(default_factory=dict)
    queries: list[str] = field(default_factory=list)
    template: str = ""
    code: str = ""


class CpuSampler:
    """CPU time of every process over a window, read from /proc twice a second (a process
    that exits loses at most its last half second), so a run can say who used the cores:
    its workers, the PostgreSQL backends of the benchmark database, or anything else."""

    def __init__(self, interval: float = 0.5, dbname: str = DB_NAME) -> None:
        self.interval = interval
        self.dbname = dbname  # PostgreSQL's backends of this database count as "postgres"
        self.seen: dict[int, float] = {}
        self.used: dict[int, float] = {}
        self.names: dict[int, str] = {}
        self.tick = os.sysconf("SC_CLK_TCK")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _read(self) -> dict[int, float]:
        found = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
                if pid not in self.names:
                    raw = Path(f"/proc/{pid}/cmdline").read_bytes()
                    self.names[pid] = raw.replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            found[pid] = (int(fields[11]) + int(fields[12])) / self.tick
        return found

    def _sample(self, first: bool = False) -> None:
        for pid, seconds in self._read().items():
            # A process first seen after the start began within the window: all its time counts.
            base = self.seen.get(pid, seconds if first else 0.0)
            self.used[pid] = self.used.get(pid, 0.0) + max(0.0, seconds - base)
            self.seen[pid] = seconds

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> CpuSampler:
        self._stat = cpu_times_iowait()
        self._sample(first=True)
        self.used.clear()
        self.start = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.wall = time.perf_counter() - self.start
        total0, iowait0 = self._stat
        total1, iowait1 = cpu_times_iowait()
        self.iowait = (iowait1 - iowait0) / max(total1 - total0, 1) * (os.cpu_count() or 1)

    def cores(self, workers: set[int]) -> dict[str, float]:
        """Average cores used over the window: workers, PostgreSQL (benchmark database),
        everything else (this process's sampling included)."""
        split = {"workers": 0.0, "postgres": 0.0, "other": 0.0}
        for pid, seconds in self.used.items():
            if pid in workers:
                split["workers"] += seconds
            elif self.dbname in self.names.get(pid, ""):
                split["postgres"] += seconds
            else:
                split["other"] += seconds
        cores = {name: seconds / max(self.wall, 1e-9) for name, seconds in split.items()}
        return {**cores, "iowait": self.iowait}


def run_workers(
    award_ids: list[int], workers: int, max_seconds: float, profile_path: str | None = None
) -> tuple[float, list[dict[str, Any]], bool]:
    from django.db import connections

    connections.close_all()  # forked children open their own connections
    context = multiprocessing.get_context("fork")
    queue: Queue[dict[str, Any]] = context.Queue()
    deadline = time.monotonic() + max_seconds
    start = time.perf_counter()
    processes = [
        context.Process(
            target=_issue_slice,
            args=(award_ids[index::workers], deadline, profile_path, queue),
        )
        for index in range(workers)
    ]
    with CpuSampler() as sampler:
        for process in processes:
            process.start()
        children = [queue.get(timeout=max_seconds + 300) for _ in processes]
        for process in processes:
            process.join(timeout=60)
        wall = time.perf_counter() - start
    if any(process.exitcode != 0 for process in processes):
        raise SystemExit("a bulk worker failed")
    pids = {process.pid for process in processes if process.pid is not None}
    split = sampler.cores(pids)
    for child in children:
        child["cores"] = split  # the same figures for the run, kept with each child
    return wall, children, time.monotonic() > deadline


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def check_issued(award_ids: list[int]) -> str:
    """Every credential distinct in its status slot; a few verify against the DID document."""
    from django.db.models import Count

    from bitewise.credentials.models import IssuedCredential
    from bitewise.credentials.services.issuers import did_document
    from bitewise.credentials.services.status_lists import status_list_credential
    from bitewise.engines import ob3

    issued = IssuedCredential.objects.filter(award_id__in=award_ids)
    clashes = (
        issued.values("status_list_id", "status_index")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    sample = list(issued.select_related("issuer", "status_list").order_by("?")[:3])
    valid = 0
    for credential in sample:
        status_url = credential.document["credentialStatus"]["statusListCredential"]
        status = status_list_credential(status_list=credential.status_list)
        result = ob3.verify_credential(
            credential.document,
            now=datetime.now(UTC),
            key_documents={credential.issuer.did: did_document(issuer=credential.issuer)},
            status_lookup=ob3.status_lookup({status_url: status}),
        )
        valid += result.status == "VALID"
    return f"{clashes} duplicate status slots; {valid}/{len(sample)} sampled credentials VALID"
