"""A series of micro-webinars: minutes add up where the body allows it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bitewise.engines.ce_credits import (
    SHIPPED_RULES,
    LearnerEvidence,
    SessionFacts,
    compute_series_credit,
)
from bitewise.engines.ce_credits.tests.factories import full_attendance, sessions

NASBA = SHIPPED_RULES["nasba-group-internet"]
NANO = SHIPPED_RULES["nasba-nano"]


def test_one_fifteen_minute_session_alone_earns_no_nasba_credit() -> None:
    decision = compute_series_credit(NASBA, sessions=sessions(15), evidence=full_attendance(15))
    assert decision.credit == 0
    assert not decision.eligible


def test_four_fifteen_minute_sessions_add_up_to_a_nasba_credit_and_a_fifth() -> None:
    decision = compute_series_credit(
        NASBA, sessions=sessions(15, 15, 15, 15), evidence=full_attendance(15, 15, 15, 15)
    )
    assert decision.credit == Decimal("1.2")
    assert decision.credited_minutes == 60
    assert decision.reasons[0] == (
        "Series of 4 sessions, 60 minutes in all; nasba-group-internet lets their minutes add up."
    )


def test_a_missed_check_in_a_series_costs_the_extra_fifth() -> None:
    evidence = [*full_attendance(15, 15, 15), *full_attendance(15, checks=0)]
    decision = compute_series_credit(NASBA, sessions=sessions(15, 15, 15, 15), evidence=evidence)
    assert decision.credit == Decimal("1.0")


def test_a_missed_session_can_drop_a_series_below_the_minimum() -> None:
    evidence = [*full_attendance(15, 15, 15), LearnerEvidence(attended_minutes=Decimal(0))]
    decision = compute_series_credit(NASBA, sessions=sessions(15, 15, 15, 15), evidence=evidence)
    assert decision.credit == 0
    assert any("needs a full 50 minutes" in r for r in decision.reasons)


def test_overtime_in_one_session_does_not_fill_another() -> None:
    evidence = [
        LearnerEvidence(attended_minutes=Decimal(40), checks_answered=2),
        LearnerEvidence(attended_minutes=Decimal(0), checks_answered=0),
        *full_attendance(30, 30, checks=2),
    ]
    series = sessions(30, 30, 30, 30, checks=2)
    decision = compute_series_credit(NASBA, sessions=series, evidence=evidence)
    assert decision.credited_minutes == 90
    assert decision.credit == Decimal("1.8")


def test_nano_pieces_are_credited_one_by_one() -> None:
    decision = compute_series_credit(
        NANO,
        sessions=sessions(12, 15, 25, checks=0),
        evidence=full_attendance(12, 15, 25, checks=0, score=90),
    )
    assert decision.credit == Decimal("0.4")
    assert decision.reasons[0].startswith("nasba-nano does not let sessions add up")
    assert any(r.startswith("Session 3: nasba-nano needs a session of") for r in decision.reasons)
    assert decision.reasons[-1] == "Total: 0.4 CPE credit."


@pytest.mark.parametrize(
    ("session_list", "evidence_list", "message"),
    [
        ([], [], "at least one session"),
        (sessions(15, 15), full_attendance(15), "one entry per session"),
        (sessions(15, checks=1), full_attendance(15, checks=2), "more checks answered"),
    ],
    ids=["empty", "evidence-missing", "more-answered-than-shown"],
)
def test_inconsistent_series_input_is_refused(
    session_list: list[SessionFacts], evidence_list: list[LearnerEvidence], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        compute_series_credit(NASBA, sessions=session_list, evidence=evidence_list)
