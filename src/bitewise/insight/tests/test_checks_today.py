"""Retention checks in Today and the digest: only due ones, only in the room the daily cap
leaves, none on hold or for a dropped micro-credential, unscored, answered once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.insight.errors import InsightError
from bitewise.insight.models import RetentionCheck
from bitewise.insight.selectors.checks import checks_for_today
from bitewise.insight.services.checks import retention_check_answer
from bitewise.insight.tests.factories import make_check
from bitewise.learning.services import enrollment_subscribe, enrollment_unsubscribe
from bitewise.reinforcement.models import Unsubscribe, UnsubscribeScope
from bitewise.reviews.models import ReviewCard
from bitewise.reviews.selectors import review_queue
from bitewise.reviews.services.cards import cards_sync
from bitewise.reviews.services.digests import review_digest_send
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.tests.factories import make_card
from bitewise.testing import (
    correct_choice_ids,
    make_micro_credential,
    make_user,
    wrong_choice_ids,
)

pytestmark = pytest.mark.django_db


def due_check(learner: User, **fields: Any) -> RetentionCheck:
    now = timezone.now()
    return make_check(
        learner, learned_at=now - timedelta(days=8), due_at=now - timedelta(hours=1), **fields
    )


def today_checks(learner: User) -> list[RetentionCheck]:
    queue = review_queue(learner=learner)
    return checks_for_today(
        learner=learner, reviews_done=queue.done_today, reviews_waiting=queue.left_today
    )


def test_a_due_check_is_offered_and_one_not_yet_due_is_not() -> None:
    learner = make_user()
    due = due_check(learner)
    now = timezone.now()
    make_check(learner, learned_at=now, due_at=now + timedelta(days=7))
    assert today_checks(learner) == [due]


def test_checks_take_only_the_room_the_reviews_leave_under_the_daily_cap(settings: Any) -> None:
    settings.BITEWISE_REVIEWS_PER_DAY = 6
    settings.BITEWISE_RETENTION_CHECKS_PER_DAY = 3
    learner = make_user()
    for _ in range(3):
        due_check(learner)  # each answer also makes a review card, due by now
    make_card(learner, at=timezone.now() - timedelta(days=10))
    make_card(learner, at=timezone.now() - timedelta(days=10))
    queue = review_queue(learner=learner)
    assert queue.left_today == 5

    assert len(today_checks(learner)) == 1  # 5 reviews + 1 check = the cap of 6


def test_a_full_day_of_reviews_leaves_no_check(settings: Any) -> None:
    settings.BITEWISE_REVIEWS_PER_DAY = 2
    learner = make_user()
    due_check(learner)
    for _ in range(2):
        make_card(learner, at=timezone.now() - timedelta(days=10))
    assert today_checks(learner) == []


def test_at_most_the_daily_number_of_checks_and_answered_ones_count(settings: Any) -> None:
    settings.BITEWISE_RETENTION_CHECKS_PER_DAY = 2
    learner = make_user()
    checks = [due_check(learner) for _ in range(4)]
    assert len(today_checks(learner)) == 2
    retention_check_answer(check=checks[0], choice_ids=correct_choice_ids(checks[0].question))
    assert len(today_checks(learner)) == 1


def test_no_checks_during_a_vacation_hold() -> None:
    learner = make_user()
    due_check(learner)
    today = timezone.localdate()
    preferences_update(
        learner=learner, hold_from=today, hold_to=today + timedelta(days=3), is_digest_wanted=False
    )
    assert today_checks(learner) == []


def test_no_check_for_a_micro_credential_dropped_after_planning() -> None:
    learner = make_user()
    micro_credential = make_micro_credential()
    enrollment_subscribe(learner=learner, micro_credential=micro_credential)
    lesson = micro_credential.lessons.first()
    assert lesson is not None
    other = due_check(learner)
    quiz_question = micro_credential.lessons.get(kind="quiz").questions.first()
    assert quiz_question is not None
    now = timezone.now()
    dropped = RetentionCheck.objects.create(
        learner=learner,
        question=quiz_question,
        delay_days=7,
        learned_at=now - timedelta(days=8),
        due_at=now - timedelta(hours=1),
    )
    assert dropped in today_checks(learner)

    enrollment_unsubscribe(learner=learner, micro_credential=micro_credential)

    assert today_checks(learner) == [other]


def test_an_answer_is_recorded_unscored_with_the_fsrs_prediction() -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=8))
    check = RetentionCheck.objects.create(
        learner=learner,
        question=card.question,
        delay_days=7,
        learned_at=card.last_review_at,
        due_at=timezone.now() - timedelta(hours=1),
    )
    before = (card.stability, card.due_at, card.reps)

    result = retention_check_answer(check=check, choice_ids=wrong_choice_ids(card.question))

    check.refresh_from_db()
    card.refresh_from_db()
    assert result.is_correct is False and check.is_correct is False
    assert check.answered_at is not None
    assert check.predicted_recall is not None and 0 < check.predicted_recall < 1
    assert (card.stability, card.due_at, card.reps) == before  # the card is untouched


def test_a_check_is_answered_once_and_never_before_it_is_due() -> None:
    learner = make_user()
    check = due_check(learner)
    retention_check_answer(check=check, choice_ids=correct_choice_ids(check.question))
    with pytest.raises(InsightError, match="already answered"):
        retention_check_answer(check=check, choice_ids=correct_choice_ids(check.question))
    now = timezone.now()
    later = make_check(learner, learned_at=now, due_at=now + timedelta(days=7))
    with pytest.raises(InsightError, match="not due"):
        retention_check_answer(check=later, choice_ids=correct_choice_ids(later.question))


def test_today_shows_the_check_and_the_learner_answers_it(client: Client) -> None:
    learner = make_user()
    check = due_check(learner)
    client.force_login(learner)

    page = client.get(reverse("reviews:today"))
    assert "Do you still remember?" in page.content.decode()
    response = client.post(
        reverse("insight:check_answer", args=[check.pk]),
        {"choice": correct_choice_ids(check.question)},
        follow=True,
    )

    assert "You still know it." in response.content.decode()
    check.refresh_from_db()
    assert check.is_correct is True


def test_a_wrong_answer_is_told_plainly_not_as_a_success(client: Client) -> None:
    learner = make_user()
    check = due_check(learner)
    client.force_login(learner)

    response = client.post(
        reverse("insight:check_answer", args=[check.pk]),
        {"choice": wrong_choice_ids(check.question)},
        follow=True,
    )

    page = response.content.decode()
    assert '<li class="msg info">Not quite: the answer is' in page
    assert 'class="msg success">Not quite' not in page


def test_a_learner_cannot_answer_someone_elses_check(client: Client) -> None:
    check = due_check(make_user())
    client.force_login(make_user())
    response = client.post(reverse("insight:check_answer", args=[check.pk]), {"choice": [1]})
    assert response.status_code == 404
    check.refresh_from_db()
    assert check.answered_at is None


def test_a_check_beyond_todays_room_cannot_be_answered_by_posting(
    client: Client, settings: Any
) -> None:
    settings.BITEWISE_RETENTION_CHECKS_PER_DAY = 1
    learner = make_user()
    due_check(learner)
    second = due_check(learner)
    client.force_login(learner)
    client.post(
        reverse("insight:check_answer", args=[second.pk]),
        {"choice": correct_choice_ids(second.question)},
    )
    second.refresh_from_db()
    assert second.answered_at is None


def test_a_bad_choice_is_refused_with_a_message(client: Client) -> None:
    learner = make_user()
    check = due_check(learner)
    client.force_login(learner)
    response = client.post(
        reverse("insight:check_answer", args=[check.pk]), {"choice": ["x"]}, follow=True
    )
    assert response.status_code == 200
    assert "does not belong" in response.content.decode()
    check.refresh_from_db()
    assert check.answered_at is None


def _digest_learner() -> User:
    learner = make_user(email="ana@example.org")
    make_card(learner, at=timezone.now() - timedelta(days=10))
    cards_sync(learner=learner)
    preferences_update(learner=learner, hold_from=None, hold_to=None, is_digest_wanted=True)
    due_check(learner)
    return learner


def test_the_digest_mentions_todays_checks() -> None:
    learner = _digest_learner()
    assert review_digest_send(learner_id=learner.pk)
    (message,) = mail.outbox
    assert "1 quick check on things you learned weeks ago" in message.body
    html = message.alternatives[0][0]  # type: ignore[index]
    assert "1 quick check" in str(html)


@pytest.mark.parametrize("scope", [UnsubscribeScope.ALL, UnsubscribeScope.REVIEWS])
def test_a_learner_who_unsubscribed_gets_no_checks_by_email(scope: str) -> None:
    learner = _digest_learner()
    Unsubscribe.objects.create(learner=learner, scope=scope)
    assert not review_digest_send(learner_id=learner.pk)
    assert mail.outbox == []
    assert ReviewCard.objects.filter(learner=learner).exists()  # the reason is the unsubscribe
