"""Learner pages: the unsubscribe link, self-registration, Today items, topics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.template import Context, Template
from django.test import Client, RequestFactory

from bitewise.reinforcement.models import (
    DeliveryPreferences,
    EventRegistration,
    RegistrationSource,
    TopicFollow,
    Unsubscribe,
    UnsubscribeScope,
)
from bitewise.reinforcement.services.scheduling import deliveries_plan_due
from bitewise.reinforcement.services.unsubscribe import UnsubscribeRequest, unsubscribe_token
from bitewise.reinforcement.tests.factories import make_campaign, make_event, make_learner, register
from bitewise.testing import PASSWORD, make_skill

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)


def signed_in(learner) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.login(email=learner.email, password=PASSWORD)
    return client


def test_get_shows_a_confirm_page_and_changes_nothing() -> None:
    learner = make_learner()
    token = unsubscribe_token(UnsubscribeRequest(learner.pk, UnsubscribeScope.ALL))

    response = Client().get(f"/u/{token}")

    assert response.status_code == 200
    assert b"Stop receiving all email from Bitewise?" in response.content
    assert not Unsubscribe.objects.exists()


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"), id="signature-changed"),
        pytest.param(lambda t: "x" + t, id="payload-changed"),
        pytest.param(lambda t: "WzEsImFsbCIsbnVsbCxudWxsXQ:1abc:forged", id="made-up"),
    ],
)
def test_a_tampered_token_gets_a_clear_400_page_and_changes_nothing(tamper) -> None:  # type: ignore[no-untyped-def]
    learner = make_learner()
    token = unsubscribe_token(UnsubscribeRequest(learner.pk, UnsubscribeScope.ALL))

    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/u/{tamper(token)}")
        assert response.status_code == 400
        assert b"This unsubscribe link is not valid" in response.content
    assert not Unsubscribe.objects.exists()


def test_a_token_for_one_learner_never_unsubscribes_another() -> None:
    alice, bob = make_learner(), make_learner()
    token = unsubscribe_token(UnsubscribeRequest(alice.pk, UnsubscribeScope.ALL))

    Client().post(f"/u/{token}")
    Client().post(f"/u/{token}")  # twice is harmless

    assert list(Unsubscribe.objects.values_list("learner_id", flat=True)) == [alice.pk]
    assert bob.pk not in set(Unsubscribe.objects.values_list("learner_id", flat=True))


def test_a_learner_registers_themselves_from_the_event_page_and_can_leave() -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=20))
    learner = make_learner()
    client = signed_in(learner)

    page = client.get(f"/events/{event.pk}/")
    assert b"Get lessons for this event" in page.content
    client.post(f"/events/{event.pk}/register")

    registration = EventRegistration.objects.get(event=event, learner=learner)
    assert registration.source == RegistrationSource.SELF
    client.post(f"/events/{event.pk}/leave")
    assert not EventRegistration.objects.filter(event=event, learner=learner).exists()


def test_an_event_long_past_says_registration_has_closed_and_refuses_it() -> None:
    event = make_event(starts_at=datetime.now(UTC) - timedelta(days=40))
    recent = make_event(starts_at=datetime.now(UTC) - timedelta(days=20), title="Recent")
    client = signed_in(make_learner())

    page = client.get(f"/events/{event.pk}/").content.decode()
    client.post(f"/events/{event.pk}/register")
    client.post(f"/events/{recent.pk}/register")

    assert "registration has closed" in page and "Get lessons for this event" not in page
    assert list(EventRegistration.objects.values_list("event_id", flat=True)) == [recent.pk]


def test_registering_needs_a_login_and_a_post() -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=20))
    assert Client().post(f"/events/{event.pk}/register").status_code == 302
    assert signed_in(make_learner()).get(f"/events/{event.pk}/register").status_code == 405
    assert not EventRegistration.objects.exists()


def render_feed(learner) -> str:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/today/")
    request.user = learner
    template = Template("{% load reinforcement %}{% today_feed %}")
    return template.render(Context({"request": request}))


@time_machine.travel(datetime(2026, 3, 8, 15, 0, tzinfo=UTC), tick=False)
def test_the_today_feed_shows_only_the_learners_own_steps_of_today() -> None:
    event = make_event(starts_at=START, title="Nursing congress")
    make_campaign(event, offsets=[-1, 1])
    mine = make_learner(email_on=False)
    other_event = make_event(starts_at=START, title="Audit summit")
    make_campaign(other_event, offsets=[-1])
    theirs = make_learner(email_on=False)
    register(event, mine, at=START - timedelta(days=30))
    register(other_event, theirs, at=START - timedelta(days=30))
    deliveries_plan_due(now=datetime(2026, 3, 8, 8, 45, tzinfo=UTC))

    html = render_feed(mine)

    assert "Step -1 d" in html and "Nursing congress" in html
    assert "Audit summit" not in html
    assert "Step +1 d" not in html  # tomorrow's
    [their_delivery] = theirs.deliveries.all()
    assert signed_in(mine).get(f"/today/{their_delivery.pk}/").status_code == 404
    [my_delivery] = mine.deliveries.all()
    page = signed_in(mine).get(f"/today/{my_delivery.pk}/")
    assert page.status_code == 200 and b"A short note for -1 days." in page.content


def test_the_feed_is_empty_for_visitors() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert render_feed(AnonymousUser()).strip() == ""


def test_topics_page_follows_and_unfollows_skills_and_saves_settings() -> None:
    learner = make_learner()
    ethics, triage = make_skill("Ethics"), make_skill("Triage")
    client = signed_in(learner)

    client.post("/me/topics/", {"form": "topics", "skills": [ethics.pk, triage.pk]})
    client.post("/me/topics/", {"form": "topics", "skills": [triage.pk]})
    response = client.post(
        "/me/topics/",
        {"form": "preferences", "time_zone": "Europe/Berlin", "quiet_hours": "22:00-07:00"},
    )

    assert response.status_code == 302
    assert list(TopicFollow.objects.filter(learner=learner).values_list("skill", flat=True)) == [
        triage.pk
    ]
    prefs = DeliveryPreferences.objects.get(learner=learner)
    assert (prefs.time_zone, prefs.quiet_hours, prefs.is_email_enabled) == (
        "Europe/Berlin",
        "22:00-07:00",
        False,
    )


def test_bad_quiet_hours_are_refused_with_a_message() -> None:
    client = signed_in(make_learner())
    response = client.post(
        "/me/topics/",
        {
            "form": "preferences",
            "time_zone": "UTC",
            "quiet_hours": "late",
            "is_email_enabled": "on",
        },
    )
    assert response.status_code == 400
    assert "21:00-08:00" in response.content.decode()
    assert not DeliveryPreferences.objects.exists()


def test_leaving_an_event_stops_even_a_delivery_already_claimed() -> None:
    from bitewise.reinforcement.models import Delivery, DeliveryState, EventRegistration
    from bitewise.reinforcement.services.scheduling import deliveries_plan
    from bitewise.reinforcement.services.sending import delivery_send

    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    learner = make_learner()
    register(event, learner, at=START - timedelta(days=30))
    deliveries_plan(now=datetime(2026, 3, 8, 8, 30, tzinfo=UTC))
    EventRegistration.objects.filter(learner=learner).delete()  # gone, row still planned

    assert delivery_send(delivery_id=Delivery.objects.get().pk) == "skipped"
    assert Delivery.objects.get().state == DeliveryState.SKIPPED
    from django.core import mail

    assert mail.outbox == []


def test_the_event_page_shows_the_start_on_the_events_own_clock() -> None:
    event = make_event(
        starts_at=datetime(2026, 12, 18, 8, 30, tzinfo=UTC), time_zone="America/New_York"
    )

    page = Client().get(f"/events/{event.pk}/").content.decode()
    listing = Client().get("/events/").content.decode()

    assert "Friday 18 December 2026, 03:30 (America/New_York)" in page
    assert "Sign in</a> to register" in page
    assert "Fri 18 Dec 2026, 03:30 (America/New_York)" in listing


@time_machine.travel(datetime(2026, 3, 8, 15, 0, tzinfo=UTC), tick=False)
def test_the_today_page_shows_the_feed() -> None:
    event = make_event(starts_at=START, title="Nursing congress")
    make_campaign(event, offsets=[-1])
    learner = make_learner(email_on=False)
    register(event, learner, at=START - timedelta(days=30))
    deliveries_plan_due(now=datetime(2026, 3, 8, 8, 45, tzinfo=UTC))

    page = signed_in(learner).get("/today/").content.decode()

    assert "From your events" in page and "Step -1 d" in page
