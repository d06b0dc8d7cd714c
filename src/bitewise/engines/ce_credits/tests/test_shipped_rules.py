"""Each shipped rule at its boundaries: minimums, increments, format windows, evidence."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bitewise.engines.ce_credits import (
    SHIPPED_RULES,
    LearnerEvidence,
    SessionFacts,
    compute_credit,
)
from bitewise.engines.ce_credits.tests.factories import attend

NASBA = SHIPPED_RULES["nasba-group-internet"]
NANO = SHIPPED_RULES["nasba-nano"]
IACET = SHIPPED_RULES["iacet-ceu"]
ANCC = SHIPPED_RULES["ancc-contact-hours"]
AMA = SHIPPED_RULES["ama-pra-1"]


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [("49.9", "0.0"), ("50", "1.0"), ("59", "1.0"), ("60", "1.2"), ("69.9", "1.2"), ("100", "2.0")],
    ids=["just-under-minimum", "exactly-minimum", "59-rounds-down", "60-one-step", "69.9", "100"],
)
def test_nasba_group_internet_needs_a_full_credit_then_counts_fifths(
    minutes: str, expected: str
) -> None:
    decision = attend(NASBA, session=minutes)
    assert decision.credit == Decimal(expected)
    assert str(decision.credit) == expected
    assert decision.eligible is (expected != "0.0")


def test_nasba_explains_why_47_of_50_minutes_earn_nothing() -> None:
    decision = attend(NASBA, session=50, attended=47)
    assert decision.credit == 0
    assert "Attended 47 of 50 minutes." in decision.reasons
    assert any("needs a full 50 minutes before any credit" in r for r in decision.reasons)


def test_nasba_two_checks_cannot_vouch_for_a_full_credit() -> None:
    decision = attend(NASBA, session=50, checks=2)
    assert not decision.eligible
    assert decision.credit == 0
    assert any("vouch for 33.3 minutes at most" in r for r in decision.reasons)


@pytest.mark.parametrize(
    ("checks", "expected"), [(3, "1.0"), (4, "1.2")], ids=["three-checks", "four-checks"]
)
def test_nasba_checks_cap_the_credit_for_an_hour(checks: int, expected: str) -> None:
    assert attend(NASBA, session=60, checks=checks).credit == Decimal(expected)


def test_nasba_refuses_a_join_leave_report_alone() -> None:
    joined = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)
    left = datetime(2025, 3, 4, 16, 0, tzinfo=UTC)
    decision = compute_credit(
        NASBA,
        session=SessionFacts(minutes=Decimal(60)),
        evidence=LearnerEvidence(attended_minutes=Decimal(60), intervals=((joined, left),)),
    )
    assert decision.credit == 0
    assert not decision.eligible
    assert any("join/leave report alone" in r for r in decision.reasons)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [("9.9", "0.0"), ("10", "0.2"), ("19", "0.2"), ("19.9", "0.2"), ("20", "0.0")],
    ids=["9.9-too-short", "10", "19", "19.9", "20-too-long"],
)
def test_nano_learning_is_exactly_a_fifth_for_ten_to_under_twenty_minutes(
    minutes: str, expected: str
) -> None:
    assert attend(NANO, session=minutes, checks=0, score=80).credit == Decimal(expected)


def test_nano_learning_outside_its_window_says_why() -> None:
    decision = attend(NANO, session=20, checks=0, score=100)
    assert any("10 to under 20 minutes; this one runs 20" in r for r in decision.reasons)


@pytest.mark.parametrize(
    ("score", "expected"),
    [(None, "0.0"), (69, "0.0"), (70, "0.2"), (100, "0.2")],
    ids=["no-assessment", "69-fails", "70-passes", "100"],
)
def test_nano_learning_needs_a_passed_assessment(score: int | None, expected: str) -> None:
    assert attend(NANO, session=12, checks=0, score=score).credit == Decimal(expected)


def test_nano_learning_must_be_completed_in_full() -> None:
    decision = attend(NANO, session=12, attended="11.5", checks=0, score=90)
    assert decision.credit == 0
    assert any("at least 100% of the session" in r for r in decision.reasons)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [("29", "0.0"), ("30", "0.1"), ("60", "0.1"), ("89", "0.1"), ("90", "0.2"), ("600", "1.0")],
    ids=["29-under-minimum", "30-rounds-up", "60", "89", "90-half-rounds-up", "ten-hours"],
)
def test_iacet_ceus_are_tenths_from_thirty_minutes(minutes: str, expected: str) -> None:
    assert attend(IACET, session=minutes, checks=0).credit == Decimal(expected)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [("14.9", "0.00"), ("15", "0.25"), ("59", "0.75"), ("60", "1.00"), ("90", "1.50")],
    ids=["under-a-quarter", "quarter", "59-rounds-down", "hour", "hour-and-a-half"],
)
def test_ancc_contact_hours_round_down_to_quarters(minutes: str, expected: str) -> None:
    assert attend(ANCC, session=minutes, checks=0).credit == Decimal(expected)


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [("14", "0.00"), ("15", "0.25"), ("44", "0.50"), ("45", "0.75"), ("60", "1.00")],
    ids=["14-under-minimum", "15-minimum", "44-rounds-down", "45", "60"],
)
def test_ama_category_1_counts_quarter_credits_from_fifteen_minutes(
    minutes: str, expected: str
) -> None:
    assert attend(AMA, session=minutes, checks=0).credit == Decimal(expected)


def test_ama_explains_the_arithmetic() -> None:
    decision = attend(AMA, session=44, checks=0)
    assert decision.reasons[-1] == (
        "44 minutes ÷ 60 = 0.733, rounded down to a multiple of 0.25 → 0.50 "
        "AMA PRA Category 1 Credit\N{TRADE MARK SIGN}."
    )


@pytest.mark.parametrize("code", sorted(SHIPPED_RULES))
def test_minutes_attended_beyond_the_session_are_not_counted(code: str) -> None:
    rule = SHIPPED_RULES[code]
    longer = attend(rule, session=60, attended=90, score=100)
    assert longer.credit == attend(rule, session=60, score=100).credit
    assert longer.credited_minutes <= 60
    assert any("counting 60" in r for r in longer.reasons)


@pytest.mark.parametrize("code", sorted(SHIPPED_RULES))
def test_every_shipped_rule_cites_its_source(code: str) -> None:
    rule = SHIPPED_RULES[code]
    assert rule.code == code
    assert len(rule.notes) > 80
