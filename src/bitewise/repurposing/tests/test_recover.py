"""Jobs orphaned by a dead worker are run again by the scheduler, once, and failed with a
message after MAX_RUNS stalls; a live worker's job is left alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.common.management.commands.scheduler import run_due
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services import recover
from bitewise.repurposing.services.recover import MAX_RUNS, repurpose_jobs_recover
from bitewise.repurposing.services.run import Superseded, _update

pytestmark = pytest.mark.django_db

Status = RepurposeJob.Status


def orphan(job: RepurposeJob, *, attempts: int = 1, silent: timedelta) -> RepurposeJob:
    """The job as a worker left it when it died ``silent`` ago, half way through."""
    job.segments.all().delete()
    RepurposeJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING,
        stage=RepurposeJob.Stage.SEGMENT,
        attempts=attempts,
        started_at=timezone.now() - silent,
        heartbeat_at=timezone.now() - silent,
    )
    job.refresh_from_db()
    return job


def test_a_job_whose_worker_died_is_run_again_to_the_end(
    ready_job: RepurposeJob,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = orphan(ready_job, silent=timedelta(minutes=5))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert repurpose_jobs_recover() == 1

    job.refresh_from_db()
    assert len(callbacks) == 1
    assert job.status == Status.READY and job.attempts == 2
    assert job.segments.count() == 3


def test_a_job_with_a_recent_heartbeat_is_left_to_its_worker(
    ready_job: RepurposeJob,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = orphan(ready_job, silent=timedelta(seconds=30))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert repurpose_jobs_recover() == 0

    job.refresh_from_db()
    assert callbacks == [] and job.status == Status.RUNNING and job.attempts == 1


def test_after_the_last_allowed_run_stalls_the_job_fails_with_a_message(
    ready_job: RepurposeJob,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = orphan(ready_job, attempts=MAX_RUNS, silent=timedelta(minutes=5))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert repurpose_jobs_recover() == 1

    job.refresh_from_db()
    assert callbacks == []  # not queued again
    assert job.status == Status.FAILED and job.finished_at is not None
    assert f"stopped {MAX_RUNS} times while running this job (last while finding lessons)" in (
        job.error
    )
    assert job.can_retry  # staff may still run it again by hand


def test_two_schedulers_recover_a_job_once(
    ready_job: RepurposeJob,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = orphan(ready_job, silent=timedelta(minutes=5))
    read = (job.pk, job.attempts, job.heartbeat_at, job.stage)  # both read the same row

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = recover._recover_stalled(*read, timezone.now())
        second = recover._recover_stalled(*read, timezone.now())

    assert (first, second) == (1, 0) and len(callbacks) == 1


def test_a_slow_worker_that_reports_after_being_recovered_stops(
    ready_job: RepurposeJob,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = orphan(ready_job, silent=timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=False):
        repurpose_jobs_recover()

    with pytest.raises(Superseded):
        _update(job, percent=50.0)  # the old run's next heartbeat

    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.percent != 50.0


def test_a_queued_job_whose_task_was_lost_is_queued_again_once_per_wait(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = RepurposeJob.objects.create(created_by=author, title="Lost")
    RepurposeJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert repurpose_jobs_recover() == 1
        assert repurpose_jobs_recover() == 0  # the wait counts from the new queueing

    assert len(callbacks) == 1
    later_on = time_machine.travel(timezone.now() + timedelta(minutes=20))
    with later_on, django_capture_on_commit_callbacks(execute=False) as later:
        assert repurpose_jobs_recover() == 1
    assert len(later) == 1


def test_the_scheduler_runs_the_recovery(ready_job: RepurposeJob) -> None:
    orphan(ready_job, attempts=MAX_RUNS, silent=timedelta(minutes=5))

    done = run_due()

    assert done["bitewise.repurposing.services.recover.repurpose_jobs_recover"] == 1
    ready_job.refresh_from_db()
    assert ready_job.status == Status.FAILED
