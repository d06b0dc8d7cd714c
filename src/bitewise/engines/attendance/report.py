"""An uploaded attendance report, read into merged attendance per email address."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .decode import decode_report, sniff_delimiter
from .formats import Field, Platform, detect_platform
from .merge import Interval, attended_minutes, merge_intervals
from .reading import RejectedRow, normalize_email, read_visit
from .rows import read_rows
from .summary import meeting_window
from .table import Table, locate_table
from .times import read_date_order


@dataclass(frozen=True)
class PersonAttendance:
    email: str  # trimmed and lower-cased: the key registrants are matched on
    name: str
    intervals: tuple[Interval, ...]  # merged, sorted, in UTC; empty when never present
    visits: int  # join/leave rows counted, duplicates left out
    source_rows: tuple[int, ...]  # every line number read for this person

    @property
    def has_attended(self) -> bool:
        return bool(self.intervals)

    @property
    def first_join(self) -> datetime | None:
        return self.intervals[0].start if self.intervals else None

    @property
    def last_leave(self) -> datetime | None:
        return self.intervals[-1].end if self.intervals else None

    def minutes(self, *, session_start: datetime, session_end: datetime) -> Decimal:
        return attended_minutes(
            self.intervals, session_start=session_start, session_end=session_end
        )


@dataclass(frozen=True)
class AttendanceReport:
    platform: Platform
    encoding: str
    people: tuple[PersonAttendance, ...]  # sorted by email
    rejected: tuple[RejectedRow, ...]  # for staff to resolve, in file order
    duplicate_rows: tuple[int, ...]  # identical visits read once; also in source_rows
    data_rows: tuple[int, ...]  # every row of the attendance table
    notes: tuple[str, ...]
    meeting_start: datetime | None = None
    meeting_end: datetime | None = None

    def person(self, email: str) -> PersonAttendance | None:
        key = normalize_email(email)
        return next((person for person in self.people if person.email == key), None)


@dataclass
class _Draft:
    name: str
    rows: list[int] = field(default_factory=list)
    intervals: list[Interval] = field(default_factory=list)


def parse_attendance(
    data: bytes,
    *,
    default_tz: str,
    platform: Platform | None = None,
    day_first: bool | None = None,
) -> AttendanceReport:
    """Read a Zoom, GoToWebinar, Teams or plain CSV attendance report.

    Times without a zone are read in `default_tz` (Zoom and Teams write the account's or
    viewer's local time and do not say which). Every row of the attendance table ends up in
    one person's `source_rows` or in `rejected`. `day_first` overrides the date order read
    from the file. Raises AttendanceFileError when the file as a whole cannot be used.
    """
    try:
        tz = ZoneInfo(default_tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "America" is a folder
        raise ValueError(f"unknown time zone {default_tz!r}") from None
    decoded = decode_report(data)
    rows = read_rows(decoded.text, delimiter=sniff_delimiter(decoded.text))
    table = locate_table(rows, platform or detect_platform(rows))
    notes = list(table.notes) if table.rows else [*table.notes, "The attendance table is empty."]
    if decoded.is_guessed:
        notes.append("The file was not UTF-8; read as Windows-1252: check accented names.")
    if day_first is None:
        day_first, order_note = read_date_order(_time_values(table))
        notes += [order_note] if order_note else []
    drafts: dict[str, _Draft] = {}
    seen: set[tuple[str, Interval | None, bool]] = set()
    rejected: list[RejectedRow] = []
    duplicates: list[int] = []
    waiting_rows = 0
    for row in table.rows:
        visit = read_visit(row, table, tz=tz, day_first=day_first)
        if isinstance(visit, RejectedRow):
            rejected.append(visit)
            continue
        draft = drafts.setdefault(visit.email, _Draft(name=visit.name))
        draft.name = draft.name or visit.name
        draft.rows.append(row.number)
        key = (visit.email, visit.interval, visit.is_waiting_room)
        if key in seen:
            duplicates.append(row.number)
            continue
        seen.add(key)
        if visit.interval:
            draft.intervals.append(visit.interval)
        waiting_rows += visit.is_waiting_room
    people = tuple(_person(email, drafts[email]) for email in sorted(drafts))
    notes += _tallies(people, duplicates, waiting_rows)
    start, end = meeting_window(table.preamble, tz=tz, day_first=day_first)
    return AttendanceReport(
        platform=table.layout.platform,
        encoding=decoded.encoding,
        people=people,
        rejected=tuple(rejected),
        duplicate_rows=tuple(duplicates),
        data_rows=tuple(row.number for row in table.rows),
        notes=tuple(notes),
        meeting_start=start,
        meeting_end=end,
    )


def _time_values(table: Table) -> list[str]:
    return [table.value(row, column) for row in table.rows for column in (Field.JOIN, Field.LEAVE)]


def _person(email: str, draft: _Draft) -> PersonAttendance:
    return PersonAttendance(
        email=email,
        name=draft.name,
        intervals=tuple(merge_intervals(draft.intervals)),
        visits=len(draft.intervals),
        source_rows=tuple(draft.rows),
    )


def _tallies(
    people: Sequence[PersonAttendance], duplicates: Sequence[int], waiting_rows: int
) -> list[str]:
    notes: list[str] = []
    if duplicates:
        lines = ", ".join(str(number) for number in duplicates[:20])
        more = ", …" if len(duplicates) > 20 else ""
        notes.append(f"{_count(len(duplicates), 'duplicate row')} read once (lines {lines}{more}).")
    if rejoined := sum(person.visits > 1 for person in people):
        notes.append(f"{_count(rejoined, 'person', 'people')} left and rejoined; visits merged.")
    if waiting_rows:
        notes.append(f"{_count(waiting_rows, 'row')} of time in the waiting room not counted.")
    if absent := sum(not person.has_attended for person in people):
        notes.append(f"{_count(absent, 'person', 'people')} listed without attending.")
    return notes


def _count(number: int, singular: str, plural: str = "") -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
