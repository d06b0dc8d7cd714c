"""A worker killed in the middle of a transcription: the job is left resumable (the windows
heard so far saved, nothing half made, shown as stalled once its heartbeat is old), and
running it again finishes it from the first window not saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.common.tests.test_tasks import DB_BACKEND, database_url, run_worker
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.intake import repurpose_job_create, repurpose_job_retry
from bitewise.repurposing.tests.media_support import SENTENCES, speech

pytestmark = pytest.mark.django_db(transaction=True)


def start_worker(media_root: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bitewise.settings.base",
        "DATABASE_URL": database_url(),
        "BITEWISE_TASKS_BACKEND": "database",
        "BITEWISE_SECRET_KEY": "worker-test",
        "BITEWISE_MEDIA_DIR": str(media_root),
        "BITEWISE_TRANSCRIBE_WINDOW_SECONDS": "15",
    }
    command = [sys.executable, "-m", "bitewise.cli", "worker"]
    return subprocess.Popen(command, env=env, start_new_session=True)


def wait_for_a_saved_window(job: RepurposeJob, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.transcribed_seconds > 0 and job.status == RepurposeJob.Status.RUNNING:
            return
        if job.status in (RepurposeJob.Status.READY, RepurposeJob.Status.FAILED):
            break
        time.sleep(0.05)
    pytest.fail(f"no window saved: {job.status} {job.stage} {job.error}")


def test_killing_the_worker_mid_transcription_leaves_the_job_resumable(
    author: User,
    tmp_path: Path,
    media_root: Path,
    settings,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    settings.TASKS = DB_BACKEND
    monkeypatch.setenv("BITEWISE_MEDIA_DIR", str(media_root))
    recording = speech(tmp_path / "talk.wav", SENTENCES * 3)  # long enough to catch mid-way
    job = repurpose_job_create(
        by=author,
        title="Killed",
        recording=SimpleUploadedFile("talk.wav", recording.read_bytes()),
        min_minutes=0.2,
        max_minutes=1,
    )

    worker = start_worker(media_root)
    try:
        wait_for_a_saved_window(job)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.RUNNING and job.stage == RepurposeJob.Stage.TRANSCRIBE
    assert job.cues == [] and not job.segments.exists()  # nothing half made
    heard_before = list(job.partial_cues)
    assert heard_before and job.transcribed_seconds < 60  # the first window(s) of ~90 s
    assert not job.is_stalled  # a fresh heartbeat: it may still be running, for all we know
    RepurposeJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(minutes=10)
    )
    job.refresh_from_db()
    assert job.is_stalled and job.can_retry

    repurpose_job_retry(job=job)
    monkeypatch.setenv("BITEWISE_TRANSCRIBE_WINDOW_SECONDS", "15")
    finished = run_worker("database")

    assert finished.returncode == 0, finished.stderr
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    assert job.attempts == 2 and job.segments.count() >= 2
    assert job.cues[: len(heard_before)] == heard_before and len(job.cues) > len(heard_before)
