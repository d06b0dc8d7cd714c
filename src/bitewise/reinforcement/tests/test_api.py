"""The reinforcement API: events are public; registration, Today and topics act on the
caller's own data only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from bitewise.accounts.models import User
from bitewise.accounts.services import api_token_create
from bitewise.reinforcement.models import EventRegistration, TopicFollow
from bitewise.reinforcement.services.scheduling import deliveries_plan_due
from bitewise.reinforcement.tests.factories import make_campaign, make_event, make_learner, register
from bitewise.testing import make_skill

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').secret}"}


def test_events_are_public_and_registration_needs_a_token() -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=10))
    client = Client()

    assert client.get("/api/events").json()[0]["title"] == event.title
    assert client.post(f"/api/events/{event.pk}/registration").status_code == 401
    learner = make_learner()
    created = client.post(f"/api/events/{event.pk}/registration", headers=bearer(learner))
    assert created.status_code == 201 and created.json()["source"] == "self"
    assert (
        client.delete(f"/api/events/{event.pk}/registration", headers=bearer(learner)).status_code
        == 204
    )
    assert not EventRegistration.objects.exists()
    assert (
        client.post("/api/events/999999/registration", headers=bearer(learner)).status_code == 404
    )


@time_machine.travel(datetime(2026, 3, 8, 12, 0, tzinfo=UTC), tick=False)
def test_today_lists_only_the_callers_items() -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    alice, bob = make_learner(email_on=False), make_learner(email_on=False)
    register(event, alice, at=START - timedelta(days=30))
    register(make_event(starts_at=START, title="Other"), bob, at=START - timedelta(days=30))
    deliveries_plan_due(now=datetime(2026, 3, 8, 8, 45, tzinfo=UTC))

    mine = Client().get("/api/me/today/events", headers=bearer(alice)).json()
    theirs = Client().get("/api/me/today/events", headers=bearer(bob)).json()

    assert [item["subject"] for item in mine] == ["Step -1 d"]
    assert theirs == []


def test_follow_and_unfollow_a_skill() -> None:
    learner, skill = make_learner(), make_skill("Triage")
    headers = bearer(learner)

    assert Client().put(f"/api/me/topics/{skill.pk}", headers=headers).status_code == 204
    assert Client().get("/api/me/topics", headers=headers).json() == [
        {"skill_id": skill.pk, "name": "Triage", "slug": skill.slug}
    ]
    assert Client().delete(f"/api/me/topics/{skill.pk}", headers=headers).status_code == 204
    assert not TopicFollow.objects.exists()
    assert Client().put("/api/me/topics/999999", headers=headers).status_code == 404
