"""The credentials section of RESULTS.md."""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from benchmarks.credentials.bulk_workers import BulkReport
from benchmarks.credentials.common import (
    BEGIN,
    BULK_TARGET_AWARDS,
    BULK_TARGET_S,
    DB_NAME,
    END,
    RESULTS,
    ROOT,
)
from benchmarks.credentials.one_core import CrossCheck, MicroRound

if TYPE_CHECKING:
    pass


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def _fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def micro_section(
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


def bulk_section(report: BulkReport) -> list[str]:
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
