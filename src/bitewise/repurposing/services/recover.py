"""Jobs whose worker died are run again without anyone clicking: the scheduler's part.

A running job reports a heartbeat at least every few seconds (models.STALLED_AFTER); one
silent for longer lost its worker (killed, out of memory, the machine gone), and neither task
backend runs a dead worker's task again. A queued job no worker took for QUEUED_TOO_LONG lost
its task. Each is claimed with one conditional UPDATE on the row as it was read, so any number
of schedulers recover it once, and a worker that was only slow loses nothing: its next
heartbeat finds the job no longer its own and stops (run.py's Superseded)."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from bitewise.repurposing.models import QUEUED_TOO_LONG, STALLED_AFTER, RepurposeJob

logger = logging.getLogger(__name__)

Status = RepurposeJob.Status
MAX_RUNS = 3  # a job whose worker died this many times is failed, not run a fourth time
BATCH = 100  # jobs recovered per tick at most


def repurpose_jobs_recover() -> int:
    """Queue stalled and lost jobs again, or fail those that already stalled MAX_RUNS times;
    returns how many jobs changed."""
    now = timezone.now()
    stalled = RepurposeJob.objects.filter(
        Q(heartbeat_at__lt=now - STALLED_AFTER)
        | Q(heartbeat_at__isnull=True, started_at__lt=now - STALLED_AFTER),
        status=Status.RUNNING,
    )
    lost = RepurposeJob.objects.filter(
        Q(heartbeat_at__lt=now - QUEUED_TOO_LONG)
        | Q(heartbeat_at__isnull=True, created_at__lt=now - QUEUED_TOO_LONG),
        status=Status.QUEUED,
    )
    count = 0
    rows = stalled.values_list("pk", "attempts", "heartbeat_at", "stage")[:BATCH]
    for pk, attempts, beat, stage in rows:
        count += _recover_stalled(pk, attempts, beat, stage, now)
    for pk, beat in lost.values_list("pk", "heartbeat_at")[:BATCH]:
        count += _requeue_lost(pk, beat, now)
    return count


@transaction.atomic
def _recover_stalled(
    pk: int, attempts: int, beat: datetime | None, stage: str, now: datetime
) -> int:
    # as read: a heartbeat since, or another scheduler, and this claims nothing
    as_read = RepurposeJob.objects.filter(
        pk=pk, status=Status.RUNNING, attempts=attempts, heartbeat_at=beat
    )
    if attempts >= MAX_RUNS:
        label = RepurposeJob.Stage(stage).label.lower() if stage else "starting"
        message = (
            f"The worker stopped {attempts} times while running this job (last while {label}), "
            "so it was not run again. Check the media worker's memory and logs, then run it "
            "again; a shorter recording, or its transcript, may get through."
        )
        failed = as_read.update(status=Status.FAILED, error=message, finished_at=now)
        if failed:
            logger.warning("repurpose job failed after stalls", extra={"repurpose_job": pk})
        return failed
    queued = as_read.update(status=Status.QUEUED, heartbeat_at=now)
    if queued:
        logger.warning("repurpose job stalled: queued again", extra={"repurpose_job": pk})
        transaction.on_commit(lambda: _enqueue(pk))
    return queued


@transaction.atomic
def _requeue_lost(pk: int, beat: datetime | None, now: datetime) -> int:
    queued = RepurposeJob.objects.filter(pk=pk, status=Status.QUEUED, heartbeat_at=beat).update(
        heartbeat_at=now  # "queued too long" counts from now
    )
    if queued:
        transaction.on_commit(lambda: _enqueue(pk))
    return queued


def _enqueue(job_id: int) -> None:
    from bitewise.repurposing.tasks import repurpose_job_run_task  # tasks import services

    repurpose_job_run_task.enqueue(job_id)
