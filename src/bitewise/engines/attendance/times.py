"""Time stamps as the platforms write them, read into aware UTC datetimes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from .errors import AttendanceFileError

# Abbreviations GoToWebinar and others print after a time; CST etc. mean the US zones.
_ZONE_MINUTES = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60, "cest": 120,
    "eet": 120, "eest": 180, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "akst": -540, "akdt": -480,
    "hst": -600, "ast": -240, "adt": -180, "nst": -210, "ndt": -150, "awst": 480,
    "acst": 570, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
}  # fmt: skip
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_TIME = (
    r"(?:,?\s*(?:at\s+)?)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:[.,]\d+)?"
    r"\s*(?P<meridiem>[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?(?P<zone>(?:gmt|utc)\s?[+-]\d{1,2}(?::?\d{2})?|[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,5})\)?)?"
)
_NUMERIC = re.compile(
    r"(?P<lead>\d{1,2})(?P<sep>[/.-])(?P<middle>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})" + _TIME,
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"(?:[a-z]+,\s+)?(?:(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2}),?"
    r"|(?P<day_before>\d{1,2})\s+(?P<month_after>[a-z]{3,9})\.?,?)\s+(?P<year>\d{4})" + _TIME,
    re.IGNORECASE,
)
_OFFSET = re.compile(r"(?:gmt|utc)?\s?(?P<sign>[+-])(?P<hours>\d{1,2}):?(?P<minutes>\d{2})?")


def parse_time(value: str, *, tz: ZoneInfo, day_first: bool = False, fold: int = 0) -> datetime:
    """One time stamp in UTC; a time without a zone is read in `tz` (`fold` for a repeated hour)."""
    text = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        moment = datetime.fromisoformat(text)
        return moment.astimezone(UTC) if moment.tzinfo else localize(moment, tz=tz, fold=fold)
    if match := _NUMERIC.fullmatch(text):
        first, second = int(match["lead"]), int(match["middle"])
        day, month = (first, second) if day_first else (second, first)
        year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
    elif match := _NAMED.fullmatch(text):
        name = (match["month"] or match["month_after"]).lower()
        if name[:3] not in _MONTHS:
            raise ValueError(f"unknown month {name!r}")
        day, month = int(match["day"] or match["day_before"]), _MONTHS[name[:3]]
        year = int(match["year"])
    else:
        raise ValueError("not a date and time this importer knows")
    zone = _fixed_zone(match["zone"]) if match["zone"] else tz
    moment = datetime(
        year, month, day, _hour(match), int(match["minute"]), int(match["second"] or 0), tzinfo=zone
    )
    return moment.astimezone(UTC) if match["zone"] else localize(moment, tz=tz, fold=fold)


def localize(wall: datetime, *, tz: ZoneInfo, fold: int = 0) -> datetime:
    """A wall-clock time in `tz`, in UTC; refuses times skipped when the clocks go forward."""
    local = wall.replace(tzinfo=tz, fold=fold)
    # Same tzinfo on both sides: Python compares the wall clocks, not the instants.
    if local.astimezone(UTC).astimezone(tz) != local:
        raise ValueError(f"{local:%Y-%m-%d %H:%M} does not exist in {tz.key} (clocks went forward)")
    return local.astimezone(UTC)


def _hour(match: re.Match[str]) -> int:
    hour = int(match["hour"])
    meridiem = (match["meridiem"] or "").lower()[:1]
    if meridiem and not 1 <= hour <= 12:
        raise ValueError(f"hour {hour} with AM/PM")
    if meridiem == "a":
        return 0 if hour == 12 else hour
    if meridiem == "p":
        return 12 if hour == 12 else hour + 12
    return hour


def _fixed_zone(zone: str) -> timezone:
    if offset := _OFFSET.fullmatch(zone.lower()):
        minutes = int(offset["hours"]) * 60 + int(offset["minutes"] or 0)
        return timezone(timedelta(minutes=-minutes if offset["sign"] == "-" else minutes))
    if zone.lower() in {"am", "pm"} or zone.lower() not in _ZONE_MINUTES:
        raise ValueError(f"unknown time zone {zone!r}")
    return timezone(timedelta(minutes=_ZONE_MINUTES[zone.lower()]))


def read_date_order(values: Iterable[str]) -> tuple[bool, str | None]:
    """Whether numeric dates put the day first, and a note when no date in the file settled it."""
    day_first = month_first = dotted = either_way = False
    for value in values:
        match = _NUMERIC.match(value.strip())
        if not match:
            continue
        first, second = int(match["lead"]), int(match["middle"])
        day_first = day_first or first > 12
        month_first = month_first or second > 12
        dotted = dotted or match["sep"] == "."
        either_way = either_way or first != second
    if day_first and month_first:
        raise AttendanceFileError(
            "The dates mix day/month and month/day order, so none of them can be trusted."
        )
    if day_first or month_first:
        return day_first, None
    if dotted:  # 28.11.2026 is how day-first locales write dates.
        return True, None
    if either_way:
        return False, "Dates such as 03/04 were read month first (US order); no date settled it."
    return False, None
