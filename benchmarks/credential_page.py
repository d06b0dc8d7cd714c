"""The public credential page under load, against the platform floor and a trivial view
served by the same `bitewise serve` in the same run. Run by credentials_bench.py (or alone:
``python -m benchmarks.credential_page`` from the repository root). See README.md.

Target: the credential page's throughput at least 40 % of the platform floor's (a logged-in
page that renders only the site layout), both measured in the same round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "bitewise_credpagebench"
SECTION = "credential-page"
SITE_URL = "https://learn.example.org"
FLOOR_TARGET = 0.40


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--max-seconds", type=float, default=10.0)
    parser.add_argument("--warmup-requests", type=int, default=300)
    parser.add_argument("--warmup-seconds", type=float, default=3.0)
    parser.add_argument("--credentials", type=int, default=40, help="credentials to rotate over")
    parser.add_argument("--profile", action="store_true", help="cProfile each page in-process")
    parser.add_argument("--no-write", action="store_true", help="leave RESULTS.md alone")
    return parser.parse_args(argv)


def prepare(credentials: int) -> tuple[str, list[str], list[str]]:
    """A fresh database with ``credentials`` issued credentials and a logged-in learner:
    (session cookie, credential ids, status list paths)."""
    from cryptography.fernet import Fernet

    from benchmarks.databases import child_env

    env = child_env(bench="credpage", kind="postgres", pg_db=DB_NAME)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        BITEWISE_KEY_ENCRYPTION_KEY=Fernet.generate_key().decode(),
        BITEWISE_SITE_URL=SITE_URL,
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]),
    )
    os.environ.update(env)
    bitewise = Path(sys.executable).parent / "bitewise"
    subprocess.run([str(bitewise), "migrate", "--verbosity", "0"], check=True, cwd=ROOT)

    import django

    django.setup()
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.test import Client

    from bitewise.credentials.models import IssuedCredential
    from bitewise.testing import PASSWORD, earn, make_micro_credential, make_user

    micro_credentials = [make_micro_credential(title=f"Safe Handoffs {n}") for n in range(4)]
    for n in range(credentials):
        learner = make_user()
        learner.display_name = f"Learner {n}"
        learner.save(update_fields=["display_name"])
        earn(learner, micro_credentials[n % len(micro_credentials)])
    issued = list(IssuedCredential.objects.order_by("issued_at"))
    if len(issued) != credentials:
        raise SystemExit(f"expected {credentials} credentials, found {len(issued)}")
    floor_learner = make_user()
    client = Client()
    if not client.login(email=floor_learner.email, password=PASSWORD):
        raise SystemExit("could not log in the floor learner")
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    status_paths = sorted(
        {urlsplit(c.document["credentialStatus"]["statusListCredential"]).path for c in issued}
    )
    return cookie, [str(c.pk) for c in issued], status_paths


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    started = time.perf_counter()
    from benchmarks.catalog_load import (
        Page,
        background_load,
        free_port,
        machine_info,
        measure_queries,
        run_load,
        start_server,
    )

    cookie, ids, status_paths = prepare(args.credentials)
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
            "credential",
            "public credential page `/credentials/<id>` (anonymous)",
            [f"/credentials/{pk}" for pk in ids],
            False,
            b'badge-earned">Valid',
            f"{len(ids)} credentials in turn",
        ),
        Page(
            "json",
            "credential JSON-LD `/credentials/<id>.json` (anonymous)",
            [f"/credentials/{pk}.json" for pk in ids],
            False,
            b'"OpenBadgeCredential"',
        ),
        Page(
            "status",
            "status list `/credentials/status/<id>` (anonymous)",
            status_paths,
            False,
            b'"BitstringStatusListCredential"',
        ),
    ]
    measure_queries(pages, cookie, explain=False, profile=args.profile)
    info = machine_info()
    background = background_load()
    print(f"{info['CPU']}; background {background:.2f} cores", flush=True)
    server = start_server(free_port(), DB_NAME)
    try:
        summaries = run_load(server, pages, cookie, args)
    finally:
        server.stop()
    by_name = {s.page.name: s for s in summaries}
    floor_ratios = [
        page.rps / floor.rps if floor.rps else 0.0
        for page, floor in zip(by_name["credential"].rounds, by_name["floor"].rounds, strict=True)
    ]
    lines = section(summaries, floor_ratios, info, background, args)
    lines.append(f"Run time: {time.perf_counter() - started:.0f} s.")
    print("\n".join(lines))
    if not args.no_write:
        from benchmarks.results import write_section

        write_section(SECTION, lines)
        print(f"\nwrote the {SECTION} section of benchmarks/RESULTS.md")
    return 0


def section(
    summaries: Sequence[object],
    floor_ratios: list[float],
    info: dict[str, str],
    background: float,
    args: argparse.Namespace,
) -> list[str]:
    from benchmarks.catalog_load import Summary

    rows: list[Summary] = [s for s in summaries if isinstance(s, Summary)]
    floor = next(s for s in rows if s.page.name == "floor")
    floor_ratio = statistics.median(floor_ratios)
    credential = next(s for s in rows if s.page.name == "credential")
    cpu_ratio = floor.median("server_ms") / credential.median("server_ms")
    verdict = "met" if floor_ratio >= FLOOR_TARGET else "missed"
    lines = [
        "## The public credential page under load",
        "",
        "Written by `benchmarks/credential_page.py` (run by `credentials_bench.py`; see "
        'README.md, "Credentials"); each run replaces this section.',
        "",
        f"- **date**: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- **machine**: {info['CPU']}, {info['memory']}; {info['OS']}; "
        f"{background:.2f} cores busy with other processes just before the run",
        f"- **stack**: {info['server']}; PostgreSQL {info['PostgreSQL']}; "
        f"Python {info['Python']}, Django {info['Django']}",
        f"- **commit**: {info['commit']}",
        f"- **load**: {args.concurrency} keep-alive clients; per page and round "
        f"{args.warmup_requests} requests or {args.warmup_seconds:g} s of warm-up, then "
        f"{args.requests} requests or {args.max_seconds:g} s; {args.rounds} rounds, medians "
        "reported; pages measured one after another in each round",
        "",
        f"Target: the credential page at least {FLOOR_TARGET:.0%} of the platform floor "
        f"(same round): **{verdict}**, median ratio {floor_ratio:.2f} "
        f"(rounds: {', '.join(f'{r:.2f}' for r in floor_ratios)}). Less sensitive to other "
        "load on the machine, the same comparison by server CPU per request (floor / page, "
        f"medians): {cpu_ratio:.2f}.",
        "",
        "| page | req/s | p50 ms | p95 ms | errors | server CPU ms/req | queries | "
        "in-process ms | / trivial | / floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for summary in rows:
        page = summary.page
        per_round = [
            r.rps / f.rps if f.rps else 0.0
            for r, f in zip(summary.rounds, floor.rounds, strict=True)
        ]
        to_trivial = "1" if page.name == "trivial" else f"{summary.ratio:.3f}"
        lines.append(
            f"| {page.label} | {summary.median('rps'):,.0f} | {summary.median('p50'):.1f} | "
            f"{summary.median('p95'):.1f} | {sum(r.errors for r in summary.rounds)} | "
            f"{summary.median('server_ms'):.2f} | {page.queries} | {page.inprocess_ms:.2f} | "
            f"{to_trivial} | {statistics.median(per_round):.2f} |"
        )
    lines += [
        "",
        "Ratios are taken per round (each page against the trivial view and the floor "
        "measured seconds apart in the same round), then the median; the machine is "
        "shared, so compare ratios rather than raw requests per second. Queries and "
        "in-process time: Django's test client in the benchmark process, one request at "
        "a time; queries are the most over every URL, so for the credential page they "
        "count a credential's first view, which verifies it and stores the check (each "
        "later view: 1 query).",
        "",
    ]
    return lines


if __name__ == "__main__":
    sys.exit(main())
