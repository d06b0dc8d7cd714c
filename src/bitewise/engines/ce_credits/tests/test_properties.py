"""Properties over random rules and evidence: credit stays within what the minutes allow."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from bitewise.engines.ce_credits import (
    CreditRule,
    LearnerEvidence,
    Rounding,
    SessionFacts,
    checks_needed,
    compute_credit,
    compute_series_credit,
    max_credit,
    max_series_credit,
    preview,
    rule_from_dict,
)

# Keep Hypothesis' scratch files out of the working tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "bitewise-hypothesis")

TENTHS = st.integers(min_value=1, max_value=2400).map(lambda n: Decimal(n) / 10)


@st.composite
def rules(draw: st.DrawFn) -> CreditRule:
    increment = Decimal(draw(st.sampled_from(["0.01", "0.1", "0.2", "0.25", "0.5", "1"])))
    low = Decimal(draw(st.integers(min_value=0, max_value=120))) / 2
    under = draw(st.none() | st.integers(min_value=1, max_value=240).map(lambda n: low + n))
    fixed = draw(st.none() | st.integers(min_value=1, max_value=5).map(lambda n: n * increment))
    return CreditRule(
        code="property",
        version=draw(st.integers(min_value=1, max_value=9)),
        body="Property",
        unit="credit",
        minutes_per_credit=Decimal(draw(st.integers(min_value=1, max_value=600))),
        increment=increment,
        rounding=draw(st.sampled_from(Rounding)),
        minimum_minutes=Decimal(draw(st.integers(min_value=0, max_value=120))),
        fixed_credit=fixed,
        min_session_minutes=low,
        session_under_minutes=under,
        required_share=Decimal(draw(st.integers(min_value=0, max_value=20))) / 20,
        attendance_checks_per_credit=draw(st.integers(min_value=0, max_value=5)),
        report_alone_is_evidence=draw(st.booleans()),
        requires_assessment=draw(st.booleans()),
        assessment_pass_percent=Decimal(draw(st.integers(min_value=0, max_value=100))),
        allows_series_bundling=draw(st.booleans()),
    )


@st.composite
def attendance(draw: st.DrawFn) -> tuple[SessionFacts, LearnerEvidence]:
    minutes = draw(TENTHS)
    shown = draw(st.integers(min_value=0, max_value=12))
    score = draw(st.none() | st.integers(min_value=0, max_value=100).map(Decimal))
    return SessionFacts(minutes=minutes, checks_shown=shown), LearnerEvidence(
        attended_minutes=draw(
            st.integers(min_value=0, max_value=4800).map(lambda n: Decimal(n) / 10)
        ),
        checks_answered=draw(st.integers(min_value=0, max_value=shown)),
        assessment_score=score,
    )


@settings(max_examples=400, deadline=None)
@given(rule=rules(), series=st.lists(attendance(), min_size=1, max_size=5))
def test_credit_never_exceeds_the_most_the_minutes_allow(
    rule: CreditRule, series: list[tuple[SessionFacts, LearnerEvidence]]
) -> None:
    sessions = [session for session, _ in series]
    decision = compute_series_credit(
        rule, sessions=sessions, evidence=[evidence for _, evidence in series]
    )
    most = max_series_credit(rule, [session.minutes for session in sessions])
    assert 0 <= decision.credit <= most
    assert decision.credit % rule.increment == 0
    assert decision.eligible is (decision.credit > 0)
    assert decision.credited_minutes <= sum(session.minutes for session in sessions)
    assert decision.reasons


@settings(max_examples=300, deadline=None)
@given(rule=rules(), one=attendance(), extra=TENTHS)
def test_attending_longer_never_lowers_credit(
    rule: CreditRule, one: tuple[SessionFacts, LearnerEvidence], extra: Decimal
) -> None:
    session, evidence = one
    longer = LearnerEvidence(
        attended_minutes=evidence.attended_minutes + extra,
        checks_answered=evidence.checks_answered,
        assessment_score=evidence.assessment_score,
    )
    shorter_credit = compute_credit(rule, session=session, evidence=evidence).credit
    longer_credit = compute_credit(rule, session=session, evidence=longer).credit
    assert shorter_credit <= longer_credit <= max_credit(rule, session.minutes)


@settings(max_examples=300, deadline=None)
@given(rule=rules(), minutes=TENTHS)
def test_a_preview_with_the_checks_needed_reaches_the_most_credit(
    rule: CreditRule, minutes: Decimal
) -> None:
    planned = checks_needed(rule, [minutes])
    row = preview(rule, session_minutes=[minutes], checks_planned=planned, has_assessment=True)
    assert row.credit == max_credit(rule, minutes)


@settings(max_examples=200, deadline=None)
@given(rule=rules())
def test_any_valid_rule_survives_a_json_round_trip(rule: CreditRule) -> None:
    assert rule_from_dict(json.loads(json.dumps(rule.to_dict()))) == rule
