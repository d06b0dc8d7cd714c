from __future__ import annotations

import pytest
from django.test import Client

from bitewise.search.models import DocumentKind
from bitewise.search.selectors import search
from bitewise.search.services.transcripts import transcript_upload
from bitewise.search.tests.factories import HANDOFF_VTT, make_staff
from bitewise.testing import make_user
from bitewise.webinars.services.follow_up import recording_attach
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db


def test_a_webinar_recording_passage_plays_at_its_moment_for_signed_in_learners(
    client: Client,
) -> None:
    webinar = make_webinar()
    recording_attach(webinar=webinar, seconds=900, url="https://media.example.org/webinar.mp3")
    transcript_upload(
        filename="zoom.vtt", data=HANDOFF_VTT, uploaded_by=make_staff(), webinar=webinar
    )

    hit = search(query="rapid response", user=None, kind=DocumentKind.PASSAGE)[0]

    assert hit.title == webinar.title and hit.url.endswith("?t=83")
    assert client.get(hit.url).status_code == 302  # to the login page, as the webinar page
    client.force_login(make_user())
    page = client.get(hit.url).content.decode()
    assert (
        '<audio controls autoplay preload="metadata" src="https://media.example.org/webinar.mp3#t=83"'
        in page
    )
    assert f"/webinars/{webinar.pk}/" in page


def test_a_draft_webinar_recording_is_not_found_by_learners() -> None:
    webinar = make_webinar(publish=False)
    recording_attach(webinar=webinar, seconds=900, url="https://media.example.org/w.mp4")
    transcript_upload(
        filename="zoom.vtt", data=HANDOFF_VTT, uploaded_by=make_staff(), webinar=webinar
    )

    assert search(query="rapid response", user=make_user()) == []
    assert search(query="rapid response", user=make_staff())
