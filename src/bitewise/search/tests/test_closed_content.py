"""A members-only or priced lesson keeps its content closed on every route that hands it out:
its media file, its captions, the passage player and search (an attack pass found each open
while the lesson page itself was closed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from bitewise.catalog.models import Lesson
from bitewise.membership.tests.factories import make_member, members_only, priced
from bitewise.search.data import SearchHit
from bitewise.search.models import DocumentKind
from bitewise.search.selectors import search
from bitewise.search.services.indexing import search_index_refresh
from bitewise.search.tests.factories import make_catalog, make_staff
from bitewise.search.tests.test_attribution import conference
from bitewise.search.tests.test_captions import media_lesson, stored, upload_for, vtt_url
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_members_only_lessons_media_file_is_for_members(client: Client, media_root: Path) -> None:
    lesson, mc = media_lesson(stored(media_root, "lessons/closed.wav"))
    members_only(mc)
    member = make_user()
    make_member(member)
    url = f"/media/{lesson.media_file.name}"

    assert client.get(url).status_code == 404
    client.force_login(make_user())
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_a_file_an_open_lesson_also_plays_stays_open(client: Client, media_root: Path) -> None:
    name = stored(media_root, "lessons/shared.wav")
    _, closed_mc = media_lesson(name)
    media_lesson(name)  # the same recording in an open micro-credential
    members_only(closed_mc)

    assert client.get(f"/media/{name}").status_code == 200


def test_a_members_only_lessons_captions_are_for_members(client: Client, media_root: Path) -> None:
    lesson, mc = media_lesson(stored(media_root, "lessons/talk.wav"), start=0, end=60)
    upload_for(lesson)
    priced(mc)
    member = make_user()
    make_member(member)
    buyer_to_be = make_user()

    assert client.get(vtt_url(lesson)).status_code == 404
    client.force_login(buyer_to_be)
    assert client.get(vtt_url(lesson)).status_code == 404
    client.force_login(make_staff())
    assert client.get(vtt_url(lesson)).status_code == 200


def test_a_shared_recording_opens_its_captions_lesson_by_lesson(
    client: Client, media_root: Path
) -> None:
    name = stored(media_root, "lessons/shared.wav")
    closed, closed_mc = media_lesson(name, start=0, end=60)
    open_lesson, _ = media_lesson(name, start=0, end=60)
    upload_for(closed)
    upload_for(open_lesson)
    members_only(closed_mc)

    assert client.get(vtt_url(open_lesson)).status_code == 200
    assert client.get(vtt_url(closed)).status_code == 404


def test_search_shows_nothing_of_a_closed_lesson_and_the_player_refuses_it(client: Client) -> None:
    lessons, _ = conference()
    mc = Lesson.objects.get(pk=lessons[0].pk).micro_credentials.get()
    members_only(mc)
    search_index_refresh()
    member, outsider = make_user(), make_user()
    make_member(member)

    assert search(query="petty cash float", user=outsider) == []
    assert search(query="depreciation useful life", user=None) == []
    hit = search(query="petty cash float", user=member, kind=DocumentKind.PASSAGE)[0]
    assert client.get("/search/suggest", {"q": "petty cash"}).json()["results"] == []

    assert client.get(hit.url).status_code == 302  # to log in
    client.force_login(outsider)
    assert client.get(hit.url).status_code == 403
    assert client.get("/search/suggest", {"q": "petty cash"}).json()["results"] == []
    client.force_login(member)
    assert client.get(hit.url).status_code == 200


def test_an_open_lessons_hits_are_untouched_by_a_closed_one() -> None:
    open_mc = make_catalog(title="Open")
    closed_mc = make_catalog(title="Closed")
    members_only(closed_mc)
    search_index_refresh()

    def slugs(hits: list[SearchHit]) -> set[str]:
        return {hit.url.split("/")[2] for hit in hits}

    query = "tight SBAR"
    assert slugs(search(query=query, user=make_user())) == {open_mc.slug}
    assert slugs(search(query=query, user=make_staff())) == {open_mc.slug, closed_mc.slug}
