"""A quiz answer becomes an FSRS rating: correctness first, then how long it took."""

from __future__ import annotations

from fsrs import Rating

# Thresholds for one multiple-choice question read on a phone. Under 6 s the learner knew
# it at sight (Easy); over 25 s they had to work it out (Hard). Between, or when the time
# is unknown, a right answer is Good. A wrong answer is Again whatever the time.
FAST_MS = 6_000
SLOW_MS = 25_000

__all__ = ["FAST_MS", "SLOW_MS", "Rating", "rating_for"]


def rating_for(*, is_correct: bool, response_ms: int | None) -> Rating:
    if not is_correct:
        return Rating.Again
    if response_ms is None:
        return Rating.Good
    if response_ms < FAST_MS:
        return Rating.Easy
    if response_ms > SLOW_MS:
        return Rating.Hard
    return Rating.Good
