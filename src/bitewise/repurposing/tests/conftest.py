"""Fixtures for the repurposing tests: staff, an uploaded transcript, and a job made from it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bitewise.accounts.models import Role, User
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.media_support import ffmpeg
from bitewise.repurposing.tests.support import transcript_with_phrase, webinar_vtt
from bitewise.testing import make_user


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture
def author() -> User:
    return make_user(role=Role.AUTHOR)


@pytest.fixture
def admin() -> User:
    return make_user(role=Role.ADMIN)


@pytest.fixture
def ready_job(author: User, django_capture_on_commit_callbacks: Callable) -> RepurposeJob:  # type: ignore[type-arg]
    """A 15-minute webinar transcript, run through the worker's stages: ready for review."""
    upload = SimpleUploadedFile("budget-webinar.vtt", webinar_vtt().encode(), "text/vtt")
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(by=author, title="", transcript=upload)
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    return job


@pytest.fixture(scope="session")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 16-minute quiet tone (the transcript is used; the tone gives the clips)."""
    path = tmp_path_factory.mktemp("tone") / "budget-webinar.mp3"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:duration=960", "-ac", "1",
           "-b:a", "16k", str(path))  # fmt: skip
    return path


@pytest.fixture
def recorded_job(
    author: User,
    recording: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> RepurposeJob:
    """The recording with its transcript, run by the worker: three lessons, each clipped."""
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(
            by=author,
            title="Budget webinar",
            recording=SimpleUploadedFile(recording.name, recording.read_bytes()),
            transcript=SimpleUploadedFile("budget-webinar.vtt", transcript_with_phrase().encode()),
        )
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    return job
