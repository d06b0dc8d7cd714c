"""iCalendar invitations for live micro-webinars.

Format: RFC 5545 (https://www.rfc-editor.org/rfc/rfc5545). Scheduling methods: RFC 5546 (iTIP,
https://www.rfc-editor.org/rfc/rfc5546#section-3.2): REQUEST invites or updates, CANCEL removes,
PUBLISH feeds a subscribed calendar. Calendars replace an event instead of duplicating it when
the UID stays the same and SEQUENCE goes up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event, vCalAddress

PRODID = "-//Bitewise//Micro-webinars//EN"
REMINDER_BEFORE = timedelta(minutes=15)

Method = Literal["REQUEST", "CANCEL", "PUBLISH"]
Status = Literal["CONFIRMED", "CANCELLED"]


@dataclass(frozen=True, kw_only=True)
class EventInvite:
    """One webinar session as one learner sees it; ``start`` may be in any zone."""

    uid: str
    sequence: int
    title: str
    description: str
    start: datetime
    duration: timedelta
    tzid: str
    location_url: str
    organizer_email: str
    organizer_name: str
    attendee_email: str = ""
    attendee_name: str = ""
    status: Status = "CONFIRMED"
    url: str = ""

    def __post_init__(self) -> None:
        if not self.uid.strip() or _has_space_or_control(self.uid):
            raise ValueError(f"uid must be non-empty without spaces: {self.uid!r}")
        if self.sequence < 0:
            raise ValueError(f"sequence must be >= 0, got {self.sequence}")
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError(f"start must be timezone-aware, got naive {self.start.isoformat()}")
        if self.duration <= timedelta(0):
            raise ValueError(f"duration must be positive, got {self.duration}")
        if self.status not in get_args(Status):
            raise ValueError(f"status must be CONFIRMED or CANCELLED, got {self.status!r}")
        _zone(self.tzid)
        _check_email("organizer_email", self.organizer_email)
        if self.attendee_email:
            _check_email("attendee_email", self.attendee_email)
        for name in ("location_url", "url"):
            if _has_space_or_control(getattr(self, name)):
                raise ValueError(f"{name} must not contain spaces or control characters")

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(_zone(self.tzid))

    @property
    def local_end(self) -> datetime:
        # Add in UTC: aware arithmetic in a zone is wall-clock and would be wrong across DST.
        return (self.start.astimezone(UTC) + self.duration).astimezone(_zone(self.tzid))

    def revised(self, **changes: Any) -> EventInvite:
        """The same event, changed, with SEQUENCE raised so calendars update it in place."""
        return replace(self, sequence=self.sequence + 1, **changes)

    def cancelled(self) -> EventInvite:
        return self.revised(status="CANCELLED")


def build_invite(invite: EventInvite, *, method: Method, stamp: datetime) -> bytes:
    """A one-event VCALENDAR to attach to an email (``text/calendar; method=...``).

    CANCEL always writes STATUS:CANCELLED; raise the sequence first with ``cancelled()``.
    """
    if method not in get_args(Method):
        raise ValueError(f"method must be one of {get_args(Method)}, got {method!r}")
    if method != "PUBLISH" and not invite.attendee_email:
        raise ValueError(f"METHOD:{method} needs an attendee_email")
    if method == "CANCEL":
        invite = replace(invite, status="CANCELLED")
    calendar = _calendar(method)
    calendar.add_component(_event(invite, method=method, stamp=_utc(stamp)))
    return _finish(calendar, [invite])


def build_feed(
    invites: Iterable[EventInvite], *, stamp: datetime, name: str = "Bitewise webinars"
) -> bytes:
    """A subscribable calendar (METHOD:PUBLISH) with many events; cancelled ones stay, marked."""
    invites = list(invites)
    calendar = _calendar("PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    for invite in invites:
        calendar.add_component(_event(invite, method="PUBLISH", stamp=_utc(stamp)))
    return _finish(calendar, invites)


def _calendar(method: Method) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _event(invite: EventInvite, *, method: Method, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", invite.uid)
    event.add("sequence", invite.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", _as_written(invite.local_start))
    event.add("dtend", _as_written(invite.local_end))
    event.add("summary", invite.title)
    event.add("description", invite.description)
    if invite.location_url:
        event.add("location", invite.location_url)
    if invite.url:
        event.add("url", invite.url)
    event.add("organizer", vCalAddress.new(invite.organizer_email, cn=invite.organizer_name))
    # RFC 5546 section 3.2.1: a PUBLISH carries no ATTENDEE.
    if method != "PUBLISH" and invite.attendee_email:
        attendee = vCalAddress.new(
            invite.attendee_email,
            cn=invite.attendee_name or None,
            role="REQ-PARTICIPANT",
            partstat="NEEDS-ACTION",
            rsvp=True,
        )
        event.add("attendee", attendee)
    event.add("status", invite.status)
    event.add("transp", "OPAQUE")
    if invite.status == "CONFIRMED":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -REMINDER_BEFORE)
        alarm.add("description", f"Starting soon: {invite.title}")
        event.add_component(alarm)
    return event


def _finish(calendar: Calendar, invites: list[EventInvite]) -> bytes:
    if invites:
        # Only the years in use: the default 1970-2038 range bloats every email.
        first = min(invite.local_start.year for invite in invites)
        last = max(invite.local_end.year for invite in invites)
        calendar.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))
    data: bytes = calendar.to_ical()
    return data


def _as_written(moment: datetime) -> datetime:
    # A local time in the repeated hour after DST ends reads as its first occurrence
    # (RFC 5545 section 3.3.5); write the second occurrence in UTC so it stays exact.
    if moment.replace(fold=0).utcoffset() != moment.utcoffset():
        return moment.astimezone(UTC)
    return moment


def _utc(stamp: datetime) -> datetime:
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValueError(f"stamp must be timezone-aware, got naive {stamp.isoformat()}")
    return stamp.astimezone(UTC)


def _zone(tzid: str) -> ZoneInfo:
    try:
        return ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        message = f"unknown time zone {tzid!r}; use an IANA name like 'Europe/Berlin'"
        raise ValueError(message) from error


def _check_email(field: str, email: str) -> None:
    local, at, domain = email.rpartition("@")
    if not at or not local or "." not in domain or _has_space_or_control(email):
        raise ValueError(f"{field} is not an email address: {email!r}")


def _has_space_or_control(value: str) -> bool:
    return any(char.isspace() or not char.isprintable() for char in value)
