"""Input meant to break the review flow gets a message saying what is wrong, never a 500 and
never a half-written job: NUL characters in staff's edits (PostgreSQL stores none), a caption
of megabytes, times that are no times, words holding the timing arrow."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.engines.text.clock import clock
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services import review
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.services.transcript_edit import job_transcript_correct
from bitewise.repurposing.tests.support import webinar_vtt

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"repurposing_staff:{name}", args=args)


@pytest.fixture
def staff(client: Client, author: User) -> Client:
    client.force_login(author)
    return client


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


def upload(staff: Client, text: str) -> object:
    transcript = SimpleUploadedFile("talk.vtt", text.encode(), "text/vtt")
    return staff.post(url("new"), {"transcript": transcript, "min_minutes": 2, "max_minutes": 8})


def test_a_correction_with_a_nul_character_changes_nothing(
    author: User, ready_job: RepurposeJob
) -> None:
    cues = list(ready_job.cues)

    with pytest.raises(RepurposeError, match="Line 1 holds a NUL character"):
        job_transcript_correct(job=ready_job, by=author, first=0, stop=1, texts=["a\x00b"])

    ready_job.refresh_from_db()
    assert ready_job.cues == cues


@pytest.mark.parametrize(
    "field",
    [
        pytest.param({"title": "Budgets\x00"}, id="title"),
        pytest.param({"summary": "How\x00 it works"}, id="summary"),
        pytest.param({"q-0-prompt": "Who signs\x00?"}, id="question"),
        pytest.param({"q-0-choices": "issuer\nlearn\x00er"}, id="choice"),
    ],
)
def test_an_edit_with_a_nul_character_is_explained_and_changes_nothing(
    staff: Client, ready_job: RepurposeJob, field: dict[str, str]
) -> None:
    before = ready_job.segments.get(position=0)
    form = {
        "title": "Budgets",
        "summary": "How it works",
        "question_count": "1",
        "q-0-prompt": "Who signs?",
        "q-0-answer": "issuer",
        "q-0-choices": "issuer\nlearner",
        **field,
    }

    response = staff.post(url("segment", ready_job.pk, 0, "edit"), form, follow=True)

    assert response.status_code == 200
    assert "The text holds a NUL character" in " ".join(messages_of(response))
    after = ready_job.segments.get(position=0)
    assert (after.title, after.summary, after.questions, after.edited) == (
        before.title, before.summary, before.questions, False,
    )  # fmt: skip


def ranges(job: RepurposeJob) -> list[tuple[int, int]]:
    return [(s.first_cue, s.stop_cue) for s in job.segments.order_by("position")]


@pytest.mark.parametrize("at", ["nan", "NaN", "inf", "-inf", "1e400"])
@pytest.mark.parametrize("action", ["split", "move"])
def test_a_time_that_is_no_number_is_refused_and_moves_nothing(
    staff: Client, ready_job: RepurposeJob, action: str, at: str
) -> None:
    before = ranges(ready_job)

    response = staff.post(url("segment", ready_job.pk, 1, action), {"at": at}, follow=True)

    assert "Give a time such as 12:30 or 1:02:03." in messages_of(response)
    assert ranges(ready_job) == before


@pytest.mark.parametrize("at", ["0:10", "14:00", "99:99"])
def test_a_split_outside_the_lesson_says_where_its_times_lie(
    staff: Client, ready_job: RepurposeJob, at: str
) -> None:
    before = ranges(ready_job)
    second = ready_job.segments.get(position=1)

    response = staff.post(url("segment", ready_job.pk, 1, "split"), {"at": at}, follow=True)

    assert messages_of(response) == [
        f"Split lesson 2 at a time inside it, between {clock(second.start)} and "
        f"{clock(second.end)}."
    ]
    assert ranges(ready_job) == before


def test_the_services_refuse_a_time_that_is_no_number(ready_job: RepurposeJob) -> None:
    before = ranges(ready_job)

    with pytest.raises(RepurposeError):
        review.segment_split(job=ready_job, position=0, at_seconds=math.nan)
    with pytest.raises(RepurposeError):
        review.segment_move_start(job=ready_job, position=1, at_seconds=math.inf)

    assert ranges(ready_job) == before


def test_a_caption_of_megabytes_is_refused_before_any_job_is_made(staff: Client) -> None:
    blocks = webinar_vtt().split("\n\n")
    timing = blocks[1].split("\n", 1)[0]
    blocks[1] = f"{timing}\nAna Ruiz: " + "budget " * 300_000

    response = upload(staff, "\n\n".join(blocks))

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert (
        "The caption at 0:00 has 2,099,999 characters; a caption may hold 10,000"
        in response.content.decode()  # type: ignore[attr-defined]
    )
    assert not RepurposeJob.objects.exists()


def test_a_long_caption_that_was_read_can_be_corrected(
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    blocks = webinar_vtt().split("\n\n")
    timing = blocks[1].split("\n", 1)[0]
    blocks[1] = f"{timing}\nAna Ruiz: " + "Our budget starts with a forecast. " * 100  # 3,500
    transcript = SimpleUploadedFile("talk.vtt", "\n\n".join(blocks).encode())
    with django_capture_on_commit_callbacks(execute=False):
        job = repurpose_job_create(by=author, title="", transcript=transcript)
    repurpose_job_run(job_id=job.pk)
    job.refresh_from_db()
    texts = [str(cue[2]) for cue in job.cues[0:3]]
    texts[2] = "The board meets in March."

    changed = job_transcript_correct(job=job, by=author, first=0, stop=3, texts=texts)

    job.refresh_from_db()
    assert changed == 1 and job.cues[2][2] == "The board meets in March."


def test_words_holding_the_timing_arrow_are_read_not_dropped(staff: Client) -> None:
    text = webinar_vtt().replace(
        "Ben Okafor: Flashcards are the simplest tool",
        "Ben Okafor: Flashcards --> the simplest tool",
        1,
    )

    response = upload(staff, text)

    assert response.status_code == 302  # type: ignore[attr-defined]
    job = RepurposeJob.objects.get()
    assert any("Flashcards --> the simplest tool" in str(cue[2]) for cue in job.cues)
