"""A members-only or priced webinar's recording is part of what is sold: its page, its stored
file and the viewing heartbeats (which earn self-study credit) are for those let in; the
follow-up enrolment counts the attendees its rule keeps out instead of failing half-way."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import Role
from bitewise.common.tests.uploads import wav_bytes
from bitewise.learning.models import Enrollment
from bitewise.membership.tests.factories import make_member, members_only, priced
from bitewise.testing import make_micro_credential, make_user
from bitewise.webinars.models import Attendance, Viewing, Webinar
from bitewise.webinars.tests.factories import make_webinar

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(settings, tmp_path: Path) -> Webinar:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "webinars").mkdir()
    (tmp_path / "webinars" / "session.wav").write_bytes(wav_bytes())
    webinar = make_webinar(starts_at=timezone.now() - timedelta(days=2))
    Webinar.objects.filter(pk=webinar.pk).update(
        recording_file="webinars/session.wav", recording_seconds=900
    )
    webinar.refresh_from_db()
    priced(webinar, price="99.00", member_price=None)
    return webinar


def test_a_priced_recording_is_not_played_to_someone_who_has_not_bought_it(
    client: Client, recorded: Webinar
) -> None:
    client.force_login(make_user())

    page = client.get(f"/webinars/{recorded.pk}/").content.decode()
    heartbeat = client.post(
        f"/api/webinars/{recorded.pk}/heartbeats",
        {"start": 0, "end": 60},
        content_type="application/json",
    )

    assert "webinars/session.wav" not in page
    assert "Buy for 99" in page
    assert client.get("/media/webinars/session.wav").status_code == 404
    assert heartbeat.status_code == 403 and "detail" in heartbeat.json()
    assert not Viewing.objects.exists()


def test_a_members_only_recording_plays_for_members(client: Client, recorded: Webinar) -> None:
    members_only(recorded)
    member = make_user()
    make_member(member)
    client.force_login(member)

    page = client.get(f"/webinars/{recorded.pk}/").content.decode()
    heartbeat = client.post(
        f"/api/webinars/{recorded.pk}/heartbeats",
        {"start": 0, "end": 60},
        content_type="application/json",
    )

    assert "webinars/session.wav" in page
    assert client.get("/media/webinars/session.wav").status_code == 200
    assert heartbeat.status_code == 200 and heartbeat.json()["watched_seconds"] == 60


def test_the_follow_up_enrols_those_let_in_and_counts_the_others(client: Client) -> None:
    author = make_user(role=Role.AUTHOR)
    follow = make_micro_credential(title="Members follow-up")
    members_only(follow)
    webinar = make_webinar(
        by=author, starts_at=timezone.now() - timedelta(minutes=2), follow_up=follow
    )
    member, outsider = make_user(), make_user()
    make_member(member)
    for learner in (member, outsider):
        Attendance.objects.create(webinar=webinar, learner=learner, minutes=10)
    client.force_login(author)

    response = client.post(reverse("webinars_staff:follow_up", args=[webinar.pk]), follow=True)

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 attendee enrolled in “Members follow-up”." in page
    assert "1 not enrolled: “Members follow-up” is members only or priced for them." in page
    assert list(Enrollment.objects.values_list("learner", flat=True)) == [member.pk]
