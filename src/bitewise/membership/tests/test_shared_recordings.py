"""A recording file opens to whoever may open any lesson playing it: closing a micro-credential
whose lessons share their recording with lessons outside it leaves that file open, and staff
are told so when they close it."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.catalog.models import Lesson
from bitewise.membership.selectors import lessons_sharing_media
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def close(client: Client, slug: str) -> str:
    response = client.post(
        "/staff/membership/access/",
        {"kind": "micro-credential", "key": slug, "mode": "members", "currency": "USD"},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_closing_a_micro_credential_that_shares_a_recording_warns_staff(client: Client) -> None:
    closed, open_one = make_micro_credential(title="Members"), make_micro_credential(title="Open")
    shared = closed.lessons.first()
    Lesson.objects.filter(pk__in=[shared.pk, open_one.lessons.first().pk]).update(
        media_file="lessons/webinar.wav"
    )
    client.force_login(make_user(role=Role.AUTHOR))

    page = close(client, closed.slug)

    assert lessons_sharing_media(closed) == [shared]
    assert f"“{shared.title}” play a recording that lessons outside “Members” play too" in page


def test_a_micro_credential_with_recordings_of_its_own_closes_without_a_warning(
    client: Client,
) -> None:
    mc = make_micro_credential(title="Members")
    lessons = list(mc.lessons.all())
    for n, lesson in enumerate(lessons):
        Lesson.objects.filter(pk=lesson.pk).update(media_file=f"lessons/clip-{n}.wav")
    client.force_login(make_user(role=Role.AUTHOR))

    page = close(client, mc.slug)

    assert lessons_sharing_media(mc) == []
    assert "play a recording that lessons outside" not in page
