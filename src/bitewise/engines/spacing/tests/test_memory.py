"""Scheduling with FSRS: whole days, better ratings space further, recall decays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bitewise.engines.spacing import Rating, first_review, next_review, predicted_recall

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_better_first_answers_are_scheduled_further_out() -> None:
    dues = [first_review(rating=r, at=T0).due for r in Rating]
    assert dues == sorted(dues)
    assert dues[0] == T0 + timedelta(days=1)  # a wrong answer comes back tomorrow, not in a minute
    assert dues[-1] > dues[0]


def test_a_review_on_time_lengthens_the_interval_and_a_lapse_shortens_it() -> None:
    first = first_review(rating=Rating.Good, at=T0)
    good = next_review(first, rating=Rating.Good, at=first.due)
    assert good.due - good.last_review > first.due - first.last_review
    assert (good.reps, good.lapses) == (2, 0)
    again = next_review(good, rating=Rating.Again, at=good.due)
    assert again.due - again.last_review < good.due - good.last_review
    assert again.stability < good.stability
    assert (again.reps, again.lapses) == (3, 1)


def test_a_higher_desired_retention_reviews_sooner() -> None:
    first = first_review(rating=Rating.Good, at=T0)
    later = next_review(first, rating=Rating.Good, at=first.due, desired_retention=0.8)
    sooner = next_review(first, rating=Rating.Good, at=first.due, desired_retention=0.95)
    assert sooner.due < later.due


def test_predicted_recall_is_ninety_percent_after_stability_days_and_decays() -> None:
    at = [T0 + timedelta(days=d) for d in (0, 1, 10, 100)]
    recalls = [predicted_recall(stability=10, last_review=T0, at=t) for t in at]
    assert recalls[0] == 1
    assert recalls == sorted(recalls, reverse=True)
    assert recalls[2] == pytest.approx(0.9)


def test_predicted_recall_counts_whole_days_unless_asked_for_fractions() -> None:
    evening = T0 + timedelta(hours=12)
    assert predicted_recall(stability=1, last_review=T0, at=evening) == 1
    assert predicted_recall(stability=1, last_review=T0, at=evening, whole_days=False) < 1


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        first_review(rating=Rating.Good, at=datetime(2026, 1, 1))  # noqa: DTZ001
