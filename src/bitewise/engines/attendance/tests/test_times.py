from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bitewise.engines.attendance.errors import AttendanceFileError
from bitewise.engines.attendance.times import parse_time, read_date_order

NEW_YORK = ZoneInfo("America/New_York")
EXPECTED = datetime(2026, 11, 28, 14, 58, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("11/28/2026 09:58:12 AM", id="zoom"),
        pytest.param("11/28/26, 9:58:12 AM", id="teams"),
        pytest.param("Nov 28, 2026 09:58:12 AM EST", id="goto-est"),
        pytest.param("Nov 28, 2026 06:58:12 AM PST", id="goto-pst"),
        pytest.param("Nov 28, 2026 02:58:12 PM GMT", id="goto-gmt"),
        pytest.param("November 28, 2026 9:58:12 a.m.", id="long-month"),
        pytest.param("28 Nov 2026 15:58:12 GMT+01:00", id="day-month-offset"),
        pytest.param("Sat, Nov 28, 2026 2:58:12 PM UTC", id="weekday"),
        pytest.param("Nov 28, 2026 09:58:12 AM -0500", id="numeric-offset"),
        pytest.param("2026-11-28T14:58:12Z", id="iso-z"),
        pytest.param("2026-11-28T09:58:12-05:00", id="iso-offset"),
        pytest.param("2026-11-28 09:58:12", id="iso-naive"),
        pytest.param("  11/28/2026 09:58:12  ", id="padded"),
    ],
)
def test_it_reads_each_platforms_time_stamps(value: str) -> None:
    assert parse_time(value, tz=NEW_YORK) == EXPECTED


def test_it_reads_day_first_dates_when_told() -> None:
    moment = parse_time("28/11/2026, 15:58:12", tz=ZoneInfo("Europe/Berlin"), day_first=True)

    assert moment == EXPECTED


def test_twelve_am_is_midnight() -> None:
    assert parse_time("11/28/2026 12:05 AM", tz=ZoneInfo("UTC")).hour == 0


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("yesterday", "not a date", id="words"),
        pytest.param("Nov 28, 2026 09:58 AM XYZ", "unknown time zone", id="unknown-zone"),
        pytest.param("11/28/2026 13:00 PM", "AM/PM", id="thirteen-pm"),
        pytest.param("13/28/2026 10:00", "month", id="month-13"),
        pytest.param("Foo 28, 2026 10:00", "unknown month", id="unknown-month"),
        pytest.param("03/08/2026 02:30 AM", "does not exist", id="skipped-by-dst"),
    ],
)
def test_it_refuses_times_it_cannot_read(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_time(value, tz=NEW_YORK)


def test_the_repeated_hour_reads_as_either_pass() -> None:
    first = parse_time("11/01/2026 01:30 AM", tz=NEW_YORK)
    second = parse_time("11/01/2026 01:30 AM", tz=NEW_YORK, fold=1)

    assert (second - first).total_seconds() == 3600


@pytest.mark.parametrize(
    ("values", "day_first", "has_note"),
    [
        pytest.param(["11/28/26, 9:58 AM"], False, False, id="us-settled"),
        pytest.param(["28/11/2026 09:58"], True, False, id="day-first-settled"),
        pytest.param(["28.11.2026 09:58"], True, False, id="dotted"),
        pytest.param(["03/04/2026 10:00", "03/04/2026 10:15"], False, True, id="ambiguous"),
        pytest.param(["2026-11-28T10:00Z"], False, False, id="iso-only"),
        pytest.param(["04/04/2026 10:00"], False, False, id="same-either-way"),
    ],
)
def test_it_reads_the_date_order_from_the_whole_file(
    values: list[str], day_first: bool, has_note: bool
) -> None:
    found, note = read_date_order(values)

    assert found is day_first
    assert (note is not None) is has_note


def test_it_refuses_dates_in_both_orders() -> None:
    with pytest.raises(AttendanceFileError, match="mix"):
        read_date_order(["28/11/2026 10:00", "11/28/2026 10:00"])
