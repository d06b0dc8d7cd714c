"""A recording used by several lessons: each passage belongs to the lesson whose range holds
it, in results, in the player, and in brush-up; a passage in no lesson's range belongs to the
recording."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import Lesson
from bitewise.search.models import Document, DocumentKind, Transcript
from bitewise.search.selectors import search
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.services.transcripts import transcript_upload
from bitewise.search.tests.factories import (
    CONFERENCE_URL,
    CONFERENCE_VTT,
    make_conference,
    make_staff,
)
from bitewise.testing import make_skill, make_user

pytestmark = pytest.mark.django_db


def conference(*, publish: bool = True) -> tuple[list[Lesson], Transcript]:
    _, lessons = make_conference(publish=publish)
    search_index_refresh()
    transcript = transcript_upload(
        filename="conference.vtt", data=CONFERENCE_VTT, uploaded_by=make_staff(), lesson=lessons[0]
    )
    return lessons, transcript


@pytest.mark.parametrize(
    ("phrase", "title", "second"),
    [
        pytest.param("petty cash float", "Petty cash", 60, id="first-range"),
        pytest.param("depreciation useful life", "Depreciation basics", 400, id="second-range"),
        pytest.param("segregation of duties clerk", "Segregation of duties", 1000, id="third"),
        pytest.param("raffle lobby", "Petty cash", 700, id="in-no-range-the-recording"),
    ],
)
def test_a_passage_is_found_under_the_lesson_whose_range_holds_it(
    phrase: str, title: str, second: int
) -> None:
    conference()

    hit = search(query=phrase, user=make_user(), kind=DocumentKind.PASSAGE)[0]

    assert (hit.title, hit.start_seconds) == (title, second)
    assert hit.url.endswith(f"?t={second}")


def test_passages_are_labelled_with_their_own_lesson_not_the_first_one(client: Client) -> None:
    lessons, _ = conference()

    documents = Document.objects.filter(kind=DocumentKind.PASSAGE).order_by("start_seconds")

    assert [d.lesson_id for d in documents] == [lessons[0].pk, lessons[1].pk, None, lessons[2].pk]
    assert all(d.is_public for d in documents)


@pytest.mark.parametrize(
    ("phrase", "lesson_index", "second"),
    [
        pytest.param("petty cash float", 0, 60, id="first"),
        pytest.param("depreciation useful life", 1, 400, id="second"),
        pytest.param("segregation of duties clerk", 2, 1000, id="third"),
    ],
)
def test_the_player_opens_the_lesson_whose_range_holds_the_passage_at_its_second(
    client: Client, phrase: str, lesson_index: int, second: int
) -> None:
    lessons, _ = conference()
    client.force_login(make_user())
    hit = client.get("/search/suggest", {"q": phrase}).json()["results"][0]

    player = client.get(hit["url"])

    lesson = lessons[lesson_index]
    page = player.content.decode()
    assert player.status_code == 200
    assert f"<h1>{lesson.title}</h1>" in page
    assert f'src="{CONFERENCE_URL}#t={second}"' in page
    assert f'/{lesson.pk}/?t={second}">Open the lesson at' in page
    for other in lessons:
        if other != lesson:
            assert f"/{other.pk}/?t=" not in page


def test_a_passage_in_no_lesson_plays_the_recording_without_a_lesson_link(client: Client) -> None:
    conference()
    client.force_login(make_user())
    hit = client.get("/search/suggest", {"q": "raffle lobby"}).json()["results"][0]

    player = client.get(hit["url"]).content.decode()

    assert f'src="{CONFERENCE_URL}#t=700"' in player
    assert "of the recording" in player and "Open the lesson" not in player


def test_a_recordings_passages_stay_hidden_while_its_lessons_are_drafts(client: Client) -> None:
    conference(publish=False)

    assert search(query="depreciation useful life", user=make_user()) == []
    hit = search(query="raffle lobby", user=make_staff(), kind=DocumentKind.PASSAGE)[0]
    client.force_login(make_user())
    assert client.get(hit.url).status_code == 404


def test_moving_a_lessons_range_moves_its_passages_at_the_next_refresh() -> None:
    lessons, _ = conference()
    lessons[1].end_seconds = 800  # now takes in the coffee break
    catalog_services.lesson_save(lesson=lessons[1])

    search_index_refresh()

    hit = search(query="raffle lobby", user=None, kind=DocumentKind.PASSAGE)[0]
    assert (hit.title, hit.start_seconds) == ("Depreciation basics", 700)
    assert search_index_refresh() == 0  # placed once, then nothing to do


def test_passages_never_straddle_two_lessons() -> None:
    lessons, transcript = conference()

    for passage in transcript.passages.all():
        owners = {
            le.pk
            for le in lessons
            if le.start_seconds <= passage.start_seconds < le.end_seconds
            or le.start_seconds < passage.end_seconds <= le.end_seconds
        }
        assert len(owners) <= 1


def test_an_upload_for_another_lesson_of_the_recording_replaces_the_transcript(
    client: Client,
) -> None:
    lessons, first = conference()
    client.force_login(make_staff())

    response = client.post(
        "/staff/search/transcripts/",
        {"lesson": lessons[2].pk, "file": SimpleUploadedFile("again.vtt", CONFERENCE_VTT)},
    )

    assert response.status_code == 302
    assert not Transcript.objects.filter(pk=first.pk).exists()
    assert Document.objects.filter(kind=DocumentKind.PASSAGE).count() == 4


def test_brush_up_offers_the_passage_in_its_own_lesson(client: Client) -> None:
    skill = make_skill("Fixed assets")
    skill.description = "Depreciation over the useful life of equipment."
    catalog_services.skill_save(skill=skill)
    conference()
    client.force_login(make_user())

    page = client.get(f"/brush-up/{skill.slug}/").content.decode()

    assert "Depreciation basics" in page and "?t=400" in page
