"""A staff split, merge or move cuts the changed lessons' clips on the media queue, never in
the web request; the job page shows the clips being cut, and publishing waits for them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.publish import repurpose_job_publish

pytestmark = pytest.mark.django_db


def test_a_split_queues_the_clips_and_the_page_shows_them_being_cut(
    client: Client,
    author: User,
    recorded_job: RepurposeJob,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    client.force_login(author)
    first = recorded_job.segments.get(position=0)
    old_clip = first.clip.name
    at = (first.start + first.end) / 2

    def no_ffmpeg_here(*args: object, **kwargs: object) -> bool:
        raise AssertionError("ffmpeg ran inside the web request")

    monkeypatch.setattr("bitewise.repurposing.services.run.clip_cut", no_ffmpeg_here)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            reverse("repurposing_staff:segment", args=[recorded_job.pk, 0, "split"]),
            {"at": f"{at:.3f}"},
        )
    assert response.status_code == 302
    assert len(queued) == 1  # the media-queue task, after commit

    pending = DraftSegment.objects.filter(job=recorded_job, clip_pending=True)
    assert sorted(pending.values_list("position", flat=True)) == [0, 1]
    page = client.get(response["Location"]).content.decode()
    assert "Cutting clips" in page and "2 clips of the lessons you changed are" in page
    assert page.count("cutting its clip") == 2
    assert '<meta http-equiv="refresh" content="3">' in page
    with pytest.raises(RepurposeError, match="lesson 1, 2 is still being cut"):
        repurpose_job_publish(job=recorded_job, by=author)

    monkeypatch.undo()
    queued[0]()  # the worker runs the task (the test backend runs it at once)

    assert not DraftSegment.objects.filter(job=recorded_job, clip_pending=True).exists()
    first, second = recorded_job.segments.order_by("position")[:2]
    assert first.clip and second.clip and first.clip.name != old_clip
    assert first.clip.path.endswith(".mp3") and second.clip.path.endswith(".mp3")
    page = client.get(response["Location"]).content.decode()
    assert "Cutting clips" not in page and "cutting its clip" not in page
    repurpose_job_publish(job=recorded_job, by=author)


def test_the_task_for_a_deleted_job_cuts_nothing() -> None:
    from bitewise.repurposing.services.run import segment_clips_cut

    assert segment_clips_cut(job_id=10**9, segment_ids=[1, 2]) == 0
