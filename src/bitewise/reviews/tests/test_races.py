"""Exactly once under concurrency: one review per due card, one card per question, one
digest per day, with several connections at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from bitewise.reviews.errors import ReviewError
from bitewise.reviews.models import ReviewCard, ReviewLog
from bitewise.reviews.services.cards import card_review, cards_sync
from bitewise.reviews.services.digests import review_digests_plan_due
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.tests.factories import answer, make_card, make_quiz_question
from bitewise.testing import correct_choice_ids, make_user, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_card_answered_twice_at_once_is_reviewed_once() -> None:
    card = make_card(make_user(), at=timezone.now() - timedelta(days=20))
    choice_ids = correct_choice_ids(card.question)

    errors = run_at_once(
        lambda: card_review(
            card=ReviewCard.objects.get(pk=card.pk), choice_ids=choice_ids, response_ms=9_000
        ),
        times=3,
    )

    assert ReviewLog.objects.count() == 1
    assert ReviewCard.objects.get(pk=card.pk).reps == 2
    assert len(errors) == 2 and all(isinstance(e, ReviewError) for e in errors)


def test_syncs_at_once_make_each_card_once() -> None:
    learner = make_user()
    for _ in range(4):
        answer(learner, make_quiz_question())
    errors = run_at_once(lambda: cards_sync(learner=learner), times=3)
    assert errors == []
    assert ReviewCard.objects.filter(learner=learner).count() == 4


def test_two_schedulers_at_once_send_one_digest() -> None:
    learner = make_user()
    make_card(learner, at=timezone.now() - timedelta(days=20))
    preferences_update(learner=learner, hold_from=None, hold_to=None, is_digest_wanted=True)
    errors = run_at_once(review_digests_plan_due, times=3)
    assert errors == []
    assert len(mail.outbox) == 1
