"""Bulk awards whose worker died are queued again by the scheduler, once, and finish without
awarding any row twice: a real `bitewise worker --burst` is killed (SIGKILL) mid-batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone

from bitewise.accounts.models import Role, User
from bitewise.common.tests.test_tasks import DB_BACKEND, database_url
from bitewise.credentials.models import BulkAward, IssuedCredential
from bitewise.credentials.services import bulk as bulk_service
from bitewise.credentials.services.bulk import (
    MAX_ATTEMPTS,
    STALE_AFTER,
    bulk_award_create,
    bulk_awards_recover,
)
from bitewise.credentials.services.issuers import issuer_default
from bitewise.learning.models import Award
from bitewise.testing import make_micro_credential, make_user

ROWS = 7

# A real worker that runs bulk awards two rows a batch and kills itself (SIGKILL: no except,
# no finally, no rollback message) while signing the second batch, after the first committed.
WORKER = """
import os, signal
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitewise.settings.base")
import django
django.setup()
from bitewise.credentials.services import bulk
bulk.BATCH_SIZE = 2
if os.environ.get("CRASH") == "1":
    signing, batches = bulk.credential_issue_many, []
    def die_in_the_second_batch(**kwargs):
        batches.append(1)
        if len(batches) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        return signing(**kwargs)
    bulk.credential_issue_many = die_in_the_second_batch
from bitewise.cli import main
main(["worker", "--burst"])
"""


def run_worker(settings, *, crash: bool) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bitewise.settings.base",
        "DATABASE_URL": database_url(),
        "BITEWISE_TASKS_BACKEND": "database",
        "BITEWISE_SECRET_KEY": "worker-test",
        "BITEWISE_KEY_ENCRYPTION_KEY": settings.BITEWISE_KEY_ENCRYPTION_KEY,
        "BITEWISE_SITE_URL": settings.SITE_URL,
        "CRASH": "1" if crash else "",
    }
    return subprocess.run(
        [sys.executable, "-c", WORKER], env=env, capture_output=True, text=True, timeout=180
    )


@pytest.fixture
def staff() -> User:
    user = make_user(role=Role.AUTHOR)
    issuer_default().staff.add(user)
    return user


def csv_of(count: int, name: str = "member") -> bytes:
    return ("email\n" + "".join(f"{name}{n}@example.org\n" for n in range(count))).encode()


def later() -> timezone.datetime:
    return timezone.now() + STALE_AFTER + timedelta(minutes=1)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_is_recovered_by_the_scheduler_and_awards_each_row_once(
    settings,
    staff: User,  # type: ignore[no-untyped-def]
) -> None:
    settings.TASKS = DB_BACKEND
    mc = make_micro_credential()
    bulk = bulk_award_create(by=staff, achievement=mc, filename="a.csv", data=csv_of(ROWS))

    killed = run_worker(settings, crash=True)

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    bulk.refresh_from_db()
    assert (bulk.status, bulk.processed) == (BulkAward.Status.RUNNING, 2)  # one batch committed
    assert Award.objects.filter(micro_credential=mc).count() == 2  # the second rolled back
    assert bulk_awards_recover() == 0  # its heartbeat is fresh: it may still be running

    assert bulk_awards_recover(now=later()) == 1
    assert bulk_awards_recover(now=later()) == 0  # claimed: a second scheduler queues nothing
    finished = run_worker(settings, crash=False)

    assert finished.returncode == 0, finished.stderr
    bulk.refresh_from_db()
    assert (bulk.status, bulk.processed, bulk.awarded, bulk.attempts) == ("done", ROWS, ROWS, 1)
    assert Award.objects.filter(micro_credential=mc).count() == ROWS
    assert IssuedCredential.objects.filter(award__micro_credential=mc).count() == ROWS


@pytest.mark.django_db
def test_only_quiet_unfinished_jobs_are_queued_again(
    staff: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    mc = make_micro_credential()
    with django_capture_on_commit_callbacks(execute=True):
        done = bulk_award_create(by=staff, achievement=mc, filename="a.csv", data=csv_of(2))
    with django_capture_on_commit_callbacks(execute=False):
        waiting = bulk_award_create(by=staff, achievement=mc, filename="b.csv", data=csv_of(3, "b"))
        failed = bulk_award_create(by=staff, achievement=mc, filename="c.csv", data=csv_of(3, "c"))
    BulkAward.objects.filter(pk=failed.pk).update(status=BulkAward.Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        assert bulk_awards_recover() == 0  # all recent
        assert bulk_awards_recover(now=later()) == 1  # the waiting one, run here at once

    for job, status in ((done, "done"), (waiting, "done"), (failed, "failed")):
        job.refresh_from_db()
        assert job.status == status
    assert Award.objects.filter(micro_credential=mc).count() == 5


@pytest.mark.django_db
def test_a_job_whose_worker_keeps_dying_is_failed_for_staff_not_queued_forever(
    staff: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    mc = make_micro_credential()
    with django_capture_on_commit_callbacks(execute=False):
        bulk = bulk_award_create(by=staff, achievement=mc, filename="a.csv", data=csv_of(3))
    BulkAward.objects.filter(pk=bulk.pk).update(
        status=BulkAward.Status.RUNNING, attempts=MAX_ATTEMPTS
    )

    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert bulk_awards_recover(now=later()) == 0

    bulk.refresh_from_db()
    assert queued == [] and bulk.status == BulkAward.Status.FAILED
    assert "Resume it" in bulk.error
    bulk_service.bulk_award_resume(bulk=bulk)  # staff resume: a fresh count
    bulk.refresh_from_db()
    assert (bulk.status, bulk.attempts) == (BulkAward.Status.QUEUED, 0)
