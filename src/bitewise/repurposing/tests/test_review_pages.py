"""A long recording's review is paged: each page holds a bounded number of proposed lessons
with their forms, the timeline links every lesson to its page, and an action on a lesson
returns to that lesson's page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services import review
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.staff_views import SEGMENTS_PER_PAGE
from bitewise.repurposing.tests.support import webinar_vtt

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_lessons(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> RepurposeJob:
    upload = SimpleUploadedFile("webinar.vtt", webinar_vtt().encode())
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs it
        job = repurpose_job_create(
            by=author, title="Short cuts", transcript=upload, min_minutes=0.1, max_minutes=0.4
        )
    job.refresh_from_db()
    assert job.segments.count() > 2 * SEGMENTS_PER_PAGE, job.error
    return job


def detail(job: RepurposeJob) -> str:
    return reverse("repurposing_staff:detail", args=[job.pk])


def test_each_page_shows_a_bounded_number_of_lessons(
    client: Client, author: User, many_lessons: RepurposeJob
) -> None:
    client.force_login(author)
    total = many_lessons.segments.count()

    first = client.get(detail(many_lessons)).content.decode()
    last_number = (total - 1) // SEGMENTS_PER_PAGE + 1
    last = client.get(detail(many_lessons), {"page": last_number}).content.decode()

    assert first.count('class="card segment"') == SEGMENTS_PER_PAGE
    assert last.count('class="card segment"') == total - (last_number - 1) * SEGMENTS_PER_PAGE
    assert f"{total} proposed lessons" in first and f"Publish {total} lessons" in first
    assert f"Lessons 1\u2013{SEGMENTS_PER_PAGE} of {total}</span>" in first
    assert '<a href="?page=2">Next</a>' in first and "Previous" not in first
    # the timeline lists every lesson, linking those on other pages to their page
    assert f'href="?page=2#segment-{SEGMENTS_PER_PAGE + 1}"' in first
    assert 'href="#segment-1"' in first
    assert f'id="segment-{total}"' in last and 'id="segment-1"' not in last


def test_an_action_on_a_later_lesson_returns_to_its_page(
    client: Client, author: User, many_lessons: RepurposeJob
) -> None:
    client.force_login(author)
    position = SEGMENTS_PER_PAGE + 2  # on page 2
    url = reverse("repurposing_staff:segment", args=[many_lessons.pk, position, "merge"])

    response = client.post(url)

    assert response["Location"] == f"{detail(many_lessons)}?page=2#segment-{position + 1}"
    assert "Merged." in client.get(response["Location"]).content.decode()


def test_a_page_number_out_of_range_shows_the_last_page(
    client: Client, author: User, many_lessons: RepurposeJob
) -> None:
    client.force_login(author)

    response = client.get(detail(many_lessons), {"page": "999"})

    assert response.status_code == 200
    assert f'id="segment-{many_lessons.segments.count()}"' in response.content.decode()
    assert client.get(detail(many_lessons), {"page": "x"}).status_code == 200


def test_a_transcript_without_sentence_ends_gives_bounded_drafts(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    words = ["reserve", "budget", "dues", "revenue", "committee", "board", "variance"]
    words += ["forecast", "treasurer"]
    lines = [
        f"[{i // 3:02d}:{i % 3 * 20:02d}] " + " ".join(words[(i + j) % 9] for j in range(60))
        for i in range(45)
    ]  # fifteen minutes of speech with not one full stop
    upload = SimpleUploadedFile("notes.txt", "\n".join(lines).encode())
    with django_capture_on_commit_callbacks(execute=True):
        job = repurpose_job_create(by=author, title="Run-on", transcript=upload)

    job.refresh_from_db()
    assert job.status == RepurposeJob.Status.READY, job.error
    for segment in job.segments.all():
        assert len(segment.summary) <= 1000
        assert all(len(q["prompt"]) <= 1000 for q in segment.questions)


def test_a_lesson_under_the_shortest_length_asked_for_is_pointed_out(
    client: Client, author: User, ready_job: RepurposeJob
) -> None:
    """A long recording's last words (thanks for listening) often make a lesson of a minute:
    staff see which lessons are under the shortest length they asked for."""
    last = ready_job.segments.order_by("position").last()
    assert last is not None and ready_job.min_minutes == 2
    review.segment_split(job=ready_job, position=last.position, at_seconds=last.end - 60)
    client.force_login(author)

    page = client.get(detail(ready_job)).content.decode()

    hint = "under 2 min, the shortest you asked for: merge or drop it?"
    short = [s for s in ready_job.segments.all() if s.minutes < 2]
    assert len(short) == 1 and page.count(hint) == 1
    section = page.split(f'id="segment-{short[0].position + 1}"', 1)[1].split("</section>")[0]
    assert hint in section


def test_merging_into_a_lesson_staff_edited_says_what_it_drops(
    client: Client, author: User, ready_job: RepurposeJob
) -> None:
    review.segment_edit(job=ready_job, position=1, title="Mine", summary="", questions=[])
    client.force_login(author)

    page = client.get(detail(ready_job)).content.decode()

    note = "Merging drops the title, summary and questions you wrote for lesson 2;"
    assert page.count(note) == 1
    first = page.split('id="segment-1"', 1)[1].split("</section>")[0]
    assert note in first  # on the lesson merged into it, not elsewhere
    review.segment_merge_next(job=ready_job, position=0)
    assert "Mine" not in [s.title for s in ready_job.segments.all()]  # as it said


def test_the_review_of_a_long_transcript_takes_no_more_queries_than_a_short_ones(
    client: Client,
    author: User,
    ready_job: RepurposeJob,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    """Neither a query per cue of the transcript pane nor one per lesson: a 40-minute podcast
    (600 cues) costs what a 15-minute webinar (150) does."""
    upload = SimpleUploadedFile("podcast.vtt", webinar_vtt(cues_per_topic=200).encode())
    with django_capture_on_commit_callbacks(execute=True):
        long_job = repurpose_job_create(by=author, title="Long", transcript=upload)
    long_job.refresh_from_db()
    assert len(long_job.cues) == 600 and long_job.segments.count() > 3, long_job.error
    client.force_login(author)
    counts = []
    for job in (ready_job, long_job):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(detail(job)).content.decode()
        assert page.count('class="card segment"') == job.segments.count()
        assert page.count('id="cue-') == len(job.cues)
        counts.append(len(queries))
    assert counts[0] == counts[1]
