from __future__ import annotations

import pytest

from bitewise.engines.insight.lift import Group, lift


def test_groups_below_the_stated_size_are_too_small_to_tell() -> None:
    result = lift(Group(people=200, checks=600, correct=500), Group(19, 80, 30))
    assert result.verdict == "too_small"
    assert result.difference is None
    assert "Too small to tell" in result.sentence
    assert "20 people" in result.sentence


def test_a_clear_gain_is_reported_as_better_with_its_interval() -> None:
    result = lift(Group(100, 300, 240), Group(50, 150, 90))
    assert result.verdict == "better"
    assert result.difference is not None
    assert result.difference.estimate == pytest.approx(0.2)
    assert 0 < result.difference.low < 0.2 < result.difference.high
    assert result.sentence.startswith("Reinforced learners recall more: +20.0 points")


def test_an_interval_across_zero_says_no_clear_difference() -> None:
    result = lift(Group(30, 60, 40), Group(30, 60, 38))
    assert result.verdict == "unclear"
    assert "includes zero" in result.sentence


def test_reinforcement_that_hurts_is_reported_as_worse() -> None:
    assert lift(Group(100, 300, 120), Group(100, 300, 210)).verdict == "worse"
