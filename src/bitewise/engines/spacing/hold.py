"""Vacation hold: while it lasts no review is offered, and cards that fell due before its
end move later by its length, so a learner comes back to the same spacing they left rather
than to two weeks of overdue cards. Cards due after the hold are untouched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

MAX_HOLD_DAYS = 90
MAX_HOLD_AHEAD_DAYS = 365  # the last day of a hold is at most this many days after today


def hold_problem(first: date | None, last: date | None, *, today: date) -> str | None:
    """Why the hold from ``first`` to ``last`` (both inclusive) cannot be set ``today``, as a
    sentence for the learner; None when it can. No hold (neither day) is always fine."""
    if first is None and last is None:
        return None
    if first is None or last is None:
        return "Give both the first and the last day of the hold, or neither."
    if last < first:
        return "The hold must end on or after the day it starts."
    if (last - first).days + 1 > MAX_HOLD_DAYS:
        return f"A hold lasts at most {MAX_HOLD_DAYS} days."
    if last < today:
        return "That hold has already ended."
    if (last - today).days > MAX_HOLD_AHEAD_DAYS:
        latest = today + timedelta(days=MAX_HOLD_AHEAD_DAYS)
        return f"A hold ends at most a year ahead, on {latest.isoformat()} at the latest."
    return None


def is_hold_in_bounds(first: date, last: date, *, today: date) -> bool:
    """Whether a stored hold is one that could have been set: a row from before these
    bounds (a hold dated 9999, say) is then ignored rather than computed with."""
    return (
        first <= last
        and (last - first).days < MAX_HOLD_DAYS
        and ((last - today).days <= MAX_HOLD_AHEAD_DAYS)
    )


@dataclass(frozen=True)
class Hold:
    starts: datetime
    ends: datetime  # exclusive

    def __post_init__(self) -> None:
        if self.ends <= self.starts:
            raise ValueError("a hold ends after it starts")

    @property
    def length(self) -> timedelta:
        return self.ends - self.starts

    def is_active(self, at: datetime) -> bool:
        return self.starts <= at < self.ends

    def effective_due(self, due: datetime, *, at: datetime) -> datetime:
        """When a card due at ``due`` is offered, seen from ``at`` (a hold not yet begun
        moves nothing)."""
        if at < self.starts or due >= self.ends:
            return due
        return due + self.length

    def is_due(self, due: datetime, at: datetime) -> bool:
        return not self.is_active(at) and self.effective_due(due, at=at) <= at
