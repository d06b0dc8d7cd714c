"""Which holds can be set, and which stored ones are read: table-driven."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bitewise.engines.spacing import hold_problem, is_hold_in_bounds

TODAY = date(2025, 6, 1)


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


@pytest.mark.parametrize(
    ("first", "last", "problem"),
    [
        pytest.param(None, None, None, id="no-hold"),
        pytest.param(day(0), day(6), None, id="this-week"),
        pytest.param(day(359), day(365), None, id="ends-a-year-ahead"),
        pytest.param(day(0), None, "both the first and the last day", id="half"),
        pytest.param(day(3), day(1), "end on or after", id="backwards"),
        pytest.param(day(0), day(90), "at most 90 days", id="too-long"),
        pytest.param(day(-9), day(-1), "already ended", id="ended"),
        pytest.param(day(360), day(366), "at most a year ahead", id="ends-past-a-year"),
        pytest.param(date(9999, 12, 1), date(9999, 12, 31), "at most a year ahead", id="9999"),
    ],
)
def test_hold_problem(first: date | None, last: date | None, problem: str | None) -> None:
    found = hold_problem(first, last, today=TODAY)
    assert found is None if problem is None else problem in (found or "")


@pytest.mark.parametrize(
    ("first", "last", "is_read"),
    [
        pytest.param(day(-9), day(-1), True, id="ended-but-harmless"),
        pytest.param(day(359), day(365), True, id="a-year-ahead"),
        pytest.param(date(9999, 12, 1), date(9999, 12, 31), False, id="9999"),
        pytest.param(date(1, 1, 1), date(9999, 12, 31), False, id="forever"),
        pytest.param(day(3), day(1), False, id="backwards"),
    ],
)
def test_a_stored_hold_is_read_only_within_the_bounds(
    first: date, last: date, is_read: bool
) -> None:
    assert is_hold_in_bounds(first, last, today=TODAY) is is_read
