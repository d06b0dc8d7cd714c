"""Attendance intervals as stored (ISO pairs) and as the attendance engine wants them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from bitewise.engines.attendance import Interval, attended_minutes, merge_intervals
from bitewise.webinars.models import Webinar


def to_json(intervals: Iterable[Interval]) -> list[list[str]]:
    return [[i.start.isoformat(), i.end.isoformat()] for i in intervals]


def from_json(pairs: Iterable[Iterable[str]]) -> list[Interval]:
    result = []
    for start, end in (tuple(pair) for pair in pairs):
        result.append(
            Interval(start=datetime.fromisoformat(start), end=datetime.fromisoformat(end))
        )
    return result


def merged(stored: Iterable[Iterable[str]], extra: Iterable[Interval]) -> list[Interval]:
    return merge_intervals([*from_json(stored), *extra])


def minutes_in(webinar: Webinar, intervals: Iterable[Interval]) -> Decimal:
    start, end = webinar.attendance_window
    return attended_minutes(intervals, session_start=start, session_end=end)
