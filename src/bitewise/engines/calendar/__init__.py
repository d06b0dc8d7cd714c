"""iCalendar invitations and feeds for live micro-webinars (RFC 5545 / RFC 5546)."""

from __future__ import annotations

from bitewise.engines.calendar.invite import (
    PRODID,
    REMINDER_BEFORE,
    EventInvite,
    Method,
    Status,
    build_feed,
    build_invite,
)

__all__ = [
    "PRODID",
    "REMINDER_BEFORE",
    "EventInvite",
    "Method",
    "Status",
    "build_feed",
    "build_invite",
]
