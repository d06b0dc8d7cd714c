"""Weekly topic digests: what is new in followed skills, once a week, per-topic opt-out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client, TestCase

from bitewise.catalog.models import MicroCredential
from bitewise.reinforcement.models import DeliveryState, TopicDigest, UnsubscribeScope
from bitewise.reinforcement.services.digests import topic_digests_plan_due, topic_follow
from bitewise.reinforcement.services.unsubscribe import UnsubscribeRequest, unsubscribe_token
from bitewise.reinforcement.tests.factories import make_learner
from bitewise.testing import make_micro_credential, make_skill

pytestmark = pytest.mark.django_db
LAST_WEEK = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)  # a Wednesday
THIS_MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def publish_last_week(**fields) -> MicroCredential:  # type: ignore[no-untyped-def]
    with time_machine.travel(LAST_WEEK, tick=False):
        return make_micro_credential(**fields)


def run_digests(now: datetime) -> int:
    with time_machine.travel(now, tick=False), TestCase.captureOnCommitCallbacks(execute=True):
        return topic_digests_plan_due(now=now)


def test_a_follower_gets_one_digest_a_week_listing_what_is_new_in_their_skills() -> None:
    triage, audit = make_skill("Triage"), make_skill("Audit")
    publish_last_week(title="Triage in the ER", skills=[triage])
    publish_last_week(title="Sampling for auditors", skills=[audit])
    learner = make_learner(email="nurse@example.org")
    topic_follow(learner=learner, skill=triage)

    assert run_digests(THIS_MONDAY) == 1
    assert run_digests(THIS_MONDAY + timedelta(hours=3)) == 0  # once per week

    [message] = mail.outbox
    assert message.to == ["nurse@example.org"]
    assert "Triage in the ER" in message.body
    assert "Sampling for auditors" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0].content
    assert "Triage in the ER" in html
    digest = TopicDigest.objects.get()
    assert digest.state == DeliveryState.SENT and digest.item_count >= 1


def test_a_week_with_nothing_new_sends_nothing() -> None:
    learner = make_learner()
    topic_follow(learner=learner, skill=make_skill())

    run_digests(THIS_MONDAY)

    assert mail.outbox == []
    assert TopicDigest.objects.get().error == "Nothing new this week."


def test_unsubscribing_from_one_topic_in_one_click_drops_only_that_topic() -> None:
    triage, ethics = make_skill("Triage"), make_skill("Ethics")
    publish_last_week(title="Triage in the ER", skills=[triage])
    publish_last_week(title="Consent basics", skills=[ethics])
    learner = make_learner()
    topic_follow(learner=learner, skill=triage)
    topic_follow(learner=learner, skill=ethics)
    token = unsubscribe_token(
        UnsubscribeRequest(learner.pk, UnsubscribeScope.TOPIC, None, triage.pk)
    )

    assert Client().post(f"/u/{token}").status_code == 200
    run_digests(THIS_MONDAY)

    [message] = mail.outbox
    assert "Consent basics" in message.body
    assert "Triage in the ER" not in message.body


def test_unsubscribing_from_all_email_stops_the_digest() -> None:
    triage = make_skill("Triage")
    publish_last_week(title="Triage in the ER", skills=[triage])
    learner = make_learner()
    topic_follow(learner=learner, skill=triage)
    token = unsubscribe_token(UnsubscribeRequest(learner.pk, UnsubscribeScope.ALL))
    Client().post(f"/u/{token}")

    run_digests(THIS_MONDAY)

    assert mail.outbox == []
    assert TopicDigest.objects.get().state == DeliveryState.SKIPPED


def test_the_digest_waits_for_monday_morning_in_the_learners_zone() -> None:
    triage = make_skill("Triage")
    publish_last_week(title="Triage in the ER", skills=[triage])
    learner = make_learner(time_zone="America/New_York")
    topic_follow(learner=learner, skill=triage)

    assert run_digests(THIS_MONDAY) == 0  # 04:00 in New York: quiet hours
    assert run_digests(datetime(2026, 11, 23, 14, 0, tzinfo=UTC)) == 1  # 09:00 EST

    assert len(mail.outbox) == 1


def test_a_digest_the_server_could_not_take_is_retried_later_and_sent_once(settings) -> None:  # type: ignore[no-untyped-def]
    triage = make_skill("Triage")
    publish_last_week(title="Triage in the ER", skills=[triage])
    learner = make_learner()
    topic_follow(learner=learner, skill=triage)
    memory = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nothing listens
        }
    }

    assert run_digests(THIS_MONDAY) == 1
    digest = TopicDigest.objects.get()
    assert digest.state == DeliveryState.PLANNED and digest.retry_at is not None
    settings.MAILERS = memory
    assert run_digests(THIS_MONDAY + timedelta(minutes=1)) == 0  # waits for its retry time
    assert run_digests(THIS_MONDAY + timedelta(hours=1)) == 1
    assert run_digests(THIS_MONDAY + timedelta(hours=2)) == 0

    assert len(mail.outbox) == 1
    digest.refresh_from_db()
    assert digest.state == DeliveryState.SENT and digest.attempts == 2
