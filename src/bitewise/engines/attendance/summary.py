"""The meeting's own start and end, from the summary block above the attendance table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from bitewise.engines.text.numbers import whole_number

from .rows import Row, header_key
from .times import parse_time

_START = ("start time", "meeting start time", "actual start date/time", "actual start time")
_END = ("end time", "meeting end time")
_DURATION = ("actual duration (minutes)", "duration (minutes)")
_WANTED = frozenset(_START + _END + _DURATION)


def meeting_window(
    preamble: Sequence[Row], *, tz: ZoneInfo, day_first: bool
) -> tuple[datetime | None, datetime | None]:
    """Start and end as the report states them; None where it does not say or cannot be read."""
    found: dict[str, list[str]] = {}
    # Teams writes "Start time<TAB>value" lines; Zoom and GoTo a header line and a value line.
    for row in preamble:
        _add(found, row.cells[:1], row.cells[1:2])
    filled = [row for row in preamble if not row.is_blank]
    for labels, values in pairwise(filled):
        _add(found, labels.cells, values.cells)
    start = _first_time(found, _START, tz=tz, day_first=day_first)
    end = _first_time(found, _END, tz=tz, day_first=day_first)
    if start and not end:
        minutes = [value for key in _DURATION for value in found.get(key, [])]
        length = whole_number(minutes[0], digits=5) if minutes else None  # minutes: < 70 days
        if length is not None:
            end = start + timedelta(minutes=length)
    return start, end


def _add(found: dict[str, list[str]], labels: Sequence[str], values: Sequence[str]) -> None:
    for label, value in zip(labels, values, strict=False):
        if header_key(label) in _WANTED and value.strip():
            found.setdefault(header_key(label), []).append(value.strip())


def _first_time(
    found: dict[str, list[str]], wanted: Sequence[str], *, tz: ZoneInfo, day_first: bool
) -> datetime | None:
    for key in wanted:
        for value in found.get(key, []):
            try:
                return parse_time(value, tz=tz, day_first=day_first)
            except ValueError:
                continue
    return None
