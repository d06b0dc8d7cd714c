"""Small builders so each test states only the numbers it is about."""

from __future__ import annotations

from decimal import Decimal

from bitewise.engines.ce_credits import (
    CreditDecision,
    CreditRule,
    LearnerEvidence,
    SessionFacts,
    compute_credit,
)


def attend(
    rule: CreditRule,
    *,
    session: str | int,
    attended: str | int | None = None,
    checks: int = 10,
    score: str | int | None = None,
) -> CreditDecision:
    """One session, attended in full unless ``attended`` says otherwise; every check answered."""
    minutes = Decimal(session)
    return compute_credit(
        rule,
        session=SessionFacts(minutes=minutes, checks_shown=checks),
        evidence=LearnerEvidence(
            attended_minutes=minutes if attended is None else Decimal(attended),
            checks_answered=checks,
            assessment_score=None if score is None else Decimal(score),
        ),
    )


def sessions(*minutes: int, checks: int = 1) -> list[SessionFacts]:
    return [SessionFacts(minutes=Decimal(m), checks_shown=checks) for m in minutes]


def full_attendance(
    *minutes: int, checks: int = 1, score: int | None = None
) -> list[LearnerEvidence]:
    return [
        LearnerEvidence(
            attended_minutes=Decimal(m),
            checks_answered=checks,
            assessment_score=None if score is None else Decimal(score),
        )
        for m in minutes
    ]
