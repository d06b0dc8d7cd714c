"""Bulk issuing of 10,000 awards with 1 and 2 workers: the runs and the report they
feed."""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.credentials.bulk_profile import component_timings, profile_summary
from benchmarks.credentials.bulk_workers import (
    BulkReport,
    BulkRun,
    bulk_env,
    check_issued,
    recreate_database,
    run_workers,
    vacuum,
)
from benchmarks.credentials.common import ROOT
from benchmarks.credentials.machine import code_state

if TYPE_CHECKING:
    pass


def run_bulk(args: argparse.Namespace) -> BulkReport:
    from cryptography.fernet import Fernet

    setup_start = time.perf_counter()
    postgres = recreate_database()
    env = bulk_env(Fernet.generate_key().decode())
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
    vacuum()
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
        vacuum()
        wall, children, stopped = run_workers(award_ids, workers, args.bulk_max_seconds)
        issued = sum(child["issued"] for child in children)
        run = BulkRun(workers, len(award_ids), issued, wall, children, stopped)
        run.checks = check_issued(award_ids)
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
        _, children, _ = run_workers(subset, 1, args.bulk_max_seconds, profile_path)
        report.profile = profile_summary(profile_path, children[0]["issued"])
        report.profile["child"] = children[0]
        report.timings = component_timings(template.pk)
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
