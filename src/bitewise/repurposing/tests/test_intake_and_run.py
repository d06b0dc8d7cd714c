"""Jobs from uploads: what is refused at once, what the worker makes, and failing cleanly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pytest_django.fixtures import Settings

from bitewise.accounts.models import User
from bitewise.engines.transcripts.captions import timestamp
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.intake import repurpose_job_create, repurpose_job_retry
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.support import webinar_vtt

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_transcript_upload_is_read_at_once_and_queued(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = repurpose_job_create(
            by=author, title="", transcript=upload("Q3_budget-webinar.vtt", webinar_vtt().encode())
        )
    assert len(callbacks) == 1  # the worker task, queued after commit
    assert job.title == "Q3 budget webinar"
    assert job.status == RepurposeJob.Status.QUEUED
    assert len(job.cues) == 150 and job.cues[0][3] == "Ana Ruiz"
    assert not job.media_file


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("talk.vtt", b"", "empty"),
        ("talk.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ncaf\xe9".encode("latin-1"), "UTF-8"),
        (
            "talk.vtt",
            b"WEBVTT\n\n04:30:00.000 --> 04:30:02.000\nStill here.",
            "runs 4:30:02; the limit is 4:00:00, the longest recording we take",
        ),
        ("notes.txt", b"x" * 2_000_001, "is 2,000,001 bytes; the limit is 2,000,000 bytes"),
        (
            "notes.txt",
            b"and so on " * 100_000,
            r"runs 33:20:00 \(estimated from its words: it has no timestamps\)",
        ),
        ("talk.srt", b"not a subtitle file at all", "Not a valid SRT"),
        ("talk.pdf", b"%PDF-1.7", "must be a .vtt, .srt or .txt"),
    ],
)
def test_a_bad_transcript_is_refused_and_nothing_is_kept(
    author: User, name: str, data: bytes, message: str, settings: Settings
) -> None:
    settings.BITEWISE_MAX_TRANSCRIPT_BYTES = 2_000_000  # the limit the messages name
    with pytest.raises(RepurposeError, match=message):
        repurpose_job_create(by=author, title="T", transcript=upload(name, data))
    assert not RepurposeJob.objects.exists()


def test_a_twenty_megabyte_text_file_is_refused_before_it_is_read(author: User) -> None:
    class Unreadable(SimpleUploadedFile):
        def read(self, *args: object) -> bytes:
            raise AssertionError("read before the size was checked")

    huge = Unreadable("minutes.txt", b"")
    huge.size = 20_000_000

    message = r"minutes.txt: The transcript is 20.0 MB; the limit is 8.0 MB"
    with pytest.raises(RepurposeError, match=message):
        repurpose_job_create(by=author, title="T", transcript=huge)
    assert not RepurposeJob.objects.exists()


def test_overlapping_multi_speaker_cues_are_accepted_and_repurposed(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    lines = []
    for i in range(150):  # a panel: each cue runs three seconds into the next speaker's
        start = i * 6.0
        who = ("Ana Ruiz", "Ben Okafor")[i % 2]
        lines.append(
            f"{timestamp(start)} --> {timestamp(start + 9.0)}\n"
            f"<v {who}>Point {i} on the reserve policy."
        )
    data = ("WEBVTT\n\n" + "\n\n".join(lines) + "\n").encode()

    with django_capture_on_commit_callbacks(execute=True):  # the worker runs it
        job = repurpose_job_create(by=author, title="Panel", transcript=upload("panel.vtt", data))

    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    assert len(job.cues) == 150 and {c[3] for c in job.cues} == {"Ana Ruiz", "Ben Okafor"}
    assert all(a[1] <= b[0] for a, b in zip(job.cues, job.cues[1:], strict=False))
    assert job.segments.exists()


def test_a_file_that_is_not_a_recording_is_refused_by_its_content(
    author: User, media_root: Path
) -> None:
    with pytest.raises(RepurposeError, match="not an audio or video file"):
        repurpose_job_create(by=author, title="T", recording=upload("talk.mp3", b"<html>hi</html>"))
    assert not RepurposeJob.objects.exists()
    assert not [p for p in Path(media_root).rglob("*") if p.is_file()]  # no file left behind


def test_an_upload_with_neither_file_or_bad_bounds_is_refused(author: User) -> None:
    with pytest.raises(RepurposeError, match="Upload a recording, a transcript, or both"):
        repurpose_job_create(by=author, title="T")
    with pytest.raises(RepurposeError, match="shortest ≤ longest"):
        repurpose_job_create(
            by=author,
            title="T",
            transcript=upload("t.vtt", webinar_vtt().encode()),
            min_minutes=9,
            max_minutes=3,
        )


def test_the_worker_proposes_lessons_with_drafts_and_reasons(ready_job: RepurposeJob) -> None:
    segments = list(ready_job.segments.order_by("position"))
    assert len(segments) == 3  # one per speaker's topic
    assert [s.first_cue for s in segments] == [0, 50, 100]
    assert all(2 <= s.minutes <= 8 for s in segments)
    first, second, third = segments
    assert first.boundary == {}  # the first lesson starts at the start
    assert second.boundary["is_speaker_change"] and second.boundary["is_pause"]
    assert "budget" in first.title.lower() or "revenue" in first.title.lower()
    assert "credential" in third.title.lower() or "badge" in third.title.lower()
    for segment in segments:
        assert segment.summary and segment.key_terms and 2 <= len(segment.questions) <= 4
        text = " ".join(c[2] for c in ready_job.cues[segment.first_cue : segment.stop_cue])
        for question in segment.questions:
            assert question["answer"].lower() in text.lower()  # answerable from the lesson
    assert ready_job.stage == RepurposeJob.Stage.DONE and ready_job.percent == 100
    assert ready_job.attempts == 1


def test_running_a_finished_job_again_changes_nothing(ready_job: RepurposeJob) -> None:
    ids = list(DraftSegment.objects.values_list("pk", flat=True))
    repurpose_job_run(job_id=ready_job.pk)
    assert list(DraftSegment.objects.values_list("pk", flat=True)) == ids


def test_a_failed_job_shows_why_and_can_be_run_again(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = RepurposeJob.objects.create(created_by=author, title="Empty")  # neither file
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.FAILED
    assert job.error == "The job has neither a transcript nor a recording."
    assert job.can_retry and not job.segments.exists()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        repurpose_job_retry(job=job)
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.QUEUED and job.error == "" and len(callbacks) == 1


def test_only_failed_or_stalled_jobs_can_be_retried(ready_job: RepurposeJob) -> None:
    with pytest.raises(RepurposeError, match="Only a failed or stalled job"):
        repurpose_job_retry(job=ready_job)


def test_a_running_job_without_a_heartbeat_for_minutes_is_stalled(author: User) -> None:
    job = RepurposeJob.objects.create(
        created_by=author,
        title="T",
        status=RepurposeJob.Status.RUNNING,
        heartbeat_at=timezone.now() - timedelta(seconds=30),
    )
    assert not job.is_stalled and not job.can_retry
    job.heartbeat_at = timezone.now() - timedelta(minutes=4)
    assert job.is_stalled and job.can_retry


def test_an_unexpected_error_fails_the_job_with_a_plain_message(
    ready_job: RepurposeJob, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready_job.segments.all().delete()
    RepurposeJob.objects.filter(pk=ready_job.pk).update(status=RepurposeJob.Status.QUEUED)

    def explode(**kwargs: object) -> list[str]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("bitewise.repurposing.services.run.segments_replace", explode)
    with pytest.raises(RuntimeError):
        repurpose_job_run(job_id=ready_job.pk)
    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.FAILED
    assert "went wrong on our side" in ready_job.error and "disk" not in ready_job.error
    assert not ready_job.segments.exists()


def test_a_job_no_worker_takes_for_long_can_be_queued_again(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    job = RepurposeJob.objects.create(created_by=author, title="T")
    assert not job.is_stalled
    RepurposeJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))
    job.refresh_from_db()
    assert job.is_stalled and job.can_retry
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        repurpose_job_retry(job=job)
    job.refresh_from_db()
    assert len(callbacks) == 1 and not job.is_stalled  # the wait counts from now


def test_a_stray_control_character_in_a_transcript_is_not_stored(author: User) -> None:
    # past the first 4 kB the binary check reads; PostgreSQL refuses a NUL in text and JSON
    cue = "00:00:01.000 --> 00:00:02.000\nHello there.\n\n"
    data = "WEBVTT\n\n" + cue * 120 + "00:10:00.000 --> 00:10:02.000\nBad\x00byte\x07 here.\n"

    job = repurpose_job_create(by=author, title="T", transcript=upload("talk.vtt", data.encode()))

    job.refresh_from_db()
    assert job.cues[-1][2] == "Badbyte here."
