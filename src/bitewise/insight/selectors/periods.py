"""The date range staff filter by: both ends inclusive, in the site's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

# The one limit on a period's days, checked by the staff form and the API before any query:
# outside it a date is a typo (and 9999-12-31 has no day after it to end before).
FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)


def period_problem(start: date | None, end: date | None) -> str:
    """What is wrong with the days, or ""."""
    for day in (start, end):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            return f"Dates go from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}."
    if start is not None and end is not None and start > end:
        return "The start date is after the end date."
    return ""


@dataclass(frozen=True)
class Period:
    start: date | None = None
    end: date | None = None

    @property
    def starts_at(self) -> datetime | None:
        if self.start is None:
            return None
        return datetime.combine(self.start, time.min, tzinfo=timezone.get_default_timezone())

    @property
    def ends_before(self) -> datetime | None:
        if self.end is None:
            return None
        return datetime.combine(
            self.end + timedelta(days=1), time.min, tzinfo=timezone.get_default_timezone()
        )

    def instants(self, field: str) -> dict[str, datetime]:
        """Filter keyword arguments for a DateTimeField."""
        found: dict[str, datetime] = {}
        if self.starts_at is not None:
            found[f"{field}__gte"] = self.starts_at
        if self.ends_before is not None:
            found[f"{field}__lt"] = self.ends_before
        return found

    def days(self, field: str) -> dict[str, date]:
        """Filter keyword arguments for a DateField."""
        found: dict[str, date] = {}
        if self.start is not None:
            found[f"{field}__gte"] = self.start
        if self.end is not None:
            found[f"{field}__lte"] = self.end
        return found

    @property
    def label(self) -> str:
        if self.start is None and self.end is None:
            return "all time"
        start = self.start.isoformat() if self.start else "the start"
        end = self.end.isoformat() if self.end else "today"
        return f"{start} to {end}"
