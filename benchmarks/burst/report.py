"""The burst's figures: a line per run while it goes, then the RESULTS.md section."""

from __future__ import annotations

import argparse
import statistics
import time

from benchmarks.burst.journey import Plan
from benchmarks.burst.run import Burst, percentile


def progress_line(round_: int, servers: int, burst: Burst, floor: float) -> str:
    return (
        f"round {round_}, {servers} app server(s): {burst.attendees} attendees in "
        f"{burst.seconds:.1f} s = {burst.journeys_per_s:.2f}/s, {burst.requests_per_s:.1f} "
        f"req/s, p95 {percentile(burst.all_latencies, 95):.0f} ms, log-in p95 "
        f"{percentile(burst.latencies['log in'], 95):.0f} ms; errors {burst.total_errors}, "
        f"journeys failed {len(burst.failures)}; queue lag p95 {percentile(burst.lag_s, 95):.1f}"
        f" s, drained {burst.drain_s:.1f} s after the last response; cards {burst.cards}, "
        f"credentials {burst.credentials}; floor {floor:.0f} req/s"
        + (f"\n  first failure: {burst.failures[0]}" if burst.failures else "")
        + "".join(f"\n  server error: {line}" for line in burst.server_errors[:8])
    )


def _median(runs: list[Burst], value: object) -> float:
    return statistics.median(value(b) for b in runs)  # type: ignore[operator]


def section(
    results: dict[int, list[Burst]],
    floors: dict[int, list[float]],
    *,
    info: dict[str, str],
    background: float,
    args: argparse.Namespace,
    plan: Plan,
) -> list[str]:
    questions = len(plan.correct)
    steps = 3 + 2 + 2 * len(plan.lesson_ids) + 2 + 2 * questions + 2 + 1
    lines = [
        "## A conference-morning burst",
        "",
        "Written by `benchmarks/burst/` (`python -m benchmarks.burst`; see README.md, "
        '"Conference-morning burst"); each run replaces this section.',
        "",
        f"- **date**: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- **machine**: {info['CPU']}, {info['memory']}; {info['OS']}; "
        f"{background:.2f} cores busy with other processes just before the run",
        f"- **stack**: {info['server']} per app server; HAProxy in front (round robin, "
        f"keep-alive) in every setting; {args.workers} RQ workers (`bitewise worker`); "
        "cache and sessions in Redis (`BITEWISE_CACHE_URL`, cached-database sessions), "
        f"the task queue in Redis; PostgreSQL {info['PostgreSQL']}; Python "
        f"{info['Python']}, Django {info['Django']}",
        f"- **commit**: {info['commit']}",
        f"- **scale**: {args.attendees} attendees per setting and round, {args.clients} "
        f"browsers at once (each takes the next attendee when done); {args.rounds} rounds, "
        f"settings alternating within each round, medians reported; {args.warmup} "
        "unmeasured attendees per setting first. The issue's morning is 10,000 attendees "
        "in ten minutes (16.7 a second): `--attendees 10000` replays it",
        f"- **each attendee** ({steps} requests, redirects followed as a browser does): the "
        "log-in page, log in (Argon2 check) to the campaign's lesson, subscribe, both "
        f"lessons done, start the quiz (the assessment), answer its {questions} questions, "
        "submit (passes: the award queues its badge), Today (review cards made from the "
        "answers)",
        "- **queue lag**: per award, its `credential_earned` event from created to handled "
        "(the Open Badges credential signed and the email planned, on the RQ workers); "
        "drained: from the last response to the last event handled",
        "- **platform floor**: a logged-in page that renders only the layout, through the "
        "same HAProxy, measured right after each burst",
        "",
        "| app servers | attendees/s | requests/s | p50 ms | p95 ms | log-in p95 ms | "
        "errors | journeys failed | queue lag p50 / p95 / max s | drained s | review cards | "
        "credentials | floor req/s | burst req/s / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for servers, runs in results.items():
        floor = statistics.median(floors[servers])
        ratio = statistics.median(
            b.requests_per_s / f for b, f in zip(runs, floors[servers], strict=True) if f
        )
        lines.append(
            f"| {servers} | {_median(runs, lambda b: b.journeys_per_s):.2f} | "
            f"{_median(runs, lambda b: b.requests_per_s):.1f} | "
            f"{_median(runs, lambda b: percentile(b.all_latencies, 50)):.0f} | "
            f"{_median(runs, lambda b: percentile(b.all_latencies, 95)):.0f} | "
            f"{_median(runs, lambda b: percentile(b.latencies['log in'], 95)):.0f} | "
            f"{sum(b.total_errors for b in runs)} | {sum(len(b.failures) for b in runs)} | "
            f"{_median(runs, lambda b: percentile(b.lag_s, 50)):.1f} / "
            f"{_median(runs, lambda b: percentile(b.lag_s, 95)):.1f} / "
            f"{_median(runs, lambda b: max(b.lag_s, default=float('nan'))):.1f} | "
            f"{_median(runs, lambda b: b.drain_s):.1f} | "
            f"{sum(b.cards for b in runs)} of {sum(b.attendees for b in runs) * questions} | "
            f"{sum(b.credentials for b in runs)} of {sum(b.attendees for b in runs)} | "
            f"{floor:.0f} | {ratio:.2f} |"
        )
    lines += ["", "Per round (attendees/s, p95, errors):", ""]
    for servers, runs in results.items():
        cells = "; ".join(
            f"{b.journeys_per_s:.2f}/s, {percentile(b.all_latencies, 95):.0f} ms, "
            f"{b.total_errors} errors"
            for b in runs
        )
        lines.append(f"- {servers} app server(s): {cells}")
    lines += ["", "p95 per step (ms, median over rounds):", ""]
    names = list(next(iter(results.values()))[0].latencies)
    lines.append("| step | " + " | ".join(f"{n} server(s)" for n in results) + " |")
    lines.append("|---|" + "---:|" * len(results))
    for name in names:
        cells = [
            f"{_median(runs, lambda b, name=name: percentile(b.latencies[name], 95)):.0f}"
            for runs in results.values()
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    return lines
