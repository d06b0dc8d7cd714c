"""Assessment attempts as plain arithmetic: which questions an attempt draws, the order
its choices appear in, and when the learner may start another attempt."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


def draw_questions(
    pool: Sequence[int],
    *,
    count: int | None,
    times_seen: Mapping[int, int],
    rng: random.Random,
) -> list[int]:
    """``count`` questions of ``pool`` (all of them when ``count`` is None or larger),
    the ones this learner has been shown least often first, at random among equals, and
    returned in pool order. Preferring unseen questions means answers learned from one
    attempt's feedback cover as little of the next attempt as the pool allows."""
    if count is not None and count < 1:
        raise ValueError("an attempt draws at least one question")
    if len(set(pool)) != len(pool):
        raise ValueError("the pool names a question twice")
    if count is None or count >= len(pool):
        return list(pool)
    ranked = sorted(pool, key=lambda q: (times_seen.get(q, 0), rng.random()))
    chosen = set(ranked[:count])
    return [q for q in pool if q in chosen]


def order_choices(choice_ids: Sequence[int], *, shuffle: bool, rng: random.Random) -> list[int]:
    """The order an attempt shows a question's choices in: authored, or shuffled."""
    order = list(choice_ids)
    if shuffle:
        rng.shuffle(order)
    return order


class Blocked(StrEnum):
    """Why a new attempt cannot start now."""

    NO_ATTEMPTS_LEFT = "no_attempts_left"
    COOLING_OFF = "cooling_off"


@dataclass(frozen=True)
class RetakeStatus:
    attempts_used: int
    attempts_left: int | None  # None: no limit
    next_start_at: datetime | None  # when cooling off, the moment it ends
    blocked: Blocked | None  # None: a new attempt may start now

    @property
    def can_start(self) -> bool:
        return self.blocked is None


def retake_status(
    *,
    max_attempts: int | None,
    cooling_off: timedelta,
    attempts_used: int,
    last_submitted_at: datetime | None,
    now: datetime,
) -> RetakeStatus:
    """May the learner start another attempt? ``attempts_used`` counts every attempt
    started (an abandoned one too: starting shows the questions); the cooling-off period
    runs from the last submission."""
    if attempts_used < 0 or (max_attempts is not None and max_attempts < 1):
        raise ValueError("need attempts_used >= 0 and max_attempts >= 1")
    if cooling_off < timedelta(0):
        raise ValueError("the cooling-off period cannot be negative")
    left = None if max_attempts is None else max(0, max_attempts - attempts_used)
    if left == 0:
        return RetakeStatus(attempts_used, left, None, Blocked.NO_ATTEMPTS_LEFT)
    if last_submitted_at is not None and cooling_off:
        ends = last_submitted_at + cooling_off
        if now < ends:
            return RetakeStatus(attempts_used, left, ends, Blocked.COOLING_OFF)
    return RetakeStatus(attempts_used, left, None, None)
