"""Finding a job's lessons again with new length bounds, without uploading it again: queued
for the media worker, shown as progress, keeping staff's edits and drops."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services import review
from bitewise.repurposing.services.resegment import repurpose_job_resegment
from bitewise.repurposing.tasks import repurpose_job_run_task
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db

Capture = Callable  # type: ignore[type-arg]


def url(name: str, *args: object) -> str:
    return reverse(f"repurposing_staff:{name}", args=args)


def spans(job: RepurposeJob) -> list[tuple[int, int]]:
    return [(s.first_cue, s.stop_cue) for s in job.segments.order_by("position")]


def test_the_job_is_queued_on_the_media_queue_and_the_page_shows_progress(
    client: Client,
    author: User,
    ready_job: RepurposeJob,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            url("resegment", ready_job.pk), {"min_minutes": "0.5", "max_minutes": "2"}
        )

    assert response.status_code == 302 and len(queued) == 1
    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.QUEUED
    assert (ready_job.min_minutes, ready_job.max_minutes) == (0.5, 2.0)
    assert not ready_job.segments.exists()
    page = client.get(url("detail", ready_job.pk)).content.decode()
    assert "Finding the lessons again with the new lengths." in page
    assert "<h2>Queued</h2>" in page and 'http-equiv="refresh"' in page
    assert client.get(url("progress", ready_job.pk)).json()["status"] == "queued"
    assert repurpose_job_run_task.queue_name == "media"


def test_the_worker_finds_more_shorter_lessons_with_the_new_bounds(
    author: User, ready_job: RepurposeJob, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend runs it
        repurpose_job_resegment(job=ready_job, by=author, min_minutes=0.5, max_minutes=2.0)

    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.READY, ready_job.error
    segments = list(ready_job.segments.order_by("position"))
    assert len(segments) > 3 and all(s.minutes <= 2.0 + 0.2 for s in segments)
    assert [s.position for s in segments] == list(range(len(segments)))
    assert ready_job.kept_review == {} and ready_job.attempts == 1


def test_staff_edits_stay_with_the_same_part_and_drops_stay_dropped(
    author: User, ready_job: RepurposeJob, django_capture_on_commit_callbacks: Capture
) -> None:
    review.segment_edit(
        job=ready_job, position=2, title="Open badges, by Chen", summary="Mine.", questions=[]
    )
    review.segment_drop(job=ready_job, position=1)  # Ben's topic, cues 50-100

    with django_capture_on_commit_callbacks(execute=True):
        repurpose_job_resegment(job=ready_job, by=author, min_minutes=2.0, max_minutes=8.0)

    ready_job.refresh_from_db()
    assert spans(ready_job) == [(0, 50), (100, 150)]
    first, last = ready_job.segments.order_by("position")
    assert (last.title, last.summary, last.edited) == ("Open badges, by Chen", "Mine.", True)
    assert first.edited is False


def test_an_edit_of_a_part_now_cut_differently_is_drafted_afresh(
    author: User, ready_job: RepurposeJob, django_capture_on_commit_callbacks: Capture
) -> None:
    review.segment_merge_next(job=ready_job, position=0)  # cues 0-100 as one lesson
    review.segment_edit(job=ready_job, position=0, title="Two talks", summary="", questions=[])

    with django_capture_on_commit_callbacks(execute=True):
        repurpose_job_resegment(job=ready_job, by=author, min_minutes=2.0, max_minutes=8.0)

    ready_job.refresh_from_db()
    assert spans(ready_job) == [(0, 50), (50, 100), (100, 150)]
    assert "Two talks" not in [s.title for s in ready_job.segments.all()]


def test_staff_are_told_which_edits_were_not_kept(
    client: Client,
    author: User,
    ready_job: RepurposeJob,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    review.segment_merge_next(job=ready_job, position=0)  # cues 0-100 as one lesson
    review.segment_edit(job=ready_job, position=0, title="Two talks", summary="", questions=[])
    review.segment_edit(job=ready_job, position=1, title="Badges", summary="", questions=[])

    with django_capture_on_commit_callbacks(execute=True):
        repurpose_job_resegment(job=ready_job, by=author, min_minutes=2.0, max_minutes=8.0)

    ready_job.refresh_from_db()
    lost = [w for w in ready_job.warnings if "were not kept" in w]
    assert len(lost) == 1 and "“Two talks” (0:00 to 10:23)" in lost[0]
    client.force_login(author)
    page = client.get(url("detail", ready_job.pk)).content.decode()
    assert "Your edits to “Two talks” (0:00 to 10:23) were not kept" in page
    assert "Badges" in page  # the edit that a new lesson took is kept, and no warning


def test_the_old_clips_are_deleted_and_new_ones_cut(
    author: User, recorded_job: RepurposeJob, django_capture_on_commit_callbacks: Capture
) -> None:
    old = [Path(settings.MEDIA_ROOT) / s.clip.name for s in recorded_job.segments.all()]
    assert old and all(p.is_file() for p in old)

    with django_capture_on_commit_callbacks(execute=True):
        repurpose_job_resegment(job=recorded_job, by=author, min_minutes=1.0, max_minutes=3.0)

    recorded_job.refresh_from_db()
    assert recorded_job.status == RepurposeJob.Status.READY, recorded_job.error
    assert not any(p.exists() for p in old)
    new = list(recorded_job.segments.all())
    assert len(new) > 3 and all((Path(settings.MEDIA_ROOT) / s.clip.name).is_file() for s in new)


@pytest.mark.parametrize(
    ("low", "high"),
    [
        pytest.param(3.0, 2.0, id="shortest-over-longest"),
        pytest.param(1.0, 11.0, id="longer-than-a-lesson-can-be"),
        pytest.param(-1.0, 2.0, id="negative"),
    ],
)
def test_bad_bounds_are_refused_and_nothing_changes(
    author: User, ready_job: RepurposeJob, low: float, high: float
) -> None:
    with pytest.raises(RepurposeError, match="shortest ≤ longest"):
        repurpose_job_resegment(job=ready_job, by=author, min_minutes=low, max_minutes=high)

    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.READY and ready_job.segments.count() == 3
    assert (ready_job.min_minutes, ready_job.max_minutes) == (2.0, 8.0)


def test_the_form_says_what_is_wrong_with_the_bounds(
    client: Client, author: User, ready_job: RepurposeJob
) -> None:
    client.force_login(author)

    response = client.post(
        url("resegment", ready_job.pk), {"min_minutes": "two", "max_minutes": "30"}, follow=True
    )

    page = response.content.decode()
    assert "Shortest lesson (minutes): Enter a number." in page
    assert "Longest lesson (minutes): Ensure this value is less than or equal to 10." in page
    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.READY and ready_job.segments.count() == 3


def test_only_a_job_ready_for_review_and_only_staff(author: User, ready_job: RepurposeJob) -> None:
    with pytest.raises(PermissionDenied):
        repurpose_job_resegment(job=ready_job, by=make_user(), min_minutes=1, max_minutes=3)
    RepurposeJob.objects.filter(pk=ready_job.pk).update(status=RepurposeJob.Status.PUBLISHED)
    with pytest.raises(RepurposeError, match="published: only a job ready for review"):
        repurpose_job_resegment(job=ready_job, by=author, min_minutes=1, max_minutes=3)

    assert ready_job.segments.count() == 3
