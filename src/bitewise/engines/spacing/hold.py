"""Vacation hold: while it lasts no review is offered, and cards that fell due before its
end move later by its length, so a learner comes back to the same spacing they left rather
than to two weeks of overdue cards. Cards due after the hold are untouched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


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
