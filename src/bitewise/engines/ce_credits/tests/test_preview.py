"""What staff see before publishing: every rule's award for a learner who does everything."""

from __future__ import annotations

from decimal import Decimal

from bitewise.engines.ce_credits import SHIPPED_RULES, checks_needed, preview, preview_all

NASBA = SHIPPED_RULES["nasba-group-internet"]
NANO = SHIPPED_RULES["nasba-nano"]


def test_preview_all_shows_every_shipped_rule_for_a_fifteen_minute_webinar() -> None:
    table = preview_all(session_minutes=[Decimal(15)], checks_planned=1, has_assessment=True)
    credits = {row.rule_code: str(row.credit) for row in table}
    assert credits == {
        "nasba-group-internet": "0.0",
        "nasba-nano": "0.2",
        "iacet-ceu": "0.0",
        "ancc-contact-hours": "0.25",
        "ama-pra-1": "0.25",
        "custom": "0.25",
    }


def test_preview_suggests_a_series_when_one_session_is_too_short() -> None:
    row = preview(NASBA, session_minutes=[Decimal(15)], checks_planned=1, has_assessment=False)
    assert row.reasons[-1] == (
        "Put it in a series of at least 50 minutes in all; "
        "nasba-group-internet adds up the minutes of a series."
    )


def test_preview_of_a_series_credits_the_total() -> None:
    row = preview(NASBA, session_minutes=[Decimal(15)] * 4, checks_planned=1, has_assessment=False)
    assert row.credit == Decimal("1.2")
    assert row.eligible


def test_preview_asks_for_enough_attendance_checks() -> None:
    row = preview(NASBA, session_minutes=[Decimal(60)], checks_planned=3, has_assessment=False)
    assert row.credit == Decimal("1.0")
    assert row.reasons[-1] == (
        "Plan at least 4 attendance checks in all to vouch for the full 1.2 CPE credit."
    )


def test_preview_asks_for_an_assessment_where_the_rule_needs_one() -> None:
    row = preview(NANO, session_minutes=[Decimal(12)], checks_planned=0, has_assessment=False)
    assert row.credit == 0
    assert row.reasons[-1] == "Add an assessment (pass mark 70%)."


def test_checks_needed_rounds_up_to_whole_checks() -> None:
    assert checks_needed(NASBA, [Decimal(60)]) == 4
    assert checks_needed(NASBA, [Decimal(50)]) == 3
    assert checks_needed(NASBA, [Decimal(15)]) == 0
    assert checks_needed(NANO, [Decimal(12)]) == 0
