from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bitewise.engines.ce_credits import LearnerEvidence, SessionFacts

AWARE = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)
NAIVE = datetime(2025, 3, 4, 15, 0)  # noqa: DTZ001 - the case under test


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"attended_minutes": Decimal(-1)}, "attended_minutes"),
        ({"attended_minutes": Decimal("NaN")}, "attended_minutes"),
        ({"checks_answered": -1}, "checks_answered"),
        ({"checks_answered": 2, "check_answers": ("a",)}, "check_answers"),
        ({"assessment_score": Decimal(101)}, "assessment_score"),
        ({"intervals": ((NAIVE, NAIVE),)}, "intervals"),
        ({"intervals": ((AWARE, AWARE.replace(hour=14)),)}, "intervals"),
    ],
    ids=["negative", "nan", "negative-checks", "answers-miscounted", "score-101", "naive", "back"],
)
def test_impossible_evidence_is_refused(kwargs: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"attended_minutes": Decimal(10), **kwargs}
    with pytest.raises(ValueError, match=field):
        LearnerEvidence(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("minutes", "checks"), [(Decimal(0), 0), (Decimal(10), -1)], ids=["empty", "negative-checks"]
)
def test_impossible_sessions_are_refused(minutes: Decimal, checks: int) -> None:
    with pytest.raises(ValueError):
        SessionFacts(minutes=minutes, checks_shown=checks)
