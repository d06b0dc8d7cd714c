"""Credentials benchmark: Open Badges 3.0 signing and verifying on one core, side by side
with Digital Bazaar's JavaScript stack, bulk issuing of 10,000 awards against PostgreSQL
with 1 and 2 worker processes, and the public credential page under load against the
platform floor (credential_page.py). See benchmarks/README.md ("Credentials").

    .venv/bin/python benchmarks/credentials_bench.py [--bulk 10000] [--skip-bulk] ...
    .venv/bin/python benchmarks/credentials_bench.py --page-only
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import gc
import json
import logging
import multiprocessing
import os
import platform
import pstats
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
JS_BENCH = ROOT / "benchmarks" / "js" / "credentials_bench.mjs"
INTEROP = ROOT / "tests" / "interop"
BEGIN = "<!-- credentials:begin -->"
END = "<!-- credentials:end -->"
DB_NAME = "bitewise_credbench"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
ADMIN_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
SITE_URL = "https://learn.example.org"
CONTROLLER = "did:web:learn.example.org"
BULK_TARGET_S = 60.0
BULK_TARGET_AWARDS = 10_000
PY_PACKAGES = ("PyLD", "cryptography", "Django", "psycopg", "cachetools")
JS_PACKAGES = (
    "@digitalbazaar/vc",
    "@digitalbazaar/data-integrity",
    "@digitalbazaar/eddsa-rdfc-2022-cryptosuite",
    "@digitalbazaar/ed25519-multikey",
    "jsonld-signatures",
    "jsonld",
    "rdf-canonize",
)


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


# --------------------------------------------------------------------------- environment


def _cpu_times() -> dict[str, tuple[int, int]]:
    """(total, idle) jiffies of the whole machine ("cpu") and of each core ("cpu0", …)."""
    times = {}
    for line in Path("/proc/stat").read_text().splitlines():
        if not line.startswith("cpu"):
            break
        name, *fields = line.split()
        values = [int(v) for v in fields]
        times[name] = (sum(values), values[3] + values[4])
    return times


def _cpu_times_iowait() -> tuple[int, int]:
    """(total, iowait) jiffies of the whole machine."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values), values[4]


def background_load(seconds: float = 2.0) -> tuple[float, dict[str, float]]:
    """Cores kept busy by other processes over ``seconds`` (this process sleeps), in all
    and per core (0..1)."""
    before = _cpu_times()
    time.sleep(seconds)
    after = _cpu_times()
    busy = {}
    for name, (total1, idle1) in after.items():
        total0, idle0 = before.get(name, (total1, idle1))
        busy[name] = ((total1 - total0) - (idle1 - idle0)) / max(total1 - total0, 1)
    per_core = {name: value for name, value in busy.items() if name != "cpu"}
    return busy.get("cpu", 0.0) * len(per_core), per_core


def _run_text(command: Sequence[str]) -> str:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_info() -> dict[str, str]:
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = "unknown"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    versions = []
    for name in PY_PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return {
        "date": _run_text(["date", "-u"]),
        "nproc": _run_text(["nproc"]),
        "cpu": model,
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "python_packages": ", ".join(versions),
        "node": _run_text(["node", "--version"]),
        "commit": _run_text(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "code": code_state(),
    }


CODE_FILES = (
    "src/bitewise/credentials/services/issuing.py",
    "src/bitewise/credentials/services/issuers.py",
    "src/bitewise/engines/ob3/rdfc.py",
    "src/bitewise/engines/ob3/sign.py",
    "src/bitewise/engines/ob3/loader.py",
)


def code_state() -> str:
    """Which of the files on the measured path differ from HEAD (the working tree may be
    edited by others while this runs: the state is read at the start)."""
    changed = []
    for path in CODE_FILES:
        ours = _run_text(["git", "-C", str(ROOT), "hash-object", path])
        head = _run_text(["git", "-C", str(ROOT), "rev-parse", f"HEAD:{path}"])
        if ours != head:
            changed.append(f"{Path(path).name} {ours[:8]}")
    return "as HEAD" if not changed else "modified: " + ", ".join(changed)


def pin(core: int) -> Callable[[], None]:
    def preexec() -> None:
        os.sched_setaffinity(0, {core})

    return preexec


# --------------------------------------------------------------------------- one core


def sample_credential(issued_at: datetime) -> dict[str, Any]:
    """An unsigned OpenBadgeCredential shaped like credential_issue's (issuing.py and
    achievements.py): a micro-credential with two skills, CE credits, a 12-month validity,
    lesson and quiz evidence, and a status list entry."""
    from bitewise.engines import ob3

    profile = ob3.IssuerProfile(
        id=CONTROLLER,
        name="Bitewise Nursing Association",
        url=SITE_URL,
        email="credentials@learn.example.org",
    )
    achievement_id = f"{SITE_URL}/credentials/achievements/micro-credentials/safe-handoffs/v2"
    lessons = ["SBAR in practice", "Medication reconciliation", "Closing the loop"]
    achievement = ob3.Achievement(
        id=achievement_id,
        name="Safe Patient Handoffs",
        description="Structured, safe handoffs between shifts and units.",
        criteria_narrative=(
            f"Complete all {len(lessons)} micro-lessons ({'; '.join(lessons)}) and score at "
            "least 70% on their quiz questions."
        ),
        achievement_type="MicroCredential",
        image=ob3.Image(id=achievement_id + "/badge.png", caption="Safe Patient Handoffs"),
        alignments=(
            ob3.Alignment(
                target_name="Handoff communication",
                target_url="https://frameworks.example.org/nursing/handoffs",
                target_type="ceasn:Competency",
                target_code="NC-4.2",
            ),
            ob3.Alignment(
                target_name="Patient safety",
                target_url=achievement_id,
                target_type="ceasn:Competency",
            ),
        ),
        credits_available=Decimal("1.5"),
        version="2",
        tags=("intermediate", "CNE credit"),
        creator=profile,
    )
    return ob3.build_credential(
        achievement,
        ob3.Recipient(
            email="learner@example.org",
            salt="5f0c3a9e6b1d4c7a8e2f9b0d1c3e5a7f",
            credits_earned=Decimal("1.5"),
        ),
        issuer=profile,
        credential_id=f"{SITE_URL}/credentials/4f1d2c3b-5a6e-4f70-8a9b-0c1d2e3f4a5b",
        valid_from=issued_at,
        valid_until=issued_at.replace(year=issued_at.year + 1),
        awarded=issued_at,
        evidence=[
            ob3.Evidence(
                name="Micro-lessons completed",
                narrative="; ".join(lessons),
                genre="Lesson completion",
            ),
            ob3.Evidence(
                name="Quiz score", narrative="Scored 90% (pass mark 70%).", genre="Assessment"
            ),
        ],
        status=ob3.StatusListEntry(
            list_credential=f"{SITE_URL}/credentials/status/9a8b7c6d-0000-4000-8000-000000000001",
            index=1234,
        ),
        name="Safe Patient Handoffs",
    )


class GcClock:
    """Time spent in Python's cyclic garbage collector (gc.callbacks)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._began = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._began


def _timed(count: int, operation: Callable[[], object]) -> dict[str, float]:
    samples = []
    clock = GcClock()
    start = time.perf_counter()
    for _ in range(count):
        begin = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - begin) * 1000)
    seconds = time.perf_counter() - start
    gc.callbacks.remove(clock._callback)
    samples.sort()
    return {
        "gcSeconds": clock.seconds,
        "count": count,
        "seconds": seconds,
        "opsPerSecond": count / seconds,
        "p50Ms": samples[count // 2],
        "p95Ms": samples[int(count * 0.95)],
    }


def micro_child(spec_path: str) -> None:
    """One Python round (run pinned, in its own process): warm up, then time signing and
    verifying; prints one JSON line like the JS script does."""
    from bitewise.engines import ob3

    spec = json.loads(Path(spec_path).read_text())
    document = spec["credential"]
    created = datetime.fromisoformat(spec["created"])
    now = created + timedelta(days=1)
    key = ob3.Ed25519Key.generate(controller=spec["controller"])
    key_documents = {key.controller: key.controller_document()}
    signed: dict[str, Any] = {}
    # Each operation signs a different credential of the same shape, as issuing does: a
    # new id, subject salt and hash (the engine reuses a shape's expansion, not results).
    variants = []
    for _ in range(spec["warmup"] + spec["count"] + 1):
        variant = copy.deepcopy(document)
        variant["id"] = f"urn:uuid:{uuid.uuid4()}"
        for identifier in variant["credentialSubject"].get("identifier", []):
            identifier["salt"] = secrets.token_hex(8)
            identifier["identityHash"] = "sha256$" + secrets.token_hex(32)
        variants.append(variant)
    next_variant = iter(variants)

    def sign() -> None:
        nonlocal signed
        signed = ob3.sign_credential(next(next_variant), key, created=created)

    failures = 0

    def verify() -> None:
        nonlocal failures
        result = ob3.verify_credential(signed, now=now, key_documents=key_documents)
        # Status is not checked on either side (it leaves the result COULD_NOT_VERIFY).
        if any(not check.ok for check in result.checks if check.name != "status"):
            failures += 1

    for _ in range(spec["warmup"]):
        sign()
        verify()
    if failures:
        raise SystemExit("our own signature does not verify")
    result = {"sign": _timed(spec["count"], sign), "verify": _timed(spec["count"], verify)}
    print(json.dumps({**result, "verifyFailures": failures}))


@dataclass
class MicroRound:
    python: dict[str, Any]
    js: dict[str, Any]


@dataclass
class CrossCheck:
    js_verifies_python: bool
    js_error: str | None
    python_verifies_js: bool
    python_reason: str
    js_self: bool
    js_kept_document: bool


def _json_line(text: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(text.strip().splitlines()[-1])
    return value


def _run_pinned(
    command: list[str], core: int, stdin: str | None = None
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``command`` pinned to ``core``; also returns how busy other processes kept that
    core meanwhile (0..1): the core's busy time less the child's own CPU time."""
    before, usage0, start = (
        _cpu_times(),
        resource.getrusage(resource.RUSAGE_CHILDREN),
        time.perf_counter(),
    )
    finished = subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        preexec_fn=pin(core),
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    after, usage1 = _cpu_times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    name = f"cpu{core}"
    total = after[name][0] - before[name][0]
    busy = total - (after[name][1] - before[name][1])
    busy_fraction = busy / max(total, 1)
    child_cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    return finished, max(0.0, busy_fraction - child_cpu / wall)


def _run_python_round(spec_path: Path, core: int) -> dict[str, Any]:
    finished, other = _run_pinned(
        [sys.executable, str(Path(__file__).resolve()), "--micro-child", str(spec_path)], core
    )
    if finished.returncode != 0:
        raise SystemExit(f"Python round failed:\n{finished.stderr}")
    return {**_json_line(finished.stdout), "otherOnCore": other}


def _run_js(spec: dict[str, Any], core: int) -> dict[str, Any]:
    finished, other = _run_pinned(["node", str(JS_BENCH)], core, json.dumps(spec))
    if finished.returncode != 0:
        raise SystemExit(f"JS benchmark failed:\n{finished.stderr}")
    return {**_json_line(finished.stdout), "otherOnCore": other}


def run_micro(
    args: argparse.Namespace, document: dict[str, Any], created: datetime, workdir: Path
) -> list[MicroRound]:
    spec = {
        "mode": "bench",
        "credential": document,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "controller": CONTROLLER,
        "warmup": args.warmup,
        "count": args.count,
    }
    spec_path = workdir / "micro-spec.json"
    spec_path.write_text(json.dumps(spec))
    rounds = []
    for number in range(args.rounds):
        # Alternate which side goes first, so slow drift in background load hits both.
        if number % 2 == 0:
            python = _run_python_round(spec_path, args.core)
            js = _run_js(spec, args.core)
        else:
            js = _run_js(spec, args.core)
            python = _run_python_round(spec_path, args.core)
        rounds.append(MicroRound(python, js))
        print(
            f"  round {number + 1}: sign py {python['sign']['opsPerSecond']:.1f}/s "
            f"js {js['sign']['opsPerSecond']:.1f}/s; verify py "
            f"{python['verify']['opsPerSecond']:.1f}/s js {js['verify']['opsPerSecond']:.1f}/s",
            flush=True,
        )
    return rounds


def run_cross_check(document: dict[str, Any], created: datetime, core: int) -> CrossCheck:
    from bitewise.engines import ob3
    from bitewise.engines.ob3.eddsa import hash_data

    key = ob3.Ed25519Key.generate(controller=CONTROLLER)
    ours = ob3.sign_credential(document, key, created=created)
    reply = _run_js(
        {
            "mode": "cross",
            "credential": document,
            "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "controller": CONTROLLER,
            "foreign": ours,
            "foreignKeyDocument": key.controller_document(),
        },
        core,
    )
    theirs = reply["signed"]
    result = ob3.verify_credential(
        theirs,
        now=created + timedelta(days=1),
        key_documents={CONTROLLER: reply["keyDocument"]},
    )
    # The hashed statements match when the JS proof options, hashed by us over our own
    # unsigned document, give what the JS signature verified against (it does: see above);
    # compare the canonical document hash directly too, with our proof options.
    their_proof = theirs["proof"]
    unsecured_theirs = {k: v for k, v in theirs.items() if k != "proof"}
    our_proof = ours["proof"][-1]
    same = hash_data(document, our_proof)[32:] == hash_data(unsecured_theirs, their_proof)[32:]
    return CrossCheck(
        js_verifies_python=bool(reply["foreignVerified"]),
        js_error=reply["foreignError"],
        # status is not checked on either side (it leaves the result COULD_NOT_VERIFY)
        python_verifies_js=all(check.ok for check in result.checks if check.name != "status"),
        python_reason=result.reason or "",
        js_self=bool(reply["selfVerified"]),
        js_kept_document=same,
    )


# --------------------------------------------------------------------------- bulk


def _bulk_env(fernet_key: str) -> dict[str, str]:
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

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
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
        self._stat = _cpu_times_iowait()
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
        total1, iowait1 = _cpu_times_iowait()
        self.iowait = (iowait1 - iowait0) / max(total1 - total0, 1) * (os.cpu_count() or 1)

    def cores(self, workers: set[int]) -> dict[str, float]:
        """Average cores used over the window: workers, PostgreSQL (benchmark database),
        everything else (this process's sampling included)."""
        split = {"workers": 0.0, "postgres": 0.0, "other": 0.0}
        for pid, seconds in self.used.items():
            if pid in workers:
                split["workers"] += seconds
            elif DB_NAME in self.names.get(pid, ""):
                split["postgres"] += seconds
            else:
                split["other"] += seconds
        cores = {name: seconds / max(self.wall, 1e-9) for name, seconds in split.items()}
        return {**cores, "iowait": self.iowait}


def _run_workers(
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


def _vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _check_issued(award_ids: list[int]) -> str:
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


def _component_timings(template_award_id: int) -> dict[str, float]:
    """Milliseconds per call of the parts of one issuance, timed directly (no profiler)."""
    from bitewise.credentials.models import IssuedCredential, SigningKey
    from bitewise.credentials.services.issuers import engine_key
    from bitewise.engines import ob3
    from bitewise.engines.ob3.rdfc import canonicalize

    credential = IssuedCredential.objects.select_related("signing_key__issuer").get(
        award_id=template_award_id
    )
    signed = credential.document
    unsecured = {k: v for k, v in signed.items() if k != "proof"}
    proof = signed["proof"][-1]
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = unsecured["@context"]
    signing_key = SigningKey.objects.select_related("issuer").get(pk=credential.signing_key_id)
    key = engine_key(signing_key)
    created = datetime.now(UTC).replace(microsecond=0)

    def per_call(operation: Callable[[], object], count: int) -> float:
        """Best of 3 batches, in ms per call (least disturbed by other processes)."""
        operation()
        batches = []
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(count // 3):
                operation()
            batches.append((time.perf_counter() - start) / (count // 3) * 1000)
        return min(batches)

    from bitewise.credentials import keystore

    return {
        "sign_credential": per_call(
            lambda: ob3.sign_credential(unsecured, key, created=created), 60
        ),
        "canonicalize document": per_call(lambda: canonicalize(unsecured), 60),
        "canonicalize proof options": per_call(lambda: canonicalize(config), 60),
        "canonicalize document, full expansion": (
            per_call(lambda: canonicalize(unsecured, reuse_shapes=False), 60)
            if canonicalize(unsecured, reuse_shapes=False) == canonicalize(unsecured)
            else float("nan")
        ),
        "Ed25519 signature": per_call(lambda: key.sign(b"x" * 64), 2000),
        "decrypt seed (Fernet)": per_call(
            lambda: keystore.decrypt_seed(signing_key.encrypted_seed), 2000
        ),
        "engine_key (decrypt + key)": per_call(lambda: engine_key(signing_key), 2000),
    }


def _profile_summary(path: str, issued: int) -> dict[str, Any]:
    stats = pstats.Stats(path)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, dict[Any, Any]]] = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, tt, _, _) in raw.values())

    def cumulative(file_part: str, name: str, caller: tuple[str, str] | None = None) -> float:
        found = 0.0
        for (file, _, func), (_, _, _, ct, callers) in raw.items():
            if func != name or file_part not in file:
                continue
            if caller is None:
                found += ct
            else:
                found += sum(
                    c[3]
                    for (cfile, _, cfunc), c in callers.items()
                    if cfunc == caller[1] and caller[0] in cfile
                )
        return found

    rdfc = "engines/ob3/rdfc.py"
    buckets = {
        "total (profiled loop)": total,
        "award load (the event handler's query)": cumulative("django/db/models/query.py", "get"),
        "credential_issue": cumulative("services/issuing.py", "credential_issue"),
        "sign_credential": cumulative("ob3/sign.py", "sign_credential"),
        "canonicalize (2 per credential)": cumulative(rdfc, "canonicalize"),
        "  pyld expand, called by canonicalize": cumulative(
            "pyld/jsonld.py", "expand", (rdfc, "canonicalize")
        ),
        "  pyld normalize (to_rdf + URDNA2015)": cumulative(
            "pyld/jsonld.py", "normalize", (rdfc, "canonicalize")
        ),
        "    to_rdf's second expand (already expanded)": cumulative(
            "pyld/jsonld.py", "expand", ("pyld/jsonld.py", "to_rdf")
        ),
        "    URDNA2015 (canonical labelling)": cumulative("pyld/canon.py", "main"),
        "  pyld context processing (inside the expansions)": cumulative(
            "pyld/jsonld.py", "_process_context"
        ),
        "  type-scoped contexts applied while expanding": cumulative(
            "pyld/jsonld.py", "_prepare_nested_context"
        ),
        "    JCS cache keys for inline (type-scoped) contexts": cumulative(
            "c14n/Canonicalize.py", "canonicalize", ("pyld/context_resolver.py", "resolve")
        ),
        "Ed25519 sign": cumulative("ob3/keys.py", "sign"),
        "engine_key (Fernet decrypt + key)": cumulative("services/issuers.py", "engine_key"),
        "build_credential": cumulative("ob3/build.py", "build_credential"),
        "Django ORM queries (SQL compile + execute)": cumulative(
            "django/db/models/sql/compiler.py", "execute_sql"
        ),
        "  SQL execution (cursor.execute)": cumulative("django/db/backends/utils.py", "_execute"),
    }
    top = [
        {
            "calls": f"{nc}/{cc}" if nc != cc else str(nc),
            "tottime": tt,
            "where": f"{file}:{line}({func})",
        }
        for (file, line, func), (cc, nc, tt, _, _) in sorted(
            raw.items(), key=lambda item: item[1][2], reverse=True
        )[:12]
    ]
    term_definitions = sum(
        nc
        for (file, _, func), (_, nc, _, _, _) in raw.items()
        if func == "_create_term_definition" and "pyld/jsonld.py" in file
    )
    return {
        "issued": issued,
        "buckets": buckets,
        "top": top,
        "term_definitions_per_credential": term_definitions / max(issued, 1),
    }


def run_bulk(args: argparse.Namespace) -> BulkReport:
    from cryptography.fernet import Fernet

    setup_start = time.perf_counter()
    postgres = recreate_database()
    env = _bulk_env(Fernet.generate_key().decode())
    os.environ.update(env)
    bitewise_cli = Path(sys.executable).parent / "bitewise"
    migrate_start = time.perf_counter()
    subprocess.run(
        [str(bitewise_cli), "migrate", "--verbosity", "0"],
        check=True,
        env={**os.environ},
        cwd=ROOT,
        timeout=300,
    )
    migrate_seconds = time.perf_counter() - migrate_start

    import django

    django.setup()
    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from bitewise.accounts.models import User
    from bitewise.credentials.models import IssuedCredential
    from bitewise.credentials.services import issuing  # noqa: F401  (imported before code_state)
    from bitewise.learning.models import Award
    from bitewise.testing import earn, make_micro_credential, make_skill, make_user

    code = code_state()  # what the forked workers run: the modules are imported now
    # One award earned the way learners earn it: its snapshot is the template for all.
    learner = make_user()
    micro_credential = make_micro_credential(
        title="Safe Patient Handoffs",
        skills=[make_skill("Handoff communication"), make_skill("Patient safety")],
        validity_months=12,
    )
    earn(learner, micro_credential)
    template = Award.objects.get(learner=learner, micro_credential=micro_credential)
    if not IssuedCredential.objects.filter(award=template).exists():
        raise SystemExit("earning did not issue the template credential (event handlers?)")

    learners = User.objects.bulk_create(
        [
            User(
                email=f"credbench-{index}@bench.example",
                display_name=f"Learner {index}" if index % 3 else "",
                password="!credbench-unusable",
            )
            for index in range(args.bulk)
        ],
        batch_size=2000,
    )
    awards = Award.objects.bulk_create(
        [
            Award(
                learner=user,
                micro_credential=micro_credential,
                micro_credential_version=template.micro_credential_version,
                snapshot=template.snapshot,
                score=template.score,
            )
            for user in learners
        ],
        batch_size=2000,
    )
    award_ids = [award.pk for award in awards]
    _vacuum()
    report = BulkReport(
        awards=len(award_ids),
        postgres=postgres,
        setup_seconds=time.perf_counter() - setup_start,
        migrate_seconds=migrate_seconds,
        code=code,
        template=(
            f"snapshot keys: {', '.join(sorted(template.snapshot))}; "
            f"score {template.score}; {len(json.dumps(template.snapshot))} bytes"
        ),
    )
    print(f"  {len(award_ids):,} awards ready in {report.setup_seconds:.1f} s", flush=True)

    for workers in [int(w) for w in args.workers.split(",") if w.strip()]:
        IssuedCredential.objects.filter(award_id__in=award_ids).delete()
        _vacuum()
        wall, children, stopped = _run_workers(award_ids, workers, args.bulk_max_seconds)
        issued = sum(child["issued"] for child in children)
        run = BulkRun(workers, len(award_ids), issued, wall, children, stopped)
        run.checks = _check_issued(award_ids)
        report.runs.append(run)
        print(
            f"  {workers} worker(s): {issued:,} credentials in {wall:.1f} s = {run.rate:.1f}/s"
            f"{' (stopped at the time limit)' if stopped else ''}; {run.checks}",
            flush=True,
        )

    if args.profile_count > 0 and (args.profile or not all(r.target_met for r in report.runs)):
        subset = award_ids[: args.profile_count]
        IssuedCredential.objects.filter(award_id__in=subset).delete()
        profile_path = str(Path(tempfile.mkdtemp(prefix="credbench-prof-")) / "child.prof")
        _, children, _ = _run_workers(subset, 1, args.bulk_max_seconds, profile_path)
        report.profile = _profile_summary(profile_path, children[0]["issued"])
        report.profile["child"] = children[0]
        report.timings = _component_timings(template.pk)
        print(f"  profiled {children[0]['issued']} issuances in one worker", flush=True)
    report.queries = _queries_of_one(award_ids[-1])
    return report


def _queries_of_one(award_id: int) -> list[str]:
    """The SQL of one issuance (event handler's award load included), abbreviated."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bitewise.credentials.models import IssuedCredential
    from bitewise.credentials.services.issuing import credential_issue
    from bitewise.learning.models import Award

    IssuedCredential.objects.filter(award_id=award_id).delete()
    with CaptureQueriesContext(connection) as captured:
        award = Award.objects.select_related("learner", "micro_credential", "pathway").get(
            pk=award_id
        )
        credential_issue(award=award)
    shortened = []
    for query in captured.captured_queries:
        sql = " ".join(query["sql"].split())
        words = sql.split(" FROM ", 1)
        if sql.startswith("SELECT") and len(words) == 2:
            sql = "SELECT … FROM " + words[1]
        shortened.append(sql[:90] + ("…" if len(sql) > 90 else ""))
    return shortened


# --------------------------------------------------------------------------- report


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def _micro_section(
    rounds: list[MicroRound], cross: CrossCheck, document: dict[str, Any]
) -> list[str]:
    from bitewise.engines.ob3.rdfc import canonicalize

    nquads = canonicalize(document).count("\n")
    lines = [
        "### One core: our Python engine against Digital Bazaar's JavaScript",
        "",
        f"The same unsigned OpenBadgeCredential ({len(json.dumps(document)):,} bytes of JSON, "
        f"{nquads} canonical N-Quads; built with `ob3.build_credential` in the shape "
        "`credential_issue` gives a micro-credential award) is signed (eddsa-rdfc-2022) and "
        "verified by each side, both processes pinned to one core. Python: "
        "`ob3.sign_credential`, `ob3.verify_credential` (key from a controller document, "
        "issuer binding on, no status lookup). JavaScript: `vc.issue` and "
        "`vc.verifyCredential` with `DataIntegrityProof` + the eddsa-rdfc-2022 cryptosuite, a "
        "key from `Ed25519Multikey.generate`, a local document loader over "
        "`src/bitewise/engines/ob3/contexts/` (as `tests/interop/verify.mjs`), status not "
        "checked. Each round is a fresh process per side: warm-up, then the timed operations "
        "one after another. Python signs a different credential of this shape each time (new "
        "id, subject salt and hash, as issuing does); its canonicalization reuses the "
        "shape's JSON-LD expansion (`engines/ob3/rdfc_shapes.py`) and runs URDNA2015 on "
        "every credential; JavaScript expands every time.",
        "",
        "Target: Python at least the JavaScript throughput (ratio Python/JS ≥ 1.00).",
        "",
        "| round | sign/s Python | sign/s JS | sign ratio | verify/s Python | "
        "verify/s JS | verify ratio | other load on the core, Python / JS run |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for number, item in enumerate(rounds, 1):
        ps, js_ = item.python["sign"]["opsPerSecond"], item.js["sign"]["opsPerSecond"]
        pv, jv = item.python["verify"]["opsPerSecond"], item.js["verify"]["opsPerSecond"]
        lines.append(
            f"| {number} | {_fmt(ps)} | {_fmt(js_)} | {ps / js_:.2f} | {_fmt(pv)} | "
            f"{_fmt(jv)} | {pv / jv:.2f} | {item.python['otherOnCore']:.2f} / "
            f"{item.js['otherOnCore']:.2f} |"
        )
    med = {
        (side, op): _median([getattr(r, side)[op]["opsPerSecond"] for r in rounds])
        for side in ("python", "js")
        for op in ("sign", "verify")
    }
    sign_ratio = med["python", "sign"] / med["js", "sign"]
    verify_ratio = med["python", "verify"] / med["js", "verify"]
    lines.append(
        f"| **median** | **{_fmt(med['python', 'sign'])}** | **{_fmt(med['js', 'sign'])}** | "
        f"**{sign_ratio:.2f}** | **{_fmt(med['python', 'verify'])}** | "
        f"**{_fmt(med['js', 'verify'])}** | **{verify_ratio:.2f}** | |"
    )

    def latency(side: str, op: str) -> str:
        p50 = _median([getattr(r, side)[op]["p50Ms"] for r in rounds])
        p95 = _median([getattr(r, side)[op]["p95Ms"] for r in rounds])
        return f"{p50:.1f} / {p95:.1f}"

    def gc_share(side: str, op: str) -> str:
        shares = [
            getattr(r, side)[op].get("gcSeconds", 0.0) / getattr(r, side)[op]["seconds"]
            for r in rounds
        ]
        return f"{_median(shares) * 100:.0f} %"

    failures = sum(r.python["verifyFailures"] + r.js["verifyFailures"] for r in rounds)
    lines += [
        "",
        "Per operation, p50 / p95 ms (medians over the rounds): sign Python "
        f"{latency('python', 'sign')}, JS {latency('js', 'sign')}; verify Python "
        f"{latency('python', 'verify')}, JS {latency('js', 'verify')}. "
        f"Verification failures during the timed loops: {failures}. Share of the timed "
        f"loops spent in garbage collection (medians): sign Python {gc_share('python', 'sign')}"
        f", JS {gc_share('js', 'sign')}; verify Python {gc_share('python', 'verify')}, JS "
        f"{gc_share('js', 'verify')} (V8's collector runs on the same pinned core).",
        "",
        f"- **signing: target {'met' if sign_ratio >= 1 else 'NOT met'}** "
        f"(Python/JS {sign_ratio:.2f})",
        f"- **verifying: target {'met' if verify_ratio >= 1 else 'NOT met'}** "
        f"(Python/JS {verify_ratio:.2f})",
        "",
        "Cross-check (each side's signature checked by the other, separate keys, same "
        "controller): "
        f"JS verifies ours: **{'yes' if cross.js_verifies_python else 'NO'}**"
        f"{'' if cross.js_verifies_python else f' ({cross.js_error})'}; "
        f"ours verifies JS's: **{'yes' if cross.python_verifies_js else 'NO'}**"
        f"{'' if cross.python_verifies_js else f' ({cross.python_reason})'}; "
        f"JS verifies its own: {'yes' if cross.js_self else 'NO'}; `vc.issue` left the "
        "document as we built it (same canonical document hash): "
        f"{'yes' if cross.js_kept_document else 'NO'}.",
    ]
    return lines


def _bulk_section(report: BulkReport) -> list[str]:
    lines = [
        "",
        "### One award at a time, at volume (the event-handler path)",
        "",
        "How fast credentials are issued when awards arrive one by one (learners finishing "
        "micro-credentials; each `credential_earned` event issues one). Staff bulk awards "
        "(a CSV) take the batch path measured by `benchmarks/bulk_award_bench.py`: see "
        '"Bulk awards" in this file, which is where the issue\'s bulk target is judged.',
        "",
        f"{report.awards:,} awards in a throwaway PostgreSQL {report.postgres} database "
        f"(`{DB_NAME}`, same machine, dropped and re-created each run: "
        f"{report.setup_seconds:.0f} s including `bitewise migrate` "
        f"{report.migrate_seconds:.0f} s). One award was earned through learning's services "
        "(`make_micro_credential` + the `earn` helper, its credential issued by the real "
        "`credential_earned` event); the others are bulk-created copies for fresh learners "
        f"({report.template}). Each run deletes the credentials, vacuums, then forks N "
        "worker processes (Django set up in the parent, connections closed before the fork), "
        "each issuing a disjoint slice of the award ids as the event handler does: load the "
        "award with its learner, `credential_issue(award=…)`. Wall time runs from the fork to "
        "the last worker's exit.",
        "",
        f"Code measured (imported before the workers fork): {report.code}.",
        "",
        f"Compared with {BULK_TARGET_AWARDS:,} credentials in {BULK_TARGET_S:.0f} s (the bulk "
        "target, for reference: this path is not the bulk path). A run cut short by "
        "`--bulk-max-seconds`, or one with fewer awards, is judged by the time its rate "
        f"projects for {BULK_TARGET_AWARDS:,}.",
        "",
        "| workers | issued | wall s | credentials/s | s for 10,000 | vs 60 s | "
        "worker CPU % | SQL ms / credential | queries / credential | "
        "FOR UPDATE ms / credential | commits / credential | COMMIT ms / credential | "
        "cores used: workers / PostgreSQL / other / iowait |",
        "|---:|---:|---:|---:|---:|:-:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in report.runs:
        issued = max(run.issued, 1)
        cpu = sum(c["cpu_seconds"] for c in run.children) / sum(c["seconds"] for c in run.children)
        sql_ms = sum(c["sql_seconds"] for c in run.children) / issued * 1000
        lock_ms = sum(c["locking_seconds"] for c in run.children) / issued * 1000
        queries = sum(c["queries"] for c in run.children) / issued
        cores = run.children[0].get("cores", {"workers": 0.0, "postgres": 0.0, "other": 0.0})
        commits = sum(c.get("commits", 0) for c in run.children) / issued
        commit_ms = sum(c.get("commit_seconds", 0.0) for c in run.children) / issued * 1000
        lines.append(
            f"| {run.workers} | {run.issued:,}{' (time limit)' if run.stopped_early else ''} | "
            f"{run.wall_seconds:.1f} | {run.rate:.1f} | {run.projected_seconds:.0f} | "
            f"{'within' if run.target_met else 'above'} | {cpu * 100:.0f} | {sql_ms:.1f} | "
            f"{queries:.1f} | {lock_ms:.1f} | {commits:.1f} | {commit_ms:.1f} | "
            f"{cores['workers']:.2f} / {cores['postgres']:.2f} / {cores['other']:.2f} / "
            f"{cores.get('iowait', 0.0):.2f} |"
        )
    lines += [
        "",
        "Worker CPU % is process CPU time over its wall time (the rest is waiting: on "
        "PostgreSQL, on the other worker's status-list row lock, or for a core). SQL and FOR "
        "UPDATE times are seen from the client; SQL time excludes COMMITs, which are timed "
        "apart (each waits for PostgreSQL's WAL flush, `synchronous_commit` on). Cores "
        "used: average CPU over the run, read from /proc: the workers, the PostgreSQL "
        "backends of the benchmark database, and "
        "every other process on the machine (other benchmarks, tests, the sampler itself), "
        "and CPU time the machine spent idle waiting for disk I/O. "
        "Checks after each run: "
        + "; ".join(f"{run.workers} worker(s): {run.checks}" for run in report.runs)
        + ".",
    ]
    for run in report.runs:
        issued = max(run.issued, 1)
        totals: dict[str, float] = {}
        for child in run.children:
            for kind, seconds in child.get("by_statement", {}).items():
                totals[kind] = totals.get(kind, 0.0) + seconds
        ranked = sorted(totals.items(), key=lambda item: item[1], reverse=True)
        lines += [
            "",
            f"SQL time by statement, {run.workers} worker(s), ms per credential: "
            + ", ".join(f"`{kind}` {seconds / issued * 1000:.2f}" for kind, seconds in ranked)
            + ".",
        ]
    if report.queries:
        lines += [
            "",
            f"The {len(report.queries)} SQL statements of one issuance: "
            + "; ".join(f"`{q}`" for q in report.queries)
            + ".",
        ]
    if report.profile:
        profile = report.profile
        issued = max(profile["issued"], 1)
        total = profile["buckets"]["total (profiled loop)"] or 1.0
        lines += [
            "",
            f"#### Where the time goes (cProfile of one worker, {profile['issued']} credentials)",
            "",
            "cProfile inflates pure-Python code (pyld) more than C code (SQL driver, "
            "cryptography), so read shares, and the direct timings below for absolute "
            "costs.",
            "",
            "| part (cumulative) | ms / credential | share |",
            "|---|---:|---:|",
        ]
        for name, seconds in profile["buckets"].items():
            label = name.replace("  ", "&nbsp;&nbsp;")
            lines.append(
                f"| {label} | {seconds / issued * 1000:.2f} | {seconds / total * 100:.0f} % |"
            )
        lines += [
            "",
            "Top functions by own time:",
            "",
            "| calls | own s | function |",
            "|---:|---:|---|",
        ]
        for row in profile["top"]:
            where = row["where"].replace(str(ROOT) + "/", "").replace("|", "\\|")
            where = where.split("site-packages/")[-1]
            where = where.replace(os.path.dirname(os.__file__) + "/", "")
            lines.append(f"| {row['calls']} | {row['tottime']:.3f} | `{where}` |")
        if report.timings:
            lines += [
                "",
                "Direct timings, no profiler (ms per call, best of 3 batches, one process): "
                + ", ".join(f"{name} {ms:.3f}" for name, ms in report.timings.items())
                + ".",
            ]
        lines += _analysis(report)
    return lines


def _analysis(report: BulkReport) -> list[str]:
    """What the figures of this run say about where a credential's time goes."""
    if not report.profile or not report.timings or not report.runs:
        return []
    buckets = report.profile["buckets"]
    timings = report.timings
    one = min(report.runs, key=lambda run: run.workers)
    many = max(report.runs, key=lambda run: run.workers)
    per_credential_ms = 1000 / one.rate if one.rate else float("inf")
    cpu_ms = sum(c["cpu_seconds"] for c in one.children) / max(one.issued, 1) * 1000
    lock_ms = sum(c["locking_seconds"] for c in many.children) / max(many.issued, 1) * 1000
    sql_ms = sum(c["sql_seconds"] for c in one.children) / max(one.issued, 1) * 1000
    profile_total = buckets["total (profiled loop)"] or 1.0
    sql_share = buckets["  SQL execution (cursor.execute)"] / profile_total
    orm_share = buckets["Django ORM queries (SQL compile + execute)"] / profile_total - sql_share
    sign_share = buckets["sign_credential"] / profile_total
    speedup = many.rate / one.rate if one.rate else 0.0
    return [
        "",
        "#### Reading it",
        "",
        f"- **Per credential.** One worker takes {per_credential_ms:.1f} ms of wall time "
        f"({cpu_ms:.1f} ms of its own CPU). `sign_credential` is "
        f"{timings['sign_credential']:.1f} ms of it (document canonicalization "
        f"{timings['canonicalize document']:.1f} ms and proof options "
        f"{timings['canonicalize proof options']:.1f} ms, timed apart: a credential of a "
        "known shape reuses that shape's JSON-LD expansion, `engines/ob3/rdfc_shapes.py`, "
        "and only URDNA2015 runs again; the full expansion measured "
        f"{timings['canonicalize document, full expansion']:.1f} ms). Signing is "
        f"{sign_share * 100:.0f} % of the profiled loop; Django building and reading the "
        f"SQL statements {orm_share * 100:.0f} %, SQL execution {sql_share * 100:.0f} % "
        f"({sql_ms:.1f} ms of waiting, {len(report.queries)} statements).",
        f"- **Workers** {many.workers} against {one.workers}: {speedup:.2f}x "
        f"({lock_ms:.1f} ms per credential waiting for the status-list row lock).",
        "- **What is left on this path is per-award SQL.** The bulk path resolves the issuer "
        "and key once per batch, reserves status entries in blocks and writes credentials, "
        "awards, accounts and events with `bulk_create`; one award at a time cannot batch, "
        "and at the rates above it does not need to (a learner finishing a micro-credential "
        "waits for one credential).",
    ]


def write_section(text: str) -> None:
    """Replace only our marked section of RESULTS.md (another script owns the rest);
    re-read right before writing so a concurrent edit elsewhere in the file survives."""
    block = f"{BEGIN}\n{text.rstrip()}\n{END}"
    current = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if BEGIN in current and END in current:
        before, rest = current.split(BEGIN, 1)
        _, after = rest.split(END, 1)
        updated = before + block + after
    else:
        updated = current.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(updated)


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
        *_micro_section(rounds, cross, document),
    ]
    if bulk is not None:
        lines += _bulk_section(bulk)
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
