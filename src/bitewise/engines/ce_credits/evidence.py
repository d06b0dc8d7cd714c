"""What happened in a session, and what one learner did in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

HUNDRED = Decimal(100)


@dataclass(frozen=True, kw_only=True)
class SessionFacts:
    """One delivered session: its length as actually run, and the attendance checks shown."""

    minutes: Decimal
    checks_shown: int = 0

    def __post_init__(self) -> None:
        if not (self.minutes.is_finite() and self.minutes > 0):
            raise ValueError("minutes: a session must last more than 0 minutes")
        if self.checks_shown < 0:
            raise ValueError("checks_shown: must not be negative")


@dataclass(frozen=True, kw_only=True)
class LearnerEvidence:
    """One learner's evidence for one session.

    ``attended_minutes`` is the merged length of ``intervals`` (merged by the caller); the
    intervals and ``check_answers`` are kept only for audit and are not re-checked here.
    """

    attended_minutes: Decimal
    checks_answered: int = 0
    assessment_score: Decimal | None = None
    intervals: tuple[tuple[datetime, datetime], ...] = ()
    check_answers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not (self.attended_minutes.is_finite() and self.attended_minutes >= 0):
            raise ValueError("attended_minutes: must be 0 or more")
        if self.checks_answered < 0:
            raise ValueError("checks_answered: must not be negative")
        if self.check_answers and len(self.check_answers) != self.checks_answered:
            raise ValueError("check_answers: need one answer per check answered")
        score = self.assessment_score
        if score is not None and not (score.is_finite() and 0 <= score <= HUNDRED):
            raise ValueError("assessment_score: must be a percent between 0 and 100")
        for start, end in self.intervals:
            if start.utcoffset() is None or end.utcoffset() is None:
                raise ValueError("intervals: datetimes must be timezone-aware")
            if end < start:
                raise ValueError("intervals: an interval ends before it starts")
