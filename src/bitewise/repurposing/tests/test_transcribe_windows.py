"""Transcription a window at a time: each window's words are saved as heard, and a job run
again after a failure starts at the first window not saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bitewise.accounts.models import User
from bitewise.engines import transcription
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline import recordings
from bitewise.repurposing.services.intake import repurpose_job_create, repurpose_job_retry
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.media_support import speech

pytestmark = pytest.mark.django_db


def test_a_failed_window_keeps_the_ones_before_and_a_retry_starts_after_them(
    author: User,
    tmp_path: Path,
    settings,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    settings.BITEWISE_TRANSCRIBE_WINDOW_SECONDS = 10
    recording = speech(tmp_path / "talk.wav")  # about 30 s: three windows
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(
            by=author,
            title="Windows",
            recording=SimpleUploadedFile("talk.wav", recording.read_bytes()),
            min_minutes=0.1,
            max_minutes=0.4,
        )
    real = transcription.transcribe
    calls: list[int] = []

    def second_call_dies(audio: Any, **kwargs: Any) -> Any:
        calls.append(len(audio))
        if len(calls) == 2:
            raise RuntimeError("the worker ran out of memory")
        return real(audio, **kwargs)

    monkeypatch.setattr(recordings.transcription, "transcribe", second_call_dies)
    with pytest.raises(RuntimeError):
        repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.FAILED and job.cues == []
    first_window = list(job.partial_cues)
    assert first_window and 8 <= job.transcribed_seconds <= 12
    assert all(cue[1] <= job.transcribed_seconds + 0.5 for cue in first_window)

    calls.clear()
    monkeypatch.setattr(
        recordings.transcription, "transcribe", lambda a, **k: calls.append(len(a)) or real(a, **k)
    )
    repurpose_job_retry(job=job)
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()

    assert job.status == RepurposeJob.Status.READY, job.error
    assert len(calls) >= 1 and sum(calls) < len(transcription_samples(recording))
    assert job.cues[: len(first_window)] == first_window and len(job.cues) > len(first_window)
    assert [c[0] for c in job.cues] == sorted(c[0] for c in job.cues)
    assert job.partial_cues == [] and job.attempts == 2


def transcription_samples(path: Path) -> Any:
    from bitewise.engines import media

    return media.decode_audio(path, timeout=60)
