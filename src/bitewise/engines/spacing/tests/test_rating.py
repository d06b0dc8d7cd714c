"""A quiz answer's correctness and response time become an FSRS rating."""

from __future__ import annotations

import pytest

from bitewise.engines.spacing import FAST_MS, SLOW_MS, Rating, rating_for


@pytest.mark.parametrize(
    ("is_correct", "response_ms", "expected"),
    [
        pytest.param(False, 1_000, Rating.Again, id="wrong-fast"),
        pytest.param(False, None, Rating.Again, id="wrong-untimed"),
        pytest.param(True, FAST_MS - 1, Rating.Easy, id="right-fast"),
        pytest.param(True, FAST_MS, Rating.Good, id="right-at-fast-threshold"),
        pytest.param(True, 12_000, Rating.Good, id="right"),
        pytest.param(True, SLOW_MS, Rating.Good, id="right-at-slow-threshold"),
        pytest.param(True, SLOW_MS + 1, Rating.Hard, id="right-slow"),
        pytest.param(True, None, Rating.Good, id="right-untimed"),
    ],
)
def test_rating_follows_correctness_then_time(
    is_correct: bool, response_ms: int | None, expected: Rating
) -> None:
    assert rating_for(is_correct=is_correct, response_ms=response_ms) == expected
