"""Publishing a job with a recording makes the recording searchable by the minute: a phrase
spoken in it opens the lesson cut from that part, at the right second, once, however often
the indexing runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson
from bitewise.catalog.services import micro_credential_publish
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.services.index import repurpose_job_index
from bitewise.repurposing.services.intake import repurpose_job_create
from bitewise.repurposing.services.publish import repurpose_job_publish
from bitewise.repurposing.services.run import repurpose_job_run
from bitewise.repurposing.tests.support import SPOKEN_AT, transcript_with_phrase
from bitewise.search.models import Document, DocumentKind, Transcript, TranscriptPassage
from bitewise.search.selectors import search
from bitewise.search.services.indexing import search_index_refresh
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def lessons_of(job: RepurposeJob) -> list[Lesson]:
    return [s.lesson for s in job.segments.order_by("position") if s.lesson is not None]


def test_publishing_indexes_the_recording_against_the_lessons_it_made(
    recorded_job: RepurposeJob,
    author: User,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        credential = repurpose_job_publish(job=recorded_job, by=author)
    micro_credential_publish(micro_credential=credential, by=None)
    search_index_refresh()

    assert len(callbacks) >= 1
    segments = list(recorded_job.segments.order_by("position"))
    second = next(s for s in segments if s.start <= SPOKEN_AT < s.end)
    hit = search(query="quokka mnemonic", user=make_user(), kind=DocumentKind.PASSAGE)[0]
    passage = TranscriptPassage.objects.get(pk=int(hit.url.split("/")[-2]))
    assert hit.title == second.lesson.title  # type: ignore[union-attr]
    assert passage.start_seconds <= SPOKEN_AT < passage.end_seconds
    # the lesson plays its own clip: the second is counted from the clip's start
    assert hit.start_seconds == int(passage.start_seconds - second.start)


def test_every_passage_lies_in_the_lesson_cut_from_its_part_of_the_recording(
    recorded_job: RepurposeJob, author: User
) -> None:
    repurpose_job_publish(job=recorded_job, by=author)
    repurpose_job_index(job_id=recorded_job.pk)

    segments = list(recorded_job.segments.order_by("position"))
    documents = Document.objects.filter(kind=DocumentKind.PASSAGE).select_related("passage")
    assert documents.count() == TranscriptPassage.objects.count() > len(segments)
    for document in documents:
        start = document.passage.start_seconds  # type: ignore[union-attr]
        owner = next(s for s in segments if s.start <= start < s.end)
        assert document.lesson_id == owner.lesson_id
        assert document.start_seconds == pytest.approx(start - owner.start)
        assert document.passage.end_seconds <= owner.end + 0.001  # type: ignore[union-attr]


def test_indexing_again_or_twice_never_duplicates_a_passage(
    recorded_job: RepurposeJob, author: User
) -> None:
    existing = make_micro_credential(lessons=2, quiz=False, publish=False)
    repurpose_job_publish(job=recorded_job, by=author, micro_credential=existing)  # appended
    assert repurpose_job_index(job_id=recorded_job.pk) == 3
    passages = TranscriptPassage.objects.count()

    repurpose_job_index(job_id=recorded_job.pk)
    search_index_refresh()

    assert Transcript.objects.count() == 1
    assert TranscriptPassage.objects.count() == passages
    assert Document.objects.filter(kind=DocumentKind.PASSAGE).count() == passages


def test_lessons_that_play_ranges_of_the_recording_get_its_passages(
    author: User, recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bitewise.repurposing.services.run.MIN_CLIP_SECONDS", 10_000.0)
    job = repurpose_job_create(
        by=author,
        title="Ranges",
        recording=SimpleUploadedFile(recording.name, recording.read_bytes()),
        transcript=SimpleUploadedFile("t.vtt", transcript_with_phrase().encode()),
    )
    repurpose_job_run(job_id=job.pk)
    credential = repurpose_job_publish(job=job, by=author)
    micro_credential_publish(micro_credential=credential, by=None)
    repurpose_job_index(job_id=job.pk)

    lessons = lessons_of(job)
    assert all(le.start_seconds is not None for le in lessons)  # no clips: ranges
    hit = search(query="quokka mnemonic", user=None, kind=DocumentKind.PASSAGE)[0]
    owner = next(le for le in lessons if le.start_seconds <= SPOKEN_AT < le.end_seconds)
    assert hit.title == owner.title
    passage = TranscriptPassage.objects.get(pk=int(hit.url.split("/")[-2]))
    assert hit.start_seconds == int(passage.start_seconds)  # the recording's own clock


def test_a_job_without_a_recording_indexes_nothing(ready_job: RepurposeJob, author: User) -> None:
    repurpose_job_publish(job=ready_job, by=author)

    assert repurpose_job_index(job_id=ready_job.pk) == 0
    assert not Transcript.objects.exists()


def test_publishing_through_the_staff_page_lands_a_learner_on_the_second(
    recorded_job: RepurposeJob,
    author: User,
    client: Client,
    django_capture_on_commit_callbacks: Callable,  # type: ignore[type-arg]
) -> None:
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/repurpose/{recorded_job.pk}/publish",
            {"target": "new", "title": "Budget basics"},
        )
    assert response.status_code == 302
    credential = RepurposeJob.objects.get(pk=recorded_job.pk).micro_credential
    assert credential is not None
    micro_credential_publish(micro_credential=credential, by=None)
    search_index_refresh()
    client.force_login(make_user())

    results = client.get("/search/suggest", {"q": "quokka mnemonic"}).json()["results"]
    hit = next(r for r in results if r["kind"] == "passage")  # the lesson's text matches too
    player = client.get(hit["url"]).content.decode()

    owner = next(s for s in recorded_job.segments.all() if s.start <= SPOKEN_AT < s.end)
    assert owner.lesson is not None
    assert f"<h1>{owner.lesson.title}</h1>" in player
    assert f'src="{owner.lesson.media_source}#t={hit["url"].split("=")[-1]}"' in player
    assert f"/{owner.lesson.pk}/?t=" in player
