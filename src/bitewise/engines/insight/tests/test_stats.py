from __future__ import annotations

import pytest

from bitewise.engines.insight.stats import median, newcombe_difference, wilson


@pytest.mark.parametrize(
    ("successes", "n", "low", "high"),
    [
        # Newcombe (1998) table I examples.
        pytest.param(81, 263, 0.2553, 0.3662, id="81-of-263"),
        pytest.param(15, 148, 0.0624, 0.1605, id="15-of-148"),
        pytest.param(0, 20, 0.0, 0.1611, id="none-of-20"),
        pytest.param(1, 29, 0.0061, 0.1718, id="1-of-29"),
    ],
)
def test_wilson_matches_newcombes_published_intervals(
    successes: int, n: int, low: float, high: float
) -> None:
    interval = wilson(successes, n)
    assert interval.low == pytest.approx(low, abs=1e-4)
    assert interval.high == pytest.approx(high, abs=1e-4)


def test_wilson_of_nothing_is_the_whole_range() -> None:
    assert (wilson(0, 0).low, wilson(0, 0).high) == (0.0, 1.0)


def test_wilson_refuses_more_successes_than_trials() -> None:
    with pytest.raises(ValueError):
        wilson(3, 2)


@pytest.mark.parametrize(
    ("a", "n_a", "b", "n_b", "low", "high"),
    [
        # Newcombe (1998) table II, method 10.
        pytest.param(56, 70, 48, 80, 0.0524, 0.3339, id="56/70-48/80"),
        pytest.param(9, 10, 3, 10, 0.1705, 0.8090, id="9/10-3/10"),
    ],
)
def test_newcombe_difference_matches_the_published_hybrid_score_interval(
    a: int, n_a: int, b: int, n_b: int, low: float, high: float
) -> None:
    interval = newcombe_difference(a, n_a, b, n_b)
    assert interval.low == pytest.approx(low, abs=1e-3)
    assert interval.high == pytest.approx(high, abs=1e-3)


def test_median_of_even_and_odd_lists() -> None:
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 2, 3]) == 2.5
    assert median([]) is None
