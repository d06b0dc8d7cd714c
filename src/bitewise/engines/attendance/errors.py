"""The one error an attendance file can raise: the whole file cannot be read."""

from __future__ import annotations


class AttendanceFileError(ValueError):
    """The file as a whole cannot be used; the message says why, for staff to read."""
