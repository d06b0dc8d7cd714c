"""Join/leave intervals: merged per person and clipped to the session for credit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal

_MICROSECONDS_PER_MINUTE = Decimal(60_000_000)


@dataclass(frozen=True, order=True)
class Interval:
    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("interval times must be timezone-aware")
        if self.end <= self.start:
            raise ValueError("an interval must end after it starts")

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same time; overlapping or touching ones join."""
    merged: list[Interval] = []
    for interval in sorted(intervals):
        if merged and interval.start <= merged[-1].end:
            if interval.end > merged[-1].end:
                merged[-1] = Interval(start=merged[-1].start, end=interval.end)
        else:
            merged.append(interval)
    return merged


def attended_minutes(
    intervals: Iterable[Interval], *, session_start: datetime, session_end: datetime
) -> Decimal:
    """Minutes present within the session, rounded down to a hundredth.

    Time in the waiting room before the start or after the end does not count, and
    time covered by two overlapping connections counts once.
    """
    if session_end < session_start:
        raise ValueError("the session must end after it starts")
    present = timedelta()
    for interval in merge_intervals(intervals):
        start, end = max(interval.start, session_start), min(interval.end, session_end)
        if end > start:
            present += end - start
    minutes = Decimal(present // timedelta(microseconds=1)) / _MICROSECONDS_PER_MINUTE
    return minutes.quantize(Decimal("0.01"), rounding=ROUND_DOWN)
