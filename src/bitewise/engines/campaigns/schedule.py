"""When does a campaign step reach a learner?

Two kinds of offset, both relative to the event's start:

* **Day offsets** (``offset_hours == 0``), e.g. -14 d, -1 d, +7 d: calendar days in the
  *learner's* zone, delivered at the send time (09:00 local by default). "-1 d" for an event
  on Tuesday 08:30 in Berlin reaches a New York learner on Monday 09:00 New York time: the
  event's date is taken in the learner's zone, then whole calendar days are added, so a DST
  switch in between changes nothing (the day stays 09:00 local, not 24 h multiples).
* **Hour offsets** (``offset_hours != 0``), e.g. -2 h or +1 d 3 h: elapsed time from the
  start instant (days count as 24 h here), the same instant for everyone.

Either way the result is then moved out of the learner's quiet hours: forward to the end of
the quiet window, except a step *before* the event that would then land at or after the
start, which moves back to just before the quiet window began.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MIN_OFFSET_DAYS = -14
MAX_OFFSET_DAYS = 30
DEFAULT_SEND_AT = time(9, 0)
# A pre-event step pushed back out of quiet hours lands this long before they begin.
BEFORE_QUIET_MARGIN = timedelta(minutes=30)


class QuietHoursError(ValueError):
    """A quiet-hours text that is not "HH:MM-HH:MM"."""


@dataclass(frozen=True)
class QuietHours:
    """A daily window in local time with no deliveries; may wrap midnight (21:00-08:00).
    ``start == end`` means no quiet hours."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True)
class StepOffset:
    days: int
    hours: int = 0

    def __post_init__(self) -> None:
        if not MIN_OFFSET_DAYS <= self.days <= MAX_OFFSET_DAYS:
            raise ValueError(f"offset days must be {MIN_OFFSET_DAYS}…{MAX_OFFSET_DAYS}")
        if not -23 <= self.hours <= 23:
            raise ValueError("offset hours must be -23…23")

    @property
    def is_before(self) -> bool:
        return (self.days, self.hours) < (0, 0)


def parse_quiet_hours(text: str) -> QuietHours:
    """ "21:00-08:00" → QuietHours; "" → none."""
    text = text.strip()
    if not text:
        return QuietHours(time(0), time(0))
    try:
        start_text, end_text = text.split("-")
        return QuietHours(
            time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip())
        )
    except ValueError as exc:
        raise QuietHoursError(f"Quiet hours must look like 21:00-08:00, not “{text}”.") from exc


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"Unknown time zone “{name}”.") from exc


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """``day`` at wall-clock ``at`` in ``tz`` as UTC. A time that does not exist (skipped by
    a spring-forward switch) moves forward by the gap; an ambiguous one takes the first."""
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def shift_out_of_quiet(
    moment: datetime, tz: ZoneInfo, quiet: QuietHours, *, not_after: datetime | None = None
) -> datetime:
    """``moment`` if outside quiet hours in ``tz``, else the end of that quiet window; when
    that end is at or after ``not_after``, just before the window began instead."""
    local = moment.astimezone(tz)
    if not quiet.contains(local.time().replace(tzinfo=None)):
        return moment.astimezone(UTC)
    end_day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        end_day += timedelta(days=1)  # the window wraps midnight: it ends tomorrow
    shifted = local_instant(end_day, quiet.end, tz)
    if not_after is None or shifted < not_after:
        return shifted
    start_day = end_day - timedelta(days=1) if quiet.start > quiet.end else end_day
    return local_instant(start_day, quiet.start, tz) - BEFORE_QUIET_MARGIN


def step_due_at(
    *,
    event_start: datetime,
    offset: StepOffset,
    learner_zone: str,
    quiet: QuietHours,
    send_at: time = DEFAULT_SEND_AT,
) -> datetime:
    """The UTC instant a step reaches a learner (see the module docstring)."""
    if event_start.tzinfo is None:
        raise ValueError("event_start must be aware")
    tz = zone(learner_zone)
    if offset.hours == 0 and offset.days != 0:
        event_day = event_start.astimezone(tz).date()
        due = local_instant(event_day + timedelta(days=offset.days), send_at, tz)
    else:
        due = event_start.astimezone(UTC) + timedelta(days=offset.days, hours=offset.hours)
    return shift_out_of_quiet(due, tz, quiet, not_after=event_start if offset.is_before else None)


def is_for_late_joiner(*, due_at: datetime, registered_at: datetime) -> bool:
    """Whether a learner registered at ``registered_at`` gets a step due at ``due_at``:
    only steps still ahead when they joined; past ones are never sent in a burst."""
    return due_at >= registered_at
