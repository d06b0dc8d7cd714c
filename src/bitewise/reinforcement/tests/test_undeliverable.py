"""Campaign steps and topic digests never go to an address that can never receive mail
(an LTI launch's ``…@lti.invalid`` placeholder): nothing is queued or handed to the mail
backend, and the row says why; an ordinary address still gets its email."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client, TestCase

from bitewise.accounts.models import User
from bitewise.common.mail_addresses import NO_MAIL_NOTE, UNDELIVERABLE_REASON
from bitewise.reinforcement.models import Channel, Delivery, DeliveryState, TopicDigest
from bitewise.reinforcement.services.digests import topic_digests_plan_due, topic_follow
from bitewise.reinforcement.services.scheduling import deliveries_plan, deliveries_plan_due
from bitewise.reinforcement.services.sending import delivery_send
from bitewise.reinforcement.tests.factories import make_campaign, make_event, make_learner, register
from bitewise.testing import make_micro_credential, make_skill

pytestmark = pytest.mark.django_db
PLACEHOLDER = "lti-1-0f1e2d3c4b5a69788796@lti.invalid"
START = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
STEP_DUE = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)  # the -1 d step, 09:00 UTC
LAST_WEEK = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
THIS_MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_campaign_step_for_a_placeholder_address_is_shown_in_the_app_never_emailed(
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    placeholder = make_learner(email=PLACEHOLDER)
    nurse = make_learner(email="nurse@example.org")
    for learner in (placeholder, nurse):
        register(event, learner, at=START - timedelta(days=60))

    deliveries_plan_due(now=STEP_DUE - timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        queued = deliveries_plan_due(now=STEP_DUE)

    assert queued == 1  # only the ordinary address's email
    in_app = Delivery.objects.get(learner=placeholder)
    assert (in_app.channel, in_app.state) == (Channel.IN_APP, DeliveryState.SENT)
    email = Delivery.objects.get(learner=nurse)
    assert (email.channel, email.state) == (Channel.EMAIL, DeliveryState.SENT)
    assert [message.to for message in mail.outbox] == [["nurse@example.org"]]


def test_an_email_step_already_planned_is_skipped_with_the_reason_when_the_address_cannot_receive(
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    learner = make_learner(email="nurse@example.org")
    register(event, learner, at=START - timedelta(days=60))
    deliveries_plan(now=STEP_DUE - timedelta(minutes=30))
    User.objects.filter(pk=learner.pk).update(email=PLACEHOLDER)  # e.g. planned before
    delivery = Delivery.objects.get()

    assert delivery_send(delivery_id=delivery.pk, now=STEP_DUE) == "skipped"

    delivery.refresh_from_db()
    assert (delivery.state, delivery.error) == (DeliveryState.SKIPPED, UNDELIVERABLE_REASON)
    assert delivery.handed_at is None and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert deliveries_plan_due(now=STEP_DUE + timedelta(hours=1)) == 0  # never retried


def run_digests(now: datetime) -> int:
    with time_machine.travel(now, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        return topic_digests_plan_due(now=now)


def test_a_topic_digest_for_a_placeholder_address_is_recorded_skipped_and_never_queued() -> None:
    triage = make_skill("Triage")
    with time_machine.travel(LAST_WEEK, tick=False):
        make_micro_credential(title="Triage in the ER", skills=[triage])
    placeholder = make_learner(email=PLACEHOLDER)
    nurse = make_learner(email="nurse@example.org")
    for learner in (placeholder, nurse):
        topic_follow(learner=learner, skill=triage)

    assert run_digests(THIS_MONDAY) == 1
    assert run_digests(THIS_MONDAY + timedelta(hours=3)) == 0

    skipped = TopicDigest.objects.get(learner=placeholder)
    assert (skipped.state, skipped.error) == (DeliveryState.SKIPPED, UNDELIVERABLE_REASON)
    assert skipped.attempts == 0 and skipped.dispatched_at is None
    assert TopicDigest.objects.get(learner=nurse).state == DeliveryState.SENT
    assert [message.to for message in mail.outbox] == [["nurse@example.org"]]


def test_the_send_me_email_switch_is_not_offered_to_a_placeholder_account(client: Client) -> None:
    placeholder = make_learner(email=PLACEHOLDER)
    client.force_login(placeholder)

    page = client.get("/me/topics/").content.decode()

    switch = re.search(r'<input[^>]*name="is_email_enabled"[^>]*>', page)
    assert switch is not None and "disabled" in switch.group(0)
    assert NO_MAIL_NOTE in html.unescape(page)
    client.force_login(make_learner(email="nurse@example.org"))
    ordinary = client.get("/me/topics/").content.decode()
    switch = re.search(r'<input[^>]*name="is_email_enabled"[^>]*>', ordinary)
    assert switch is not None and "disabled" not in switch.group(0)
