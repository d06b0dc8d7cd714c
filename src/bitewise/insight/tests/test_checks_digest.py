"""Learners with retention checks due and no review due get the daily digest too: one a
day, in the review digest's slot, never when unsubscribed, on hold or opted out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.insight.services.digests import check_digests_plan_due
from bitewise.insight.tests.test_checks_today import due_check
from bitewise.reinforcement.models import Unsubscribe, UnsubscribeScope
from bitewise.reviews.models import ReviewCard, ReviewPreferences
from bitewise.reviews.services.cards import cards_sync
from bitewise.reviews.services.digests import review_digests_plan_due
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.tests.factories import make_card
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def no_review_due(learner: User) -> None:
    """The check's first answer made a review card: reviewed since, due in a few days."""
    cards_sync(learner=learner)
    ReviewCard.objects.filter(learner=learner).update(due_at=timezone.now() + timedelta(days=4))


def opted_in(**fields: Any) -> User:
    learner = make_user(email="ana@example.org")
    preferences_update(learner=learner, is_digest_wanted=True, **fields)
    return learner


def plan_both(now: Any) -> int:
    """The scheduler's order: the review digest, then this one."""
    return review_digests_plan_due(now=now) + check_digests_plan_due(now=now)


def test_checks_and_no_reviews_get_one_digest_a_day(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = opted_in(hold_from=None, hold_to=None)
    check = due_check(learner)
    no_review_due(learner)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert plan_both(now) == 1
        assert plan_both(now + timedelta(hours=3)) == 0  # claimed for today
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "1 quick check on what you learned"
    assert check.question.prompt in message.body and "/today/" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    html, mimetype = message.alternatives[0]  # type: ignore[attr-defined]
    assert mimetype == "text/html" and check.question.prompt in str(html)
    preferences = ReviewPreferences.objects.get(learner=learner)
    assert preferences.digest_next_at is not None and preferences.digest_next_at > now


def test_reviews_and_checks_get_the_review_digest_alone(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = opted_in(hold_from=None, hold_to=None)
    make_card(learner, at=timezone.now() - timedelta(days=10))
    due_check(learner)
    with django_capture_on_commit_callbacks(execute=True):
        assert check_digests_plan_due() == 0  # left to the review digest
        assert review_digests_plan_due() == 1
    (message,) = mail.outbox
    assert message.subject.endswith("due today")
    assert "1 quick check on things you learned weeks ago" in message.body


def test_no_digest_for_checks_not_yet_due_or_without_the_opt_in(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = opted_in(hold_from=None, hold_to=None)
    now = timezone.now()
    due_check(learner).delete()
    other = make_user()
    due_check(other)  # no opt-in: no preferences row
    with django_capture_on_commit_callbacks(execute=True):
        assert check_digests_plan_due(now=now) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("scope", [UnsubscribeScope.ALL, UnsubscribeScope.REVIEWS])
def test_an_unsubscribed_learner_gets_no_checks_digest(
    scope: str, django_capture_on_commit_callbacks: Any
) -> None:
    learner = opted_in(hold_from=None, hold_to=None)
    due_check(learner)
    no_review_due(learner)
    Unsubscribe.objects.create(learner=learner, scope=scope)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert check_digests_plan_due(now=now) == 0
    assert mail.outbox == []
    # Looked at again tomorrow, not every scheduler run.
    assert ReviewPreferences.objects.get(learner=learner).digest_next_at > now  # type: ignore[operator]


def test_a_placeholder_address_gets_no_checks_digest(
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = opted_in(hold_from=None, hold_to=None)
    due_check(learner)
    no_review_due(learner)
    User.objects.filter(pk=learner.pk).update(email="lti-1-0f1e2d3c4b@lti.invalid")
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert check_digests_plan_due(now=now) == 0
    assert mail.outbox == []
    assert ReviewPreferences.objects.get(learner=learner).digest_next_at > now  # type: ignore[operator]


def test_a_learner_on_hold_gets_no_checks_digest(
    django_capture_on_commit_callbacks: Any,
) -> None:
    today = timezone.localdate()
    learner = opted_in(hold_from=today, hold_to=today + timedelta(days=3))
    due_check(learner)
    no_review_due(learner)
    with django_capture_on_commit_callbacks(execute=True):
        assert check_digests_plan_due() == 0
    assert mail.outbox == []
