"""Webinar attendance reports (Zoom, GoToWebinar, Teams, plain CSV) as minutes per person."""

from __future__ import annotations

from .decode import DecodedReport, decode_report, sniff_delimiter
from .errors import AttendanceFileError
from .formats import Platform
from .match import Match, match_registrants
from .merge import Interval, attended_minutes, merge_intervals
from .reading import RejectedRow, normalize_email
from .report import AttendanceReport, PersonAttendance, parse_attendance

__all__ = [
    "AttendanceFileError",
    "AttendanceReport",
    "DecodedReport",
    "Interval",
    "Match",
    "PersonAttendance",
    "Platform",
    "RejectedRow",
    "attended_minutes",
    "decode_report",
    "match_registrants",
    "merge_intervals",
    "normalize_email",
    "parse_attendance",
    "sniff_delimiter",
]
