from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bitewise.engines.progress.assessment import (
    Blocked,
    draw_questions,
    order_choices,
    retake_status,
)

NOON = datetime(2030, 3, 4, 12, 0, tzinfo=UTC)
POOL = [11, 12, 13, 14, 15, 16]


def test_draw_returns_the_whole_pool_in_order_when_no_count_is_set() -> None:
    assert draw_questions(POOL, count=None, times_seen={}, rng=random.Random(1)) == POOL
    assert draw_questions(POOL, count=99, times_seen={}, rng=random.Random(1)) == POOL


@pytest.mark.parametrize("seed", range(20))
def test_draw_takes_count_questions_in_pool_order(seed: int) -> None:
    drawn = draw_questions(POOL, count=3, times_seen={}, rng=random.Random(seed))
    assert len(drawn) == 3
    assert drawn == sorted(drawn, key=POOL.index)
    assert set(drawn) <= set(POOL)


@pytest.mark.parametrize("seed", range(20))
def test_draw_prefers_questions_the_learner_has_not_been_shown(seed: int) -> None:
    seen = {11: 1, 12: 1, 13: 1}
    drawn = draw_questions(POOL, count=3, times_seen=seen, rng=random.Random(seed))
    assert drawn == [14, 15, 16]


def test_draw_picks_at_random_among_equally_seen_questions() -> None:
    draws = {
        tuple(draw_questions(POOL, count=2, times_seen={}, rng=random.Random(seed)))
        for seed in range(50)
    }
    assert len(draws) > 5


@pytest.mark.parametrize(
    ("pool", "count"), [([1, 2], 0), ([1, 1, 2], 1)], ids=["zero-count", "duplicate"]
)
def test_draw_refuses_impossible_requests(pool: list[int], count: int) -> None:
    with pytest.raises(ValueError):
        draw_questions(pool, count=count, times_seen={}, rng=random.Random(1))


def test_choice_order_is_authored_unless_shuffled() -> None:
    assert order_choices([1, 2, 3, 4], shuffle=False, rng=random.Random(1)) == [1, 2, 3, 4]
    orders = {
        tuple(order_choices([1, 2, 3, 4], shuffle=True, rng=random.Random(seed)))
        for seed in range(30)
    }
    assert all(sorted(order) == [1, 2, 3, 4] for order in orders)
    assert len(orders) > 5


@pytest.mark.parametrize(
    ("max_attempts", "used", "last", "left", "blocked", "next_at"),
    [
        (3, 0, None, 3, None, None),
        (3, 1, NOON - timedelta(hours=25), 2, None, None),
        (3, 1, NOON - timedelta(hours=1), 2, Blocked.COOLING_OFF, NOON + timedelta(hours=23)),
        (3, 3, NOON - timedelta(days=9), 0, Blocked.NO_ATTEMPTS_LEFT, None),
        (None, 40, NOON - timedelta(days=2), None, None, None),
    ],
    ids=["first", "after-cooling-off", "cooling-off", "used-up", "unlimited"],
)
def test_retake_status(
    max_attempts: int | None,
    used: int,
    last: datetime | None,
    left: int | None,
    blocked: Blocked | None,
    next_at: datetime | None,
) -> None:
    status = retake_status(
        max_attempts=max_attempts,
        cooling_off=timedelta(hours=24),
        attempts_used=used,
        last_submitted_at=last,
        now=NOON,
    )
    assert (status.attempts_left, status.blocked, status.next_start_at) == (left, blocked, next_at)
    assert status.can_start is (blocked is None)


def test_no_cooling_off_lets_a_retake_start_at_once() -> None:
    status = retake_status(
        max_attempts=None,
        cooling_off=timedelta(0),
        attempts_used=1,
        last_submitted_at=NOON,
        now=NOON,
    )
    assert status.can_start


@pytest.mark.parametrize(
    ("max_attempts", "used", "cooling_off"),
    [(0, 0, timedelta(0)), (3, -1, timedelta(0)), (3, 0, timedelta(hours=-1))],
    ids=["zero-max", "negative-used", "negative-cooling-off"],
)
def test_retake_status_refuses_impossible_settings(
    max_attempts: int, used: int, cooling_off: timedelta
) -> None:
    with pytest.raises(ValueError):
        retake_status(
            max_attempts=max_attempts,
            cooling_off=cooling_off,
            attempts_used=used,
            last_submitted_at=None,
            now=NOON,
        )
