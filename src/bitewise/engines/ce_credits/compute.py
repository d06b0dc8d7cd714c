"""Credit for one learner under one rule, with every step explained in plain sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from bitewise.engines.ce_credits.evidence import LearnerEvidence, SessionFacts
from bitewise.engines.ce_credits.rules import ZERO, CreditRule, Rounding

TENTH = Decimal("0.1")
THOUSANDTH = Decimal("0.001")


@dataclass(frozen=True, kw_only=True)
class CreditDecision:
    rule_code: str
    rule_version: int
    unit: str
    credit: Decimal
    credited_minutes: Decimal
    eligible: bool
    reasons: tuple[str, ...]


def compute_credit(
    rule: CreditRule, *, session: SessionFacts, evidence: LearnerEvidence
) -> CreditDecision:
    return compute_series_credit(rule, sessions=(session,), evidence=(evidence,))


def compute_series_credit(
    rule: CreditRule, *, sessions: Sequence[SessionFacts], evidence: Sequence[LearnerEvidence]
) -> CreditDecision:
    """Credit for a series: one pool of minutes where the rule bundles, else session by session."""
    if not sessions:
        raise ValueError("sessions: need at least one session")
    if len(sessions) != len(evidence):
        raise ValueError("evidence: need one entry per session")
    for number, (session, seen) in enumerate(zip(sessions, evidence, strict=True), start=1):
        if seen.checks_answered > session.checks_shown:
            raise ValueError(f"evidence: session {number} has more checks answered than shown")
    if len(sessions) == 1 or rule.allows_series_bundling:
        reasons: list[str] = []
        if len(sessions) > 1:
            total = sum((s.minutes for s in sessions), ZERO)
            reasons.append(
                f"Series of {len(sessions)} sessions, {_minutes(total)} minutes in all; "
                f"{rule.code} lets their minutes add up."
            )
        outcome = _assess(rule, sessions, evidence, prefix="")
        reasons.extend(outcome.reasons)
        credit, credited = outcome.credit, outcome.credited_minutes
    else:
        reasons = [f"{rule.code} does not let sessions add up; each is credited on its own."]
        credit, credited = rule.round_credit(ZERO), ZERO
        for number, (session, seen) in enumerate(zip(sessions, evidence, strict=True), start=1):
            outcome = _assess(rule, [session], [seen], prefix=f"Session {number}: ")
            reasons.extend(outcome.reasons)
            credit += outcome.credit
            credited += outcome.credited_minutes
        reasons.append(f"Total: {credit} {rule.unit}.")
    return CreditDecision(
        rule_code=rule.code,
        rule_version=rule.version,
        unit=rule.unit,
        credit=credit,
        credited_minutes=credited,
        eligible=credit > 0,
        reasons=tuple(reasons),
    )


def max_credit(rule: CreditRule, minutes: Decimal) -> Decimal:
    """The most a learner can earn from ``minutes`` of session (or bundled series)."""
    if not _fits_format(rule, minutes) or minutes < rule.minimum_minutes:
        return rule.round_credit(ZERO)
    if rule.fixed_credit is not None:
        return rule.fixed_credit
    return rule.round_credit(minutes / rule.minutes_per_credit)


def max_series_credit(rule: CreditRule, session_minutes: Sequence[Decimal]) -> Decimal:
    if len(session_minutes) == 1 or rule.allows_series_bundling:
        return max_credit(rule, sum(session_minutes, ZERO))
    return sum((max_credit(rule, m) for m in session_minutes), rule.round_credit(ZERO))


@dataclass(frozen=True)
class _Outcome:
    credit: Decimal
    credited_minutes: Decimal
    reasons: list[str]


def _assess(
    rule: CreditRule,
    sessions: Sequence[SessionFacts],
    evidence: Sequence[LearnerEvidence],
    *,
    prefix: str,
) -> _Outcome:
    reasons: list[str] = []
    problems: list[str] = []
    session = sum((s.minutes for s in sessions), ZERO)
    attended = ZERO
    for s, seen in zip(sessions, evidence, strict=True):
        if seen.attended_minutes > s.minutes:
            reasons.append(
                f"Attended {_minutes(seen.attended_minutes)} minutes of a "
                f"{_minutes(s.minutes)}-minute session; counting {_minutes(s.minutes)}."
            )
        attended += min(seen.attended_minutes, s.minutes)
    reasons.append(f"Attended {_minutes(attended)} of {_minutes(session)} minutes.")

    if not _fits_format(rule, session):
        problems.append(
            f"{rule.code} needs a session of {_window(rule)}; this one runs "
            f"{_minutes(session)} minutes"
        )
    if attended < session * rule.required_share:
        problems.append(
            f"{rule.code} needs at least {_minutes(rule.required_share * 100)}% of the session "
            f"({_minutes(session * rule.required_share)} minutes) attended"
        )
    answered = sum(seen.checks_answered for seen in evidence)
    if not rule.report_alone_is_evidence and answered == 0:
        problems.append(
            f"No attendance check answered; {rule.code} does not accept a join/leave report "
            "alone as evidence of attendance"
        )
    credited = attended
    if rule.attendance_checks_per_credit:
        shown = sum(s.checks_shown for s in sessions)
        vouched = answered * rule.minutes_per_credit / rule.attendance_checks_per_credit
        text = (
            f"Answered {answered} of {shown} attendance checks; {rule.code} needs "
            f"{rule.attendance_checks_per_credit} per credit"
        )
        if vouched < attended:
            credited = vouched
            reasons.append(f"{text}, so they vouch for {_minutes(vouched)} minutes at most.")
        else:
            reasons.append(f"{text}, which covers the minutes attended.")
    if credited < rule.minimum_minutes:
        problems.append(
            f"{rule.code} needs a full {_minutes(rule.minimum_minutes)} minutes before any "
            f"credit; {_minutes(credited)} minutes counted"
        )
    if rule.requires_assessment:
        scores = [seen.assessment_score for seen in evidence if seen.assessment_score is not None]
        if not scores:
            problems.append(f"{rule.code} needs a passed assessment and none was taken")
        elif min(scores) < rule.assessment_pass_percent:
            problems.append(
                f"Assessment score {_minutes(min(scores))}% is below the "
                f"{_minutes(rule.assessment_pass_percent)}% pass mark"
            )
        else:
            reasons.append(f"Assessment passed with {_minutes(min(scores))}%.")

    zero = rule.round_credit(ZERO)
    if problems:
        reasons.extend(f"{problem}." for problem in problems)
        reasons.append(f"Not eligible: {zero} {rule.unit}.")
        return _Outcome(zero, ZERO, [prefix + reason for reason in reasons])
    if rule.fixed_credit is not None:
        credit = rule.fixed_credit
        reasons.append(f"{rule.code} awards a fixed {credit} {rule.unit} for this format.")
    else:
        raw = credited / rule.minutes_per_credit
        credit = rule.round_credit(raw)
        way = "down to a" if rule.rounding is Rounding.DOWN else "to the nearest"
        reasons.append(
            f"{_minutes(credited)} minutes ÷ {_minutes(rule.minutes_per_credit)} = "
            f"{_minutes(raw, THOUSANDTH)}, rounded {way} multiple of {rule.increment} "
            f"→ {credit} {rule.unit}."
        )
    if credit == 0:
        reasons.append(f"That rounds to {zero}, so no credit.")
    return _Outcome(credit, credited, [prefix + reason for reason in reasons])


def _fits_format(rule: CreditRule, minutes: Decimal) -> bool:
    under = rule.session_under_minutes
    return minutes >= rule.min_session_minutes and (under is None or minutes < under)


def _window(rule: CreditRule) -> str:
    low, under = _minutes(rule.min_session_minutes), rule.session_under_minutes
    if under is None:
        return f"at least {low} minutes"
    return f"{low} to under {_minutes(under)} minutes"


def _minutes(value: Decimal, step: Decimal = TENTH) -> str:
    """A number for a sentence: cut (never rounded up) to ``step``, without trailing zeros."""
    shown = value.quantize(step, rounding=ROUND_DOWN).normalize()
    return f"{shown:f}"
