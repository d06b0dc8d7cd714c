"""The demo's recording turned into proposed lessons: one per speaker's sub-topic."""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.demo.content.talk import TALK, TALK_TITLE
from bitewise.demo.loader import DemoSummary, load_demo
from bitewise.repurposing.models import DraftSegment, RepurposeJob

pytestmark = pytest.mark.django_db

PASSWORD = "demo-test-password"


@pytest.fixture
def loaded(settings: Any, tmp_path: Path) -> DemoSummary:
    settings.MEDIA_ROOT = tmp_path
    return load_demo(password=PASSWORD)


def _topic_starts() -> list[int]:
    """The cue index at which each speaker's sub-topic begins."""
    firsts = [0, *accumulate(len(turn.sentences) for turn in TALK)]
    return [first for first, turn in zip(firsts, TALK, strict=False) if turn.topic]


def test_the_demo_proposes_one_lesson_per_sub_topic_of_the_talk(loaded: DemoSummary) -> None:
    job = RepurposeJob.objects.get(title=TALK_TITLE)
    assert job.status == RepurposeJob.Status.READY, job.error
    assert job.created_by == User.objects.get(email="staff@demo.bitewise.test")
    assert 12 <= job.cues[-1][1] / 60 <= 16
    assert {cue[3] for cue in job.cues} == {turn.speaker for turn in TALK}
    segments = list(job.segments.order_by("position"))
    starts = _topic_starts()
    assert loaded.proposed_lessons == len(segments) == len(starts) == 4
    for segment, start in zip(segments[1:], starts[1:], strict=True):
        assert abs(segment.first_cue - start) <= 1, segment.boundary
    for segment in segments:
        assert 2 <= segment.minutes <= 8
        assert segment.title and not segment.title.startswith("Part ")
        assert segment.summary and segment.key_terms and segment.questions


def test_staff_see_the_proposed_lessons_on_the_review_screen(
    loaded: DemoSummary, client: Client
) -> None:
    job = RepurposeJob.objects.get(title=TALK_TITLE)
    client.force_login(User.objects.get(email="staff@demo.bitewise.test"))
    page = client.get(reverse("repurposing_staff:detail", args=[job.pk])).content.decode()
    assert "4 proposed lessons" in page
    for segment in job.segments.all():
        assert segment.title in page


def test_loading_again_leaves_the_job_and_staff_edits_alone(loaded: DemoSummary) -> None:
    job = RepurposeJob.objects.get(title=TALK_TITLE)
    DraftSegment.objects.filter(job=job, position=0).update(title="Welcome them well")
    again = load_demo(password=PASSWORD)
    assert RepurposeJob.objects.get() == job
    assert DraftSegment.objects.count() == again.proposed_lessons == 4
    assert job.segments.get(position=0).title == "Welcome them well"


def test_the_task_queued_on_commit_finds_the_job_already_done(
    settings: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend runs it
        load_demo(password=PASSWORD)
    job = RepurposeJob.objects.get(title=TALK_TITLE)
    assert job.status == RepurposeJob.Status.READY and job.attempts == 1
    assert job.segments.count() == 4
