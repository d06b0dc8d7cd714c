"""Cards from quiz answers, reviewing them, today's queue, the hold and preferences."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from bitewise.reviews.errors import ReviewError
from bitewise.reviews.models import ReviewCard, ReviewLog, ReviewPreferences
from bitewise.reviews.selectors import review_queue
from bitewise.reviews.services.cards import card_review, cards_sync
from bitewise.reviews.services.preferences import preferences_update
from bitewise.reviews.tests.factories import answer, make_card, make_quiz_question
from bitewise.testing import correct_choice_ids, make_skill, make_user, wrong_choice_ids

pytestmark = pytest.mark.django_db


def test_sync_makes_one_card_per_answered_question_and_is_idempotent() -> None:
    learner, other = make_user(), make_user()
    questions = [make_quiz_question() for _ in range(3)]
    for question in questions:
        answer(learner, question)
    answer(other, questions[0])

    assert cards_sync(learner=learner) == 3
    assert cards_sync(learner=learner) == 0
    assert ReviewCard.objects.filter(learner=learner).count() == 3
    assert not ReviewCard.objects.filter(learner=other).exists()  # not synced for them


def test_the_first_answer_rates_the_card_wrong_soonest_fast_and_right_furthest() -> None:
    learner = make_user()
    wrong = make_card(learner, is_correct=False)
    slow = make_card(learner, response_ms=60_000)
    good = make_card(learner, response_ms=10_000)
    fast = make_card(learner, response_ms=2_000)
    intervals = [c.due_at - c.last_review_at for c in (wrong, slow, good, fast)]
    assert intervals == sorted(intervals)
    assert intervals[0] == timedelta(days=1)
    assert intervals[-1] > intervals[0]


def test_a_due_card_is_reviewed_logged_and_pushed_out() -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=5))
    question = card.question

    result = card_review(card=card, choice_ids=correct_choice_ids(question), response_ms=9_000)

    card.refresh_from_db()
    assert result.is_correct and result.rating == 3
    assert card.reps == 2 and card.due_at > timezone.now() + timedelta(days=1)
    log = ReviewLog.objects.get()
    assert (log.learner, log.is_correct, log.response_ms) == (learner, True, 9_000)
    assert 0 < log.predicted_recall < 1
    assert result.explanations[correct_choice_ids(question)[0]] == "Because 0."


def test_a_wrong_review_counts_a_lapse_and_comes_back_soon() -> None:
    card = make_card(make_user(), at=timezone.now() - timedelta(days=5))
    result = card_review(card=card, choice_ids=wrong_choice_ids(card.question), response_ms=9_000)
    card.refresh_from_db()
    assert not result.is_correct and result.rating == 1
    assert card.lapses == 1
    assert card.due_at - card.last_review_at <= timedelta(days=2)


def test_it_refuses_to_review_a_card_that_is_not_due_and_changes_nothing() -> None:
    card = make_card(make_user())  # answered just now: due tomorrow at the earliest
    with pytest.raises(ReviewError, match="not due"):
        card_review(card=card, choice_ids=correct_choice_ids(card.question), response_ms=5_000)
    assert not ReviewLog.objects.exists()
    assert ReviewCard.objects.get().reps == 1


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        pytest.param("none", "Choose an answer", id="no-choice"),
        pytest.param("foreign", "does not belong", id="another-questions-choice"),
        pytest.param("two", "exactly one", id="two-for-single-choice"),
    ],
)
def test_bad_answers_are_refused_with_a_message(choices: str, message: str) -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=5))
    ids = {
        "none": [],
        "foreign": correct_choice_ids(make_quiz_question()),
        "two": list(card.question.choices.values_list("pk", flat=True))[:2],
    }[choices]
    with pytest.raises(ReviewError, match=message):
        card_review(card=card, choice_ids=ids, response_ms=5_000)
    assert not ReviewLog.objects.exists()


def test_today_offers_the_cap_lowest_recall_first_and_spreads_the_rest(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BITEWISE_REVIEWS_PER_DAY = 2
    learner = make_user()
    now = timezone.now()
    cards = [make_card(learner, at=now - timedelta(days=d)) for d in (3, 40, 10, 20, 5)]

    queue = review_queue(learner=learner, now=now)

    assert [c.pk for c in queue.cards] == [cards[1].pk, cards[3].pk]  # the oldest: least recalled
    assert queue.due_total == 5
    today = timezone.localdate(now)
    assert queue.later == {today + timedelta(days=1): 2, today + timedelta(days=2): 1}


def test_reviews_done_today_count_against_the_cap(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BITEWISE_REVIEWS_PER_DAY = 1
    learner = make_user()
    first, second = (make_card(learner, at=timezone.now() - timedelta(days=9)) for _ in range(2))
    card_review(card=first, choice_ids=correct_choice_ids(first.question), response_ms=9_000)
    assert review_queue(learner=learner).cards == []
    with pytest.raises(ReviewError, match="today's reviews done"):
        card_review(card=second, choice_ids=correct_choice_ids(second.question), response_ms=1)


def test_a_hold_offers_nothing_then_moves_what_fell_due_by_its_length() -> None:
    learner = make_user()
    today, now = timezone.localdate(), timezone.now()
    overdue = make_card(learner, is_correct=False, at=now - timedelta(days=1, hours=1))
    due_during = make_card(learner, is_correct=False)  # due tomorrow, inside the hold
    preferences_update(
        learner=learner, hold_from=today, hold_to=today + timedelta(days=9), is_digest_wanted=False
    )
    assert review_queue(learner=learner).is_on_hold
    with pytest.raises(ReviewError, match="not due"):
        card_review(
            card=overdue, choice_ids=correct_choice_ids(overdue.question), response_ms=9_000
        )

    with time_machine.travel(now + timedelta(days=10), tick=False):
        queue = review_queue(learner=learner)
    assert not queue.is_on_hold and [c.pk for c in queue.cards] == [overdue.pk]
    with time_machine.travel(now + timedelta(days=11, hours=1), tick=False):
        assert {c.pk for c in review_queue(learner=learner).cards} == {overdue.pk, due_during.pk}


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        pytest.param(5, 2, "on or after", id="ends-before-it-starts"),
        pytest.param(0, 90, "at most 90 days", id="longer-than-90-days"),
        pytest.param(0, None, "both", id="only-one-date"),
        pytest.param(-10, -2, "already ended", id="in-the-past"),
    ],
)
def test_bad_holds_are_refused_and_nothing_is_saved(
    start: int, end: int | None, message: str
) -> None:
    learner = make_user()
    today = timezone.localdate()
    with pytest.raises(ReviewError, match=message):
        preferences_update(
            learner=learner,
            hold_from=today + timedelta(days=start),
            hold_to=None if end is None else today + timedelta(days=end),
            is_digest_wanted=True,
        )
    assert not ReviewPreferences.objects.exists()


def test_opting_out_and_in_again_keeps_the_next_digest_date() -> None:
    learner = make_user()
    first = preferences_update(
        learner=learner, hold_from=None, hold_to=None, is_digest_wanted=True
    ).digest_next_at
    assert first is not None
    ReviewPreferences.objects.update(digest_next_at=first + timedelta(days=1))  # one was sent
    preferences_update(learner=learner, hold_from=None, hold_to=None, is_digest_wanted=False)
    again = preferences_update(learner=learner, hold_from=None, hold_to=None, is_digest_wanted=True)
    assert again.digest_next_at == first + timedelta(days=1)


def test_skills_are_tagged_through_lessons() -> None:
    skill = make_skill()
    card = make_card(make_user(), skill=skill)
    assert list(card.question.lesson.skills.all()) == [skill]
