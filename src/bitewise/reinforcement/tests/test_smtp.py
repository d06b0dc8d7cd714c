"""Campaign email over the real SMTP protocol: headers, one-click unsubscribe, bounces."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client, TestCase

from bitewise.accounts.tests.test_smtp import Inbox
from bitewise.reinforcement.models import (
    AddressStatus,
    Delivery,
    DeliveryState,
    EmailAddressStatus,
    Unsubscribe,
)
from bitewise.reinforcement.services.scheduling import deliveries_plan_due
from bitewise.reinforcement.services.sending import delivery_send
from bitewise.reinforcement.tests.conftest import RefusingInbox
from bitewise.reinforcement.tests.factories import make_campaign, make_event, make_learner, register

START = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
DAY_BEFORE = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)  # the -1 d step for a UTC learner
DAY_AFTER = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def plan_and_send(now: datetime) -> None:
    """The scheduler tick at ``now``, then the worker (the immediate backend runs the task
    on commit; delivery_send itself claims with the real clock, after ``now``)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        deliveries_plan_due(now=now - timedelta(minutes=30))
        deliveries_plan_due(now=now)


def one_click_url(header: str) -> str:
    match = re.match(r"<(https?://[^>]+)>, <mailto:[^>]+>$", header)
    assert match, header
    return match.group(1)


def test_a_step_arrives_over_smtp_with_html_text_and_one_click_unsubscribe(
    smtp_inbox: Inbox,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    settings.SITE_URL = "https://learn.example.org"
    event = make_event(starts_at=START, title="Nursing congress")
    make_campaign(event, offsets=[-1])
    learner = make_learner(email="nurse@example.org")
    register(event, learner, at=START - timedelta(days=30))

    plan_and_send(DAY_BEFORE)

    [(recipients, message)] = smtp_inbox.messages
    assert recipients == ["nurse@example.org"]
    assert message["Subject"] == "Step -1 d"
    delivery = Delivery.objects.get()
    assert message["Message-ID"] == delivery.message_id
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = one_click_url(message["List-Unsubscribe"])
    assert url.startswith("https://learn.example.org/u/")
    assert "mailto:no-reply@localhost?subject=unsubscribe" in message["List-Unsubscribe"]
    parts = {part.get_content_type(): part for part in message.walk()}
    text = parts["text/plain"].get_payload(decode=True).decode()
    html = parts["text/html"].get_payload(decode=True).decode()
    assert "Nursing congress" in text and "Nursing congress" in html
    assert url in text
    assert delivery.state == DeliveryState.SENT and delivery.attempts == 1


def test_the_one_click_post_unsubscribes_without_login_and_stops_planned_steps(
    smtp_inbox: Inbox,
) -> None:
    event = make_event(starts_at=START)
    campaign = make_campaign(event, offsets=[-1, 1])
    learner = make_learner(email="member@example.org")
    register(event, learner, at=START - timedelta(days=30))
    plan_and_send(DAY_BEFORE)
    [(_, message)] = smtp_inbox.messages
    path = one_click_url(message["List-Unsubscribe"]).split("//", 1)[1].split("/", 1)[1]
    # The +1 d step is already in the outbox when the learner unsubscribes.
    deliveries_plan_due(now=DAY_AFTER - timedelta(minutes=30))
    planned = Delivery.objects.get(step__offset_days=1)
    assert planned.state == DeliveryState.PLANNED

    response = Client(enforce_csrf_checks=True).post(f"/{path}", {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert Unsubscribe.objects.filter(learner=learner, campaign=campaign).exists()
    assert delivery_send(delivery_id=planned.pk, now=DAY_AFTER) == "skipped"
    assert len(smtp_inbox.messages) == 1  # nothing after the unsubscribe
    planned.refresh_from_db()
    assert planned.state == DeliveryState.SKIPPED


def test_a_permanently_refused_address_is_marked_bouncing_and_then_skipped(
    smtp_server: RefusingInbox,
) -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1, 1])
    learner = make_learner(email="gone@example.org")
    register(event, learner, at=START - timedelta(days=30))
    smtp_server.refused.add("gone@example.org")

    plan_and_send(DAY_BEFORE)

    status = EmailAddressStatus.objects.get(email="gone@example.org")
    assert status.status == AddressStatus.BOUNCING
    assert "550" in status.reason
    first = Delivery.objects.get(step__offset_days=-1)
    assert first.state == DeliveryState.FAILED
    smtp_server.refused.clear()  # even if the server would now accept it, we do not try

    plan_and_send(DAY_AFTER)

    second = Delivery.objects.get(step__offset_days=1)
    assert second.state == DeliveryState.SKIPPED and second.error == "The address bounces."
    assert smtp_server.messages == []


def test_an_unreachable_server_is_retried_later_not_lost(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens
        }
    }
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    register(event, make_learner(), at=START - timedelta(days=30))

    plan_and_send(DAY_BEFORE)

    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.PLANNED
    assert delivery.attempts == 1 and delivery.handed_at is None
    assert "unreachable" in delivery.error


def test_an_unsubscribe_landing_while_the_worker_composes_still_stops_the_send(
    smtp_inbox: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bitewise.reinforcement.services import sending
    from bitewise.reinforcement.services.unsubscribe import (
        UnsubscribeRequest,
        unsubscribe_apply,
    )

    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    learner = make_learner()
    register(event, learner, at=START - timedelta(days=30))
    real_compose = sending.delivery_compose

    def compose_then_click(delivery: Delivery):  # type: ignore[no-untyped-def]
        message = real_compose(delivery)  # the first check has passed by now
        unsubscribe_apply(request=UnsubscribeRequest(learner.pk, "all"))
        return message

    monkeypatch.setattr(sending, "delivery_compose", compose_then_click)
    plan_and_send(DAY_BEFORE)

    assert smtp_inbox.messages == []
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.SKIPPED and delivery.handed_at is None
