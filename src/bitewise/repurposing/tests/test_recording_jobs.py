"""Jobs for real recordings: transcribed with the packaged speech model, clipped without
re-encoding; bad media fails the job with a message and can be run again."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bitewise.accounts.models import User
from bitewise.engines import media
from bitewise.engines.transcription import word_error_rate
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.media_support import (
    SENTENCES,
    silence,
    speech,
    video_without_sound,
)

pytestmark = pytest.mark.django_db


def run_upload(
    author: User,
    path: Path,
    capture: Callable,
    **bounds: float,  # type: ignore[type-arg]
) -> RepurposeJob:
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    with capture(execute=False):
        job = repurpose_job_create(by=author, title="", recording=upload, **bounds)
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_a_recording_is_transcribed_segmented_and_clipped(
    author: User,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = run_upload(
        author,
        speech(tmp_path / "budget-and-volunteers.wav"),
        django_capture_on_commit_callbacks,
        min_minutes=0.1,
        max_minutes=0.4,
    )

    assert job.status == RepurposeJob.Status.READY, job.error
    assert job.container == "wav" and job.media_file.name.endswith(".wav")
    heard = " ".join(cue[2] for cue in job.cues)
    assert word_error_rate(" ".join(SENTENCES), heard) < 0.25
    segments = list(job.segments.order_by("position"))
    assert len(segments) >= 2
    assert all(0.1 * 60 - 1 <= s.end - s.start <= 0.4 * 60 + 1 for s in segments)
    for segment in segments:
        clip = Path(segment.clip.path)
        probe = media.probe(clip)
        assert probe.audio_codec == "pcm_s16le"  # copied, not re-encoded
        assert abs(probe.duration - (segment.end - segment.start)) < 0.5


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: silence(d / "quiet.wav"), "No speech was found"),
        (lambda d: video_without_sound(d / "mute.mp4"), "no sound track"),
    ],
    ids=["silence", "video-without-sound"],
)
def test_a_recording_without_speech_fails_with_a_message(
    author: User,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
    make: Callable[[Path], Path],
    message: str,
) -> None:
    job = run_upload(author, make(tmp_path), django_capture_on_commit_callbacks)
    assert job.status == RepurposeJob.Status.FAILED
    assert message in job.error and job.can_retry
    assert not job.segments.exists()


def test_a_truncated_recording_fails_with_a_message(
    author: User,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    source = speech(tmp_path / "talk.wav")
    broken = tmp_path / "broken.mp4"
    media_args = ["-i", str(source), "-c:a", "aac", str(tmp_path / "whole.mp4")]
    from bitewise.repurposing.tests.media_support import ffmpeg

    ffmpeg(*media_args)
    broken.write_bytes((tmp_path / "whole.mp4").read_bytes()[:4096])
    job = run_upload(author, broken, django_capture_on_commit_callbacks)
    assert job.status == RepurposeJob.Status.FAILED
    assert "damaged or incomplete" in job.error


def test_limits_on_length_and_size(
    author: User,
    tmp_path: Path,
    settings,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    recording = speech(tmp_path / "talk.wav")
    settings.BITEWISE_MAX_RECORDING_HOURS = 10 / 3600  # ten seconds
    job = run_upload(author, recording, django_capture_on_commit_callbacks)
    assert job.status == RepurposeJob.Status.FAILED
    assert "the limit is" in job.error

    settings.BITEWISE_MAX_MEDIA_BYTES = 1000
    with pytest.raises(RepurposeError, match=r"is [\d.,]+ [kM]B; the limit is 1.0 kB\.$"):
        repurpose_job_create(
            by=author, title="", recording=SimpleUploadedFile("t.wav", recording.read_bytes())
        )
    assert RepurposeJob.objects.count() == 1


def test_a_recording_with_its_transcript_uses_the_transcript_and_keeps_the_clips(
    author: User,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    recording = speech(tmp_path / "talk.wav")
    vtt = "WEBVTT\n\n" + "\n\n".join(
        f"00:00:{i * 4:02d}.000 --> 00:00:{i * 4 + 4:02d}.000\nHost: {text}"
        for i, text in enumerate(SENTENCES)
    )
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(
            by=author,
            title="Both",
            recording=SimpleUploadedFile("talk.wav", recording.read_bytes()),
            transcript=SimpleUploadedFile("talk.vtt", vtt.encode()),
            min_minutes=0.1,
            max_minutes=0.3,
        )
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    assert [c[2] for c in job.cues] == SENTENCES  # the given words, not a transcription
    assert all(s.clip for s in job.segments.all())


def test_the_packaged_model_is_used_for_base_without_a_download(settings) -> None:  # type: ignore[no-untyped-def]
    from bitewise.repurposing.pipeline.recordings import model_spec

    settings.BITEWISE_WHISPER_MODEL = "base"
    assert model_spec() == "base-packaged"
    settings.BITEWISE_WHISPER_MODEL = os.fspath(Path("/models/whisper-small"))
    assert model_spec() == "/models/whisper-small"
