from __future__ import annotations

from collections import Counter

import pytest

from bitewise.engines.insight.funnel import funnel
from bitewise.engines.insight.sampling import (
    check_delay_for,
    checks_allowed_today,
    is_held_out,
)


def test_the_funnel_counts_who_is_lost_at_each_lesson_and_names_the_worst() -> None:
    result = funnel(
        enrolled=100,
        started=80,
        lessons=[("Triage", 70), ("Escalation", 30), ("Handover", 28)],
        completed=25,
        unsubscribed=12,
        days_to_complete=[1, 2, 3, 4, 10],
    )
    lost = {s.label: s.lost_from_previous for s in result.stages}
    assert lost == {
        "Enrolled": None,
        "Started": 20,
        "Triage": 10,
        "Escalation": 40,
        "Handover": 2,
        "Completed": 3,
    }
    assert result.biggest_drop == "Escalation"
    assert result.median_days_to_complete == 3
    assert result.stages[-1].share_of_enrolled == pytest.approx(0.25)


def test_small_stages_and_few_completions_are_not_shown() -> None:
    result = funnel(
        enrolled=9, started=3, lessons=[], completed=0, unsubscribed=0, days_to_complete=[1, 2]
    )
    shown = {s.label: s.is_shown for s in result.stages}
    assert shown == {"Enrolled": True, "Started": False, "Completed": False}  # 0 is small too
    assert result.median_days_to_complete is None
    assert result.enrolled == 9 and result.unsubscribed is None


def test_nothing_shown_tells_the_size_of_a_hidden_stage() -> None:
    """Two learners: a shown stage's loss, the biggest drop or the totals would each give away
    how many of them finished a lesson."""
    result = funnel(
        enrolled=2, started=2, lessons=[("One", 1), ("Two", 0)], completed=0, unsubscribed=1
    )

    assert not any(s.is_shown for s in result.stages)
    assert all(s.lost_from_previous is None for s in result.stages)
    assert result.enrolled is None and result.unsubscribed is None
    assert result.biggest_drop is None


def test_a_loss_is_shown_only_between_two_shown_stages() -> None:
    result = funnel(
        enrolled=40, started=30, lessons=[("One", 3), ("Two", 20)], completed=12, unsubscribed=6
    )

    lost = {s.label: s.lost_from_previous for s in result.stages}
    assert lost == {"Enrolled": None, "Started": 10, "One": None, "Two": None, "Completed": 8}
    assert result.biggest_drop == "Started"


def test_the_check_sample_is_a_stable_third_staggered_evenly_over_the_delays() -> None:
    delays = [
        check_delay_for(learner, question) for learner in range(300) for question in range(30)
    ]
    counts = Counter(delays)
    assert counts[None] / len(delays) == pytest.approx(2 / 3, abs=0.02)
    for delay in (7, 30, 90):
        assert counts[delay] / len(delays) == pytest.approx(1 / 9, abs=0.02)
    assert check_delay_for(5, 9) == check_delay_for(5, 9)


def test_each_learner_gets_checks_at_more_than_one_delay() -> None:
    delays = {check_delay_for(7, question) for question in range(60)} - {None}
    assert delays == {7, 30, 90}


def test_the_holdout_is_about_the_chosen_share_and_none_at_zero() -> None:
    held = sum(is_held_out(3, learner, percent=20) for learner in range(5000))
    assert held / 5000 == pytest.approx(0.2, abs=0.02)
    assert not any(is_held_out(3, learner, percent=0) for learner in range(500))


def test_a_holdout_above_half_is_refused() -> None:
    with pytest.raises(ValueError):
        is_held_out(1, 1, percent=60)


@pytest.mark.parametrize(
    ("cap", "done", "waiting", "checks_done", "per_day", "allowed"),
    [
        pytest.param(20, 0, 0, 0, 3, 3, id="empty-day-gets-the-check-quota"),
        pytest.param(20, 10, 8, 0, 3, 2, id="only-the-room-reviews-leave"),
        pytest.param(20, 15, 5, 0, 3, 0, id="a-full-day-gets-none"),
        pytest.param(20, 0, 0, 3, 3, 0, id="quota-used"),
        pytest.param(20, 19, 5, 0, 3, 0, id="never-negative"),
    ],
)
def test_checks_never_take_the_day_past_the_learners_cap(
    cap: int, done: int, waiting: int, checks_done: int, per_day: int, allowed: int
) -> None:
    assert (
        checks_allowed_today(
            daily_cap=cap,
            reviews_done=done,
            reviews_waiting=waiting,
            checks_done=checks_done,
            checks_per_day=per_day,
        )
        == allowed
    )
