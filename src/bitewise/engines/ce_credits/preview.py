"""What each rule would award, shown to staff before a webinar or series is published."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import ROUND_CEILING, Decimal

from bitewise.engines.ce_credits.compute import (
    CreditDecision,
    compute_series_credit,
    max_credit,
    max_series_credit,
)
from bitewise.engines.ce_credits.evidence import LearnerEvidence, SessionFacts
from bitewise.engines.ce_credits.rules import ZERO, CreditRule
from bitewise.engines.ce_credits.shipped import SHIPPED_RULES

FULL_MARKS = Decimal(100)


def checks_needed(rule: CreditRule, session_minutes: Sequence[Decimal]) -> int:
    """Attendance checks a learner must answer, in all, to vouch for the most credit."""
    if len(session_minutes) > 1 and not rule.allows_series_bundling:
        return sum(checks_needed(rule, [minutes]) for minutes in session_minutes)
    total = sum(session_minutes, ZERO)
    most = max_credit(rule, total)
    if most == 0:
        return 0
    # Enough minutes for the most credit and the minimum; never more than the session holds.
    target = min(total, max(most * rule.minutes_per_credit, rule.minimum_minutes))
    checks = target * rule.attendance_checks_per_credit / rule.minutes_per_credit
    needed = int(checks.to_integral_value(rounding=ROUND_CEILING))
    return needed if rule.report_alone_is_evidence else max(needed, 1)


def preview(
    rule: CreditRule,
    *,
    session_minutes: Sequence[Decimal],
    checks_planned: int,
    has_assessment: bool,
) -> CreditDecision:
    """The award for a learner who attends every minute, answers every check and passes.

    ``session_minutes`` holds one length per session (one item for a single webinar);
    ``checks_planned`` is the number of attendance checks planned in each session.
    """
    sessions = [SessionFacts(minutes=m, checks_shown=checks_planned) for m in session_minutes]
    evidence = [
        LearnerEvidence(
            attended_minutes=m,
            checks_answered=checks_planned,
            assessment_score=FULL_MARKS if has_assessment else None,
        )
        for m in session_minutes
    ]
    decision = compute_series_credit(rule, sessions=sessions, evidence=evidence)
    hints: list[str] = []
    needed = checks_needed(rule, session_minutes)
    if checks_planned * len(session_minutes) < needed:
        hints.append(
            f"Plan at least {needed} attendance checks in all to vouch for the full "
            f"{max_series_credit(rule, session_minutes)} {rule.unit}."
        )
    total = sum(session_minutes, ZERO)
    if rule.allows_series_bundling and total < rule.minimum_minutes:
        hints.append(
            f"Put it in a series of at least {rule.minimum_minutes} minutes in all; "
            f"{rule.code} adds up the minutes of a series."
        )
    if rule.requires_assessment and not has_assessment:
        hints.append(f"Add an assessment (pass mark {rule.assessment_pass_percent}%).")
    return replace(decision, reasons=(*decision.reasons, *hints))


def preview_all(
    *,
    session_minutes: Sequence[Decimal],
    checks_planned: int,
    has_assessment: bool,
    rules: Mapping[str, CreditRule] = SHIPPED_RULES,
) -> tuple[CreditDecision, ...]:
    """One preview per rule, in the rules' order: the staff table before publishing."""
    return tuple(
        preview(
            rule,
            session_minutes=session_minutes,
            checks_planned=checks_planned,
            has_assessment=has_assessment,
        )
        for rule in rules.values()
    )
