"""Bulk awards: staff upload a CSV of email addresses; a background job awards the
achievement to each, a batch per transaction, with progress the job page polls."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Pathway
from bitewise.common.email_csv import PlannedRow, csv_decode, csv_plan
from bitewise.credentials.models import BulkAward
from bitewise.credentials.services.granting import (
    Achievement,
    GrantError,
    award_permission_check,
    grant_to,
    learner_for_email,
    learners_for_emails,
)
from bitewise.credentials.services.issuing import credential_issue_many
from bitewise.learning.services import LearningError, award_grant_many

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
Outcome = BulkAward.Outcome
# A running job whose heartbeat is older than this lost its worker (a batch of BATCH_SIZE
# rows takes seconds); one queued that long never reached one. Either is queued again.
STALE_AFTER = timedelta(minutes=5)
# A job whose worker died this often (a batch that kills it, say) is failed for staff.
MAX_ATTEMPTS = 5


@transaction.atomic
def bulk_award_create(
    *, by: User, achievement: Achievement, filename: str, data: bytes
) -> BulkAward:
    """Check the upload and queue the job (after commit). Raises BulkUploadError for a file
    that is not a CSV of at most MAX_ROWS rows and MAX_BYTES, GrantError for a forbidden
    achievement; nothing is created then."""
    award_permission_check(user=by, achievement=achievement)
    text = csv_decode(data=data, filename=filename)
    rows = csv_plan(text)
    micro_credential = achievement if isinstance(achievement, MicroCredential) else None
    pathway = achievement if isinstance(achievement, Pathway) else None
    bulk = BulkAward.objects.create(
        created_by=by,
        micro_credential=micro_credential,
        pathway=pathway,
        filename=filename[:255],
        source=text,
        total=len(rows),
    )
    _enqueue_on_commit(bulk.pk)
    return bulk


def _enqueue_on_commit(bulk_id: int) -> None:
    from bitewise.credentials.tasks import bulk_award_run_task  # tasks import this module

    transaction.on_commit(lambda: bulk_award_run_task.enqueue(bulk_id))


@transaction.atomic
def bulk_award_resume(*, bulk: BulkAward) -> BulkAward:
    """Queue an unfinished job again (it failed, or its worker died): it carries on after
    the last committed batch. Harmless if it is in fact still running."""
    BulkAward.objects.filter(pk=bulk.pk, status=BulkAward.Status.FAILED).update(
        status=BulkAward.Status.QUEUED,
        error="",
        finished_at=None,
        heartbeat_at=timezone.now(),
        attempts=0,
    )
    bulk.refresh_from_db()
    if bulk.status != BulkAward.Status.DONE:
        _enqueue_on_commit(bulk.pk)
    return bulk


def bulk_awards_recover(*, now: datetime | None = None) -> int:
    """Scheduled (settings.BITEWISE_SCHEDULED): queue again each job whose worker died (its
    heartbeat went quiet) or that no worker took up. Each is claimed by moving its heartbeat
    with a conditional UPDATE, so any number of schedulers queue it once; the run itself
    resumes after the last committed batch, so no row is awarded twice. Returns how many
    were queued."""
    now = now or timezone.now()
    cutoff = now - STALE_AFTER
    quiet = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at=None, created_at__lt=cutoff)
    stale = BulkAward.objects.filter(
        quiet, status__in=[BulkAward.Status.QUEUED, BulkAward.Status.RUNNING]
    ).values_list("pk", "heartbeat_at", "attempts")
    queued = 0
    for bulk_id, heartbeat_at, attempts in stale:
        claim = BulkAward.objects.filter(pk=bulk_id, heartbeat_at=heartbeat_at, attempts=attempts)
        if attempts >= MAX_ATTEMPTS:
            claim.filter(status__in=[BulkAward.Status.QUEUED, BulkAward.Status.RUNNING]).update(
                status=BulkAward.Status.FAILED,
                error=(
                    f"Queued again {attempts} times after its worker went quiet; the job may "
                    "be stopping its worker. Resume it once the cause is fixed."
                ),
                finished_at=now,
            )
            continue
        with transaction.atomic():
            if claim.update(heartbeat_at=now, attempts=F("attempts") + 1) == 1:
                logger.warning("bulk award queued again", extra={"bulk_award": bulk_id})
                _enqueue_on_commit(bulk_id)
                queued += 1
    return queued


def bulk_award_run(*, bulk_id: int) -> BulkAward:
    """Run (or carry on) one job. Safe to run twice, even at once: each batch locks the job
    row and starts at ``processed``, so no row is handled twice."""
    bulk = BulkAward.objects.select_related("micro_credential", "pathway", "created_by").get(
        pk=bulk_id
    )
    if bulk.status == BulkAward.Status.DONE:
        return bulk
    now = timezone.now()
    BulkAward.objects.filter(pk=bulk_id).update(
        status=BulkAward.Status.RUNNING, started_at=bulk.started_at or now, heartbeat_at=now
    )
    achievement = bulk.micro_credential or bulk.pathway
    assert achievement is not None
    rows = csv_plan(bulk.source)
    try:
        while _batch_run(bulk_id=bulk_id, rows=rows, achievement=achievement, by=bulk.created_by):
            pass
    except Exception as exc:
        # The failed batch rolled back; a resume starts again from it.
        BulkAward.objects.filter(pk=bulk_id).update(
            status=BulkAward.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        logger.exception("bulk award failed", extra={"bulk_award": bulk_id})
        raise
    BulkAward.objects.filter(pk=bulk_id).update(
        status=BulkAward.Status.DONE, finished_at=timezone.now()
    )
    bulk.refresh_from_db()
    return bulk


@transaction.atomic
def _batch_run(
    *, bulk_id: int, rows: list[PlannedRow], achievement: Achievement, by: User | None
) -> bool:
    """Award the next batch and record its progress in the same transaction; returns
    whether rows remain."""
    bulk = BulkAward.objects.select_for_update().only("processed", "report").get(pk=bulk_id)
    batch = rows[bulk.processed : bulk.processed + BATCH_SIZE]
    if not batch:
        return False
    tally: Counter[str] = Counter()
    report: list[dict[str, Any]] = []
    for row, (outcome, reason) in zip(
        batch, _batch_outcomes(batch, achievement=achievement, by=by), strict=True
    ):
        tally[outcome] += 1
        if outcome not in ("awarded", "account_created"):
            report.append(
                {"row": row.row, "email": row.value, "outcome": outcome, "reason": reason}
            )
    BulkAward.objects.filter(pk=bulk_id).update(
        processed=F("processed") + len(batch),
        awarded=F("awarded") + tally["awarded"] + tally["account_created"],
        accounts_created=F("accounts_created") + tally["account_created"],
        already_held=F("already_held") + tally[Outcome.ALREADY_HELD],
        failed=F("failed") + len(report) - tally[Outcome.ALREADY_HELD],
        heartbeat_at=timezone.now(),
        # Read under the row lock above, so appending cannot lose a concurrent batch.
        report=[*bulk.report, *report],
    )
    return bulk.processed + len(batch) < len(rows)


def _batch_outcomes(
    batch: list[PlannedRow], *, achievement: Achievement, by: User | None
) -> list[tuple[str, str]]:
    """(outcome, reason) per row. A micro-credential is awarded to the whole batch at once
    and its credentials issued in the same transaction (what makes 10,000 rows quick);
    a pathway, one row at a time."""
    if not isinstance(achievement, MicroCredential):
        return [_row_run(row, achievement=achievement, by=by) for row in batch]
    outcomes: dict[int, tuple[str, str]] = {
        position: (row.outcome, row.reason) for position, row in enumerate(batch) if row.outcome
    }
    todo = [(position, row) for position, row in enumerate(batch) if not row.outcome]
    accounts = learners_for_emails(emails=[row.email for _, row in todo])
    active = []
    for position, row in todo:
        learner, created = accounts[row.email]
        if learner.is_active:
            active.append((position, learner, created))
        else:
            outcomes[position] = (Outcome.REFUSED, f"The account {learner.email} is deactivated.")
    try:
        awards = award_grant_many(
            learners=[learner for _, learner, _ in active],
            micro_credential=achievement,
            granted_by=by,
        )
    except LearningError as exc:
        awards = {}
        outcomes.update({position: (Outcome.REFUSED, str(exc)) for position, _, _ in active})
    for position, learner, created in active:
        if position in outcomes:
            continue
        if awards.get(learner.pk) is None:
            outcomes[position] = (Outcome.ALREADY_HELD, "Already holds it; nothing was changed.")
        else:
            outcomes[position] = ("account_created" if created else "awarded", "")
    credential_issue_many(awards=[award for award in awards.values() if award is not None])
    return [outcomes[position] for position in range(len(batch))]


def _row_run(row: PlannedRow, *, achievement: Achievement, by: User | None) -> tuple[str, str]:
    if row.outcome:
        return row.outcome, row.reason
    try:
        with transaction.atomic():
            learner, created = learner_for_email(email=row.email)
            award = grant_to(learner=learner, achievement=achievement, by=by)
    except GrantError as exc:
        return Outcome.REFUSED, str(exc)
    if award is None:
        return Outcome.ALREADY_HELD, "Already holds it; nothing was changed."
    return ("account_created" if created else "awarded"), ""
