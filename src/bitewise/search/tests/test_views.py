from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from bitewise.catalog.models import LessonKind
from bitewise.search.models import Transcript, TranscriptPassage
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.tests.factories import (
    HANDOFF_VTT,
    index_with_transcript,
    make_catalog,
    make_staff,
)
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db
UPLOAD = "/staff/search/transcripts/"


def test_the_search_box_is_on_every_page_and_works_without_javascript(client: Client) -> None:
    make_catalog()
    search_index_refresh()

    home = client.get("/")
    page = client.get("/search/", {"q": "accruals"})

    assert b'role="search"' in home.content and b'action="/search/"' in home.content
    assert b'<label for="search-q"' in home.content
    assert page.status_code == 200
    assert b"Accruals and cut-off" in page.content


def test_suggestions_as_you_type_on_a_partial_word(client: Client) -> None:
    make_catalog()
    search_index_refresh()

    response = client.get("/search/suggest", {"q": "accru"})

    assert response.status_code == 200
    results = response.json()["results"]
    lesson = next(r for r in results if r["title"] == "Accruals and cut-off")
    assert lesson["url"].startswith("/m/") and lesson["kind"] == "lesson"
    assert results[0]["title"] in ("Accruals and cut-off", "When is an accrued expense recorded?")
    assert client.get("/search/suggest", {"q": ""}).json()["results"] == []


def test_suggestions_hide_drafts_from_learners(client: Client) -> None:
    make_catalog(publish=False)
    search_index_refresh()
    client.force_login(make_user())

    assert client.get("/search/suggest", {"q": "accruals"}).json()["results"] == []

    client.force_login(make_staff())
    assert client.get("/search/suggest", {"q": "accruals"}).json()["results"]


def test_api_search_with_kind_and_limit(client: Client) -> None:
    make_catalog()
    search_index_refresh()

    response = client.get("/api/search", {"q": "accruals cut-off", "kind": "lesson", "limit": "1"})
    bad = client.get("/api/search", {"q": "x", "kind": "podcast"})

    assert response.status_code == 200
    body = response.json()
    assert len(body) == 1 and body[0]["kind"] == "lesson"
    assert bad.status_code == 422


def test_a_transcript_hit_opens_the_recording_at_that_moment(client: Client) -> None:
    mc = make_catalog()
    index_with_transcript(mc, make_staff())

    hit = client.get("/search/suggest", {"q": "rapid response"}).json()["results"][0]
    player = client.get(hit["url"])

    assert hit["url"].endswith("?t=83") and hit["at"] == "1:23"
    assert player.status_code == 200
    assert b'src="https://media.example.org/escalation.mp4#t=83"' in player.content
    assert b"Open the lesson" in player.content


def test_the_player_of_a_draft_lesson_is_hidden_from_learners(client: Client) -> None:
    mc = make_catalog(publish=False)
    index_with_transcript(mc, make_staff())
    passage = TranscriptPassage.objects.first()
    assert passage is not None

    assert client.get(f"/search/play/{passage.pk}/?t=5").status_code == 404


def test_staff_upload_a_zoom_transcript(client: Client) -> None:
    mc = make_catalog()
    media = mc.lessons.get(kind=LessonKind.MEDIA)
    client.force_login(make_staff())

    response = client.post(
        UPLOAD, {"lesson": media.pk, "file": SimpleUploadedFile("zoom.vtt", HANDOFF_VTT)}
    )

    assert response.status_code == 302
    transcript = Transcript.objects.get(lesson=media)
    assert transcript.passages.count() == 2
    assert "Marcus Lee" in transcript.passages.last().speakers  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        pytest.param(
            "talk.vtt", b"Hello, this is not WebVTT.", b"first line must be WEBVTT", id="not-vtt"
        ),
        pytest.param("talk.vtt", b"", b"empty", id="empty"),
        pytest.param("talk.pdf", b"%PDF-1.7", b"WebVTT (.vtt)", id="wrong-type"),
        pytest.param("talk.vtt", b"\x00\x01PNG", b"binary", id="binary"),
        pytest.param(
            "talk.vtt", b"WEBVTT\n\n" + b"x" * 2_100_000, b"the limit is 2.0 MB", id="huge"
        ),
        pytest.param("talk.txt", b"No timestamps at all.", b"no timestamps", id="untimed-text"),
        pytest.param(
            "talk.vtt",
            b"WEBVTT\n\n04:59:00.000 --> 05:00:00.000\nStill talking.\n",
            b"runs 5:00:00; the limit is 4:00:00",
            id="longer-than-any-recording",
        ),
        pytest.param(
            "talk.srt",
            "".join(
                f"{i + 1}\n00:{i // 600:02d}:{i // 10 % 60:02d},{i % 10}00 --> "
                f"00:{i // 600:02d}:{i // 10 % 60:02d},{i % 10}90\nword\n\n"
                for i in range(20_001)
            ).encode(),
            b"has 20,001 cues; the limit is 20,000",
            id="too-many-cues",
        ),
    ],
)
def test_bad_transcripts_get_a_clear_400_and_change_nothing(
    client: Client, name: str, data: bytes, message: bytes, settings: Settings
) -> None:
    settings.BITEWISE_MAX_TRANSCRIPT_BYTES = 2_000_000  # the limit the messages name
    mc = make_catalog()
    media = mc.lessons.get(kind=LessonKind.MEDIA)
    client.force_login(make_staff())

    response = client.post(UPLOAD, {"lesson": media.pk, "file": SimpleUploadedFile(name, data)})

    assert response.status_code == 400
    assert message in response.content
    assert not Transcript.objects.exists()


def test_a_lesson_without_media_cannot_get_a_transcript(client: Client) -> None:
    mc = make_catalog()
    text_lesson = mc.lessons.exclude(kind=LessonKind.MEDIA).first()
    assert text_lesson is not None
    client.force_login(make_staff())

    response = client.post(
        UPLOAD, {"lesson": text_lesson.pk, "file": SimpleUploadedFile("a.vtt", HANDOFF_VTT)}
    )

    assert response.status_code == 400
    assert not Transcript.objects.exists()


def test_learners_cannot_upload_transcripts(client: Client) -> None:
    client.force_login(make_user())

    assert client.get(UPLOAD).status_code == 403


def test_a_multi_speaker_file_whose_cues_overlap_is_indexed_whole(client: Client) -> None:
    mc = make_catalog()
    media = mc.lessons.get(kind=LessonKind.MEDIA)
    client.force_login(make_staff())
    overlapping = (
        b"WEBVTT\n\n00:00:00.000 --> 00:00:09.000\n<v Ana Ruiz>Call the rapid response team.\n\n"
        b"00:00:04.000 --> 00:00:08.000\n<v Ben Okafor>Before the score rises further?\n"
    )

    response = client.post(
        UPLOAD, {"lesson": media.pk, "file": SimpleUploadedFile("panel.vtt", overlapping)}
    )

    assert response.status_code == 302
    passage = Transcript.objects.get(lesson=media).passages.get()
    assert passage.speakers == "Ana Ruiz, Ben Okafor"
    assert "rapid response team" in passage.text and "score rises further" in passage.text
