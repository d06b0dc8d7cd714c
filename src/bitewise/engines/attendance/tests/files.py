"""Fixture files and the accounting every parsed report must satisfy."""

from __future__ import annotations

from pathlib import Path

from bitewise.engines.attendance import AttendanceReport, parse_attendance

DATA = Path(__file__).parent / "data"
FIXTURES = (
    "zoom_participants.csv",
    "gotowebinar_attendee_report.csv",
    "teams_attendance_report.csv",
    "generic_attendance.csv",
)


def parse_fixture(name: str, *, default_tz: str = "America/New_York") -> AttendanceReport:
    return parse_attendance((DATA / name).read_bytes(), default_tz=default_tz)


def parse_text(text: str, *, default_tz: str = "UTC") -> AttendanceReport:
    return parse_attendance(text.encode("utf-8"), default_tz=default_tz)


def accounted_rows(report: AttendanceReport) -> list[int]:
    """Every row number the report gives back, once per appearance."""
    used = [number for person in report.people for number in person.source_rows]
    return sorted(used + [row.row_number for row in report.rejected])
