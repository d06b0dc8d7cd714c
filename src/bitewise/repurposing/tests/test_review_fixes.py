"""Review and run edge cases: staff edits survive a neighbour's move, limits on what a
question may hold, over-long lessons, stale runs, feed ids and names that do not fit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services import review
from bitewise.repurposing.services.intake import repurpose_job_create, repurpose_jobs_from_feed
from bitewise.repurposing.services.publish import repurpose_job_publish
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.support import webinar_vtt

pytestmark = pytest.mark.django_db


def test_staff_edits_survive_a_neighbours_move_and_the_move_explains_itself(
    ready_job: RepurposeJob,
) -> None:
    review.segment_edit(job=ready_job, position=0, title="Mine", summary="S", questions=[])
    review.segment_move_start(job=ready_job, position=1, at_seconds=ready_job.cues[45][0])

    first, second = ready_job.segments.order_by("position")[:2]
    assert (first.title, first.summary, first.edited, first.stop_cue) == ("Mine", "S", True, 45)
    assert second.boundary == {"by_staff": True}


def test_questions_are_limited_to_what_a_quiz_can_hold(ready_job: RepurposeJob) -> None:
    long = "x" * 301
    with pytest.raises(RepurposeError, match="answer to 300"):
        review.segment_edit(
            job=ready_job, position=0, title="T", summary="",
            questions=[{"prompt": "Q?", "answer": long, "choices": []}],
        )  # fmt: skip
    with pytest.raises(RepurposeError, match="at most 6 choices"):
        review.segment_edit(
            job=ready_job, position=0, title="T", summary="",
            questions=[{"prompt": "Q?", "answer": "a", "choices": list("abcdefg")}],
        )  # fmt: skip
    segment = review.segment_edit(
        job=ready_job, position=0, title="T", summary="",
        questions=[{"prompt": "   ", "answer": "", "choices": []}],  # a blank row is no question
    )  # fmt: skip
    assert segment.questions == []


def test_a_lesson_over_ten_minutes_is_named_and_not_published(
    ready_job: RepurposeJob, author: User
) -> None:
    review.segment_merge_next(job=ready_job, position=0)  # 10.4 minutes: rounds to 10
    review.segment_merge_next(job=ready_job, position=0)  # 15.6 minutes
    with pytest.raises(RepurposeError, match="Lesson 1 lasts more than 10 minutes"):
        repurpose_job_publish(job=ready_job, by=author)
    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.READY


def test_a_run_that_lost_the_job_to_a_retry_changes_nothing(
    author: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    upload = SimpleUploadedFile("w.vtt", webinar_vtt().encode())
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(by=author, title="", transcript=upload)
    from bitewise.repurposing.pipeline import lessons

    real = lessons.llm_improve

    def meanwhile_retried_and_published(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        # while this run waited on the model, staff ran the job again and it was published
        RepurposeJob.objects.filter(pk=job.pk).update(
            attempts=2, status=RepurposeJob.Status.PUBLISHED
        )
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lessons, "llm_improve", meanwhile_retried_and_published)
    repurpose_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.PUBLISHED and job.attempts == 2
    assert not job.segments.exists()  # the stale run wrote nothing


def test_feed_ids_longer_than_the_column_stay_distinct(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    prefix = "x" * 600
    items = "".join(
        f"<item><title>E{n}</title><guid>{prefix}{n}</guid>"
        f'<enclosure url="https://pod.example.org/{n}.mp3" type="audio/mpeg"/></item>'
        for n in (1, 2)
    ) + (
        "<item><title>Long</title><guid>long</guid>"
        f'<enclosure url="https://pod.example.org/{"y" * 1200}.mp3" type="audio/mpeg"/></item>'
    )
    data = f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    with django_capture_on_commit_callbacks(execute=False):
        intake = repurpose_jobs_from_feed(by=author, data=data)
    assert len(intake.jobs) == 2 and intake.without_media == 1
    assert all(j.episode_guid.startswith("sha256:") for j in intake.jobs)
    with django_capture_on_commit_callbacks(execute=False):
        again = repurpose_jobs_from_feed(by=author, data=data)
    assert again.jobs == [] and again.already_queued == 2


def test_a_bad_question_count_is_a_message_not_a_500(
    client: Client, author: User, ready_job: RepurposeJob
) -> None:
    client.force_login(author)
    url = reverse("repurposing_staff:segment", args=[ready_job.pk, 0, "edit"])
    for count in ("abc", "-1", ""):
        response = client.post(url, {"title": "T", "question_count": count}, follow=True)
        assert "reload the page" in response.content.decode()
    assert ready_job.segments.get(position=0).questions  # nothing was wiped


def test_stored_recordings_get_short_unguessable_names(
    author: User,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    from bitewise.repurposing.tests.media_support import silence

    wav = silence(tmp_path / "q.wav", seconds=1).read_bytes()
    names = []
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=False):
            job = repurpose_job_create(
                by=author, title="", recording=SimpleUploadedFile("A" * 200 + ".wav", wav)
            )
        names.append(job.media_file.name)
    assert names[0] != names[1] and all(len(n) <= 100 for n in names)
    assert all(
        Path(n).name.split("-")[0].isalnum() and len(Path(n).name.split("-")[0]) == 16
        for n in names
    )
    repurpose_job_run(job_id=job.pk)  # silence: fails cleanly, the file stays for a retry
    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.FAILED and Path(job.media_file.path).exists()
