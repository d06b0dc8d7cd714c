"""The repurposing staff pages: who may use them, uploads, the review screen and its actions."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from bitewise.accounts.models import User
from bitewise.engines.transcripts import parse_transcript
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.tests.support import webinar_vtt
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"repurposing_staff:{name}", args=args)


@pytest.fixture
def staff(client: Client, author: User) -> Client:
    client.force_login(author)
    return client


def test_learners_are_refused_and_visitors_sent_to_sign_in(
    client: Client, ready_job: RepurposeJob
) -> None:
    pages = [url("new"), url("detail", ready_job.pk), url("progress", ready_job.pk)]
    for page in pages:
        assert client.get(page).status_code == 302
    client.force_login(make_user())
    for page in pages:
        assert client.get(page).status_code == 403
    action = url("segment", ready_job.pk, 0, "drop")
    assert client.post(action).status_code == 403
    assert ready_job.segments.count() == 3


def test_uploading_a_transcript_makes_a_job_and_shows_its_page(
    staff: Client,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    upload = SimpleUploadedFile("webinar.vtt", webinar_vtt().encode(), "text/vtt")
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend runs it
        response = staff.post(
            url("new"),
            {"title": "Budget webinar", "transcript": upload, "min_minutes": 2, "max_minutes": 8},
        )
    job = RepurposeJob.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", job.pk)
    page = staff.get(url("detail", job.pk)).content.decode()
    assert job.status == RepurposeJob.Status.READY
    assert "3 proposed lessons" in page and 'class="timeline"' in page
    assert "Starts here because: the subject changes" in page and "a new speaker" in page


def test_a_bad_upload_is_a_400_with_the_reason(staff: Client) -> None:
    upload = SimpleUploadedFile("talk.vtt", "caf\xe9".encode("latin-1"), "text/vtt")
    response = staff.post(url("new"), {"transcript": upload, "min_minutes": 2, "max_minutes": 8})
    assert response.status_code == 400
    assert "not UTF-8 text" in response.content.decode()
    response = staff.post(url("new"), {"min_minutes": 2, "max_minutes": 8})
    assert "Upload a recording, a transcript, or both" in response.content.decode()
    assert not RepurposeJob.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param("minutes.txt", b"and so on " * 210_000, "the limit is 2.0 MB", id="size"),
        pytest.param(
            "minutes.txt",
            b"and so on " * 20_000,
            "runs 6:40:00 (estimated from its words: it has no timestamps); the limit is 4:00:00",
            id="too-long-for-any-recording",
        ),
    ],
)
def test_a_transcript_over_the_limits_is_refused_on_the_form(
    staff: Client, name: str, data: bytes, message: str, settings: Settings
) -> None:
    settings.BITEWISE_MAX_TRANSCRIPT_BYTES = 2_000_000  # the limit the messages name
    upload = SimpleUploadedFile(name, data, "text/plain")

    response = staff.post(url("new"), {"transcript": upload, "min_minutes": 2, "max_minutes": 8})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RepurposeJob.objects.exists()


def test_review_actions_change_the_segments(staff: Client, ready_job: RepurposeJob) -> None:
    response = staff.post(url("segment", ready_job.pk, 0, "merge"))
    assert response.status_code == 302
    assert ready_job.segments.count() == 2

    response = staff.post(url("segment", ready_job.pk, 0, "split"), {"at": "2:30"})
    assert ready_job.segments.count() == 3
    first = ready_job.segments.get(position=0)
    assert abs(first.end - 150) < 8  # the sentence end nearest 2:30

    staff.post(url("segment", ready_job.pk, 1, "move"), {"at": "3:00"})
    assert abs(ready_job.segments.get(position=1).start - 180) < 8

    staff.post(
        url("segment", ready_job.pk, 2, "edit"),
        {
            "title": "Badges",
            "summary": "S",
            "question_count": "2",
            "q-0-prompt": "Who signs?",
            "q-0-answer": "issuer",
            "q-0-choices": "issuer\nlearner\nemployer",
            "q-1-prompt": "",
        },
    )
    edited = ready_job.segments.get(position=2)
    assert edited.title == "Badges" and edited.questions[0]["choices"] == [
        "issuer",
        "learner",
        "employer",
    ]

    staff.post(url("segment", ready_job.pk, 2, "drop"))
    assert ready_job.segments.count() == 2


def test_bad_review_input_is_explained_not_a_500(staff: Client, ready_job: RepurposeJob) -> None:
    response = staff.post(url("segment", ready_job.pk, 0, "split"), {"at": "soon"}, follow=True)
    assert response.status_code == 200 and "Give a time such as 12:30" in response.content.decode()
    response = staff.post(url("segment", ready_job.pk, 9, "drop"), follow=True)
    assert "no longer there" in response.content.decode()
    assert staff.post(url("segment", ready_job.pk, 0, "explode")).status_code == 404
    assert staff.get(url("segment", ready_job.pk, 0, "drop")).status_code == 405
    assert staff.get(url("detail", 99999)).status_code == 404
    assert ready_job.segments.count() == 3


def test_publishing_from_the_page_opens_the_new_micro_credential(
    staff: Client, ready_job: RepurposeJob
) -> None:
    response = staff.post(url("publish", ready_job.pk), {"target": "new", "title": "Finance"})
    ready_job.refresh_from_db()
    assert ready_job.status == RepurposeJob.Status.PUBLISHED
    assert response["Location"] == reverse(
        "staff:micro_credential_edit", args=[ready_job.micro_credential_id]
    )
    response = staff.post(url("publish", ready_job.pk), {"target": "existing"}, follow=True)
    assert "Choose the micro-credential" in response.content.decode()


def test_progress_and_downloads(staff: Client, ready_job: RepurposeJob) -> None:
    progress = staff.get(url("progress", ready_job.pk)).json()
    assert progress["status"] == "ready" and progress["percent"] == 100.0
    segments = json.loads(staff.get(url("segments_json", ready_job.pk)).content)
    assert [set(s) for s in segments] == [
        {"start", "end", "title", "summary", "key_terms", "questions", "clip"}
        | {"spans_topics", "suggested_split"}
    ] * 3
    assert [(s["spans_topics"], s["suggested_split"]) for s in segments] == [(False, None)] * 3
    chapters = staff.get(url("chapters", ready_job.pk)).content.decode()
    assert chapters.startswith("WEBVTT") and chapters.count(" --> ") == 3


def test_the_timeline_shows_a_dropped_part_only_where_words_were_dropped(
    staff: Client, ready_job: RepurposeJob
) -> None:
    # the webinar pauses 3 s between its topics, where its lessons are cut
    assert ready_job.segments.get(position=1).start - ready_job.segments.get(position=0).end > 1

    page = staff.get(url("detail", ready_job.pk)).content.decode()
    assert "Dropped part" not in page

    staff.post(url("segment", ready_job.pk, 1, "drop"))
    page = staff.get(url("detail", ready_job.pk)).content.decode()
    assert page.count("Dropped part") == 1


def test_the_publish_card_says_where_wrong_answers_come_from(
    staff: Client, ready_job: RepurposeJob
) -> None:
    """As publishing picks them (services/publish.py): from the lesson's own topic."""
    page = staff.get(url("detail", ready_job.pk)).content.decode()

    assert "other lessons' key terms" not in page
    assert "get wrong answers from their lesson's own topic" in page
    assert "wrong answers are picked from this lesson's own topic" in page


def test_the_chapters_keep_a_title_holding_markup_characters(
    staff: Client, ready_job: RepurposeJob
) -> None:
    title = "Q&A <live> on R&D --> budgets"
    staff.post(
        url("segment", ready_job.pk, 0, "edit"),
        {"title": title, "summary": "S", "question_count": "0"},
    )

    chapters = staff.get(url("chapters", ready_job.pk)).content.decode()

    read = parse_transcript(chapters, format="vtt").cues  # as a player reads them
    assert read[0].text == "Q&A <live> on R&D \u2192 budgets"
