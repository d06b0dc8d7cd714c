"""An award keeps its evidence: intervals, check answers, score and the rule's version."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bitewise.engines.ce_credits import (
    SHIPPED_RULES,
    LearnerEvidence,
    SessionFacts,
    audit_record,
    compute_credit,
)

NASBA = SHIPPED_RULES["nasba-group-internet"]
START = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)
BACK = datetime(2025, 3, 4, 15, 20, tzinfo=UTC)
END = datetime(2025, 3, 4, 16, 0, tzinfo=UTC)
SESSION = SessionFacts(minutes=Decimal(60), checks_shown=4)
EVIDENCE = LearnerEvidence(
    attended_minutes=Decimal("55.5"),
    checks_answered=4,
    check_answers=("b", "a", "yes", "d"),
    intervals=((START, datetime(2025, 3, 4, 15, 15, 30, tzinfo=UTC)), (BACK, END)),
)


def test_the_audit_record_keeps_everything_needed_to_redo_the_arithmetic() -> None:
    decision = compute_credit(NASBA, session=SESSION, evidence=EVIDENCE)
    record = audit_record(rule=NASBA, sessions=[SESSION], evidence=[EVIDENCE], decision=decision)
    stored = json.loads(json.dumps(record))
    assert stored["rule"]["code"] == "nasba-group-internet"
    assert stored["rule"]["version"] == 1
    assert stored["sessions"][0]["intervals"][1] == [
        "2025-03-04T15:20:00+00:00",
        "2025-03-04T16:00:00+00:00",
    ]
    assert stored["sessions"][0]["check_answers"] == ["b", "a", "yes", "d"]
    assert stored["sessions"][0]["attended_minutes"] == "55.5"
    assert stored["decision"]["credit"] == "1.0"
    assert stored["decision"]["reasons"] == list(decision.reasons)


def test_the_audit_record_refuses_a_decision_from_another_rule() -> None:
    decision = compute_credit(SHIPPED_RULES["ama-pra-1"], session=SESSION, evidence=EVIDENCE)
    with pytest.raises(ValueError, match="different rule"):
        audit_record(rule=NASBA, sessions=[SESSION], evidence=[EVIDENCE], decision=decision)
