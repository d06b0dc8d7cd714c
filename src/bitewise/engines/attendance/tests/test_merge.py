from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bitewise.engines.attendance import Interval, attended_minutes, merge_intervals

T0 = datetime(2026, 11, 28, 15, 0, tzinfo=UTC)


def span(start: int, end: int) -> Interval:
    """Minutes after 15:00 UTC."""
    return Interval(start=T0 + timedelta(minutes=start), end=T0 + timedelta(minutes=end))


@pytest.mark.parametrize(
    ("intervals", "merged"),
    [
        pytest.param([], [], id="none"),
        pytest.param([span(0, 5), span(10, 15)], [span(0, 5), span(10, 15)], id="apart"),
        pytest.param([span(10, 15), span(0, 5)], [span(0, 5), span(10, 15)], id="unsorted"),
        pytest.param([span(0, 5), span(5, 9)], [span(0, 9)], id="touching"),
        pytest.param([span(0, 10), span(3, 6)], [span(0, 10)], id="contained"),
        pytest.param([span(0, 6), span(4, 9), span(8, 12)], [span(0, 12)], id="chain"),
        pytest.param([span(0, 5), span(0, 5)], [span(0, 5)], id="identical"),
    ],
)
def test_it_merges_overlapping_and_touching_intervals(
    intervals: list[Interval], merged: list[Interval]
) -> None:
    assert merge_intervals(intervals) == merged


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 60)), max_size=40))
def test_merged_intervals_are_sorted_disjoint_and_cover_exactly_the_union(
    pairs: list[tuple[int, int]],
) -> None:
    intervals = [span(start, start + length) for start, length in pairs]

    merged = merge_intervals(intervals)

    assert all(a.end < b.start for a, b in pairwise(merged))
    covered = {minute for start, length in pairs for minute in range(start, start + length)}
    merged_minutes = {
        minute
        for interval in merged
        for minute in range(
            int((interval.start - T0) / timedelta(minutes=1)),
            int((interval.end - T0) / timedelta(minutes=1)),
        )
    }
    assert merged_minutes == covered


def test_time_outside_the_session_does_not_count() -> None:
    minutes = attended_minutes(
        [span(-10, 5), span(12, 30)], session_start=T0, session_end=T0 + timedelta(minutes=15)
    )

    assert minutes == Decimal("8.00")


def test_overlapping_connections_count_once() -> None:
    minutes = attended_minutes(
        [span(0, 10), span(5, 15)], session_start=T0, session_end=T0 + timedelta(minutes=15)
    )

    assert minutes == Decimal("15.00")


def test_minutes_round_down_to_a_hundredth() -> None:
    interval = Interval(start=T0, end=T0 + timedelta(minutes=10, seconds=59))

    minutes = attended_minutes([interval], session_start=T0, session_end=T0 + timedelta(hours=1))

    assert minutes == Decimal("10.98")


def test_no_intervals_is_zero_minutes() -> None:
    assert attended_minutes([], session_start=T0, session_end=T0) == Decimal("0.00")


def test_it_refuses_a_session_that_ends_before_it_starts() -> None:
    with pytest.raises(ValueError, match="session"):
        attended_minutes([], session_start=T0, session_end=T0 - timedelta(minutes=1))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(T0, T0, id="empty"),
        pytest.param(T0, T0 - timedelta(seconds=1), id="backwards"),
        pytest.param(T0.replace(tzinfo=None), T0, id="naive"),
    ],
)
def test_an_interval_must_be_aware_and_end_after_it_starts(start: datetime, end: datetime) -> None:
    with pytest.raises(ValueError, match="interval"):
        Interval(start=start, end=end)
