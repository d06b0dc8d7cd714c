"""Rules as data: they round-trip through JSON and bad data is refused by field name."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from bitewise.engines.ce_credits import SHIPPED_RULES, CreditRule, Rounding, rule_from_dict
from bitewise.engines.ce_credits.tests.factories import attend


@pytest.mark.parametrize("code", sorted(SHIPPED_RULES))
def test_a_shipped_rule_survives_a_json_round_trip(code: str) -> None:
    rule = SHIPPED_RULES[code]
    stored = json.loads(json.dumps(rule.to_dict()))
    assert rule_from_dict(stored) == rule


def test_to_dict_writes_decimals_as_strings() -> None:
    data = SHIPPED_RULES["nasba-group-internet"].to_dict()
    assert data["increment"] == "0.2"
    assert data["rounding"] == "down"
    assert data["fixed_credit"] is None


def custom(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "state-bar-cle",
        "version": 2,
        "body": "State Bar",
        "unit": "CLE hour",
        "minutes_per_credit": 60,
        "increment": "0.5",
        "minimum_minutes": "30",
        "required_share": "0.8",
    }
    data.update(changes)
    return data


def test_staff_can_build_a_custom_rule_from_a_dict() -> None:
    rule = rule_from_dict(custom())
    assert rule.minutes_per_credit == Decimal(60)
    assert rule.rounding is Rounding.DOWN
    assert rule.allows_series_bundling


@pytest.mark.parametrize(
    ("attended", "expected"),
    [("48", "0.5"), ("47.9", "0.0"), ("60", "1.0")],
    ids=["exactly-the-minimum-share", "just-under-the-share", "all"],
)
def test_a_custom_rule_needs_its_share_of_the_session(attended: str, expected: str) -> None:
    rule = rule_from_dict(custom())
    assert attend(rule, session=60, attended=attended, checks=0).credit == Decimal(expected)


def test_a_custom_rule_explains_a_missed_share() -> None:
    decision = attend(rule_from_dict(custom()), session=60, attended=40, checks=0)
    assert any("at least 80% of the session (48 minutes)" in r for r in decision.reasons)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minimum_minutes": "-5"}, "minimum_minutes"),
        ({"minutes_per_credit": 0}, "minutes_per_credit"),
        ({"increment": "0"}, "increment"),
        ({"increment": 0.25}, "increment"),
        ({"increment": "a quarter"}, "increment"),
        ({"increment": "NaN"}, "increment"),
        ({"increment": True}, "increment"),
        ({"colour": "blue"}, "colour"),
        ({"version": 0}, "version"),
        ({"version": "2"}, "version"),
        ({"code": " "}, "code"),
        ({"rounding": "up"}, "rounding"),
        ({"required_share": "1.5"}, "required_share"),
        ({"fixed_credit": "0.3"}, "fixed_credit"),
        ({"min_session_minutes": 20, "session_under_minutes": 20}, "session_under_minutes"),
        ({"attendance_checks_per_credit": -1}, "attendance_checks_per_credit"),
        ({"assessment_pass_percent": 101}, "assessment_pass_percent"),
        ({"requires_assessment": "yes"}, "requires_assessment"),
        ({"notes": None}, "notes"),
    ],
    ids=[
        "negative-minimum",
        "zero-minutes-per-credit",
        "zero-increment",
        "float-increment",
        "word-increment",
        "nan-increment",
        "bool-increment",
        "unknown-field",
        "version-zero",
        "version-as-text",
        "blank-code",
        "unknown-rounding",
        "share-over-one",
        "fixed-credit-off-increment",
        "empty-session-window",
        "negative-checks",
        "pass-mark-over-100",
        "yes-is-not-a-boolean",
        "notes-not-text",
    ],
)
def test_bad_rule_data_is_refused_naming_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValueError, match=field):
        rule_from_dict(custom(**changes))


def test_a_rule_without_its_required_fields_is_refused() -> None:
    data = custom()
    del data["increment"], data["unit"]
    with pytest.raises(ValueError, match=r"missing field\(s\): increment, unit"):
        rule_from_dict(data)


def test_the_constructor_checks_types_too() -> None:
    with pytest.raises(ValueError, match="increment"):
        CreditRule(
            code="x",
            version=1,
            body="X",
            unit="hour",
            minutes_per_credit=Decimal(60),
            increment=0.25,  # type: ignore[arg-type]
        )
