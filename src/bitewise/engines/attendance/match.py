"""Attendance matched to a webinar's registrants by email address."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .reading import normalize_email
from .report import AttendanceReport, PersonAttendance


@dataclass(frozen=True)
class Match:
    matched: Mapping[str, PersonAttendance]  # registrant email -> attendance, present only
    unmatched: tuple[PersonAttendance, ...]  # in the file, not registered: staff resolve
    never_joined: tuple[str, ...]  # registrants absent from the file or listed as absent


def match_registrants(report: AttendanceReport, registrant_emails: Iterable[str]) -> Match:
    """Split registrants into attended and never joined, and list who else is in the file."""
    registrants = {normalize_email(email) for email in registrant_emails} - {""}
    matched = {
        person.email: person
        for person in report.people
        if person.email in registrants and person.has_attended
    }
    return Match(
        matched=matched,
        unmatched=tuple(person for person in report.people if person.email not in registrants),
        never_joined=tuple(sorted(registrants - matched.keys())),
    )
