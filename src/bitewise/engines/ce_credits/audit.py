"""The evidence an award keeps, as JSON-ready data, so an auditor can redo the arithmetic."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bitewise.engines.ce_credits.compute import CreditDecision
from bitewise.engines.ce_credits.evidence import LearnerEvidence, SessionFacts
from bitewise.engines.ce_credits.rules import CreditRule


def audit_record(
    *,
    rule: CreditRule,
    sessions: Sequence[SessionFacts],
    evidence: Sequence[LearnerEvidence],
    decision: CreditDecision,
) -> dict[str, Any]:
    """Rule snapshot (with its version), per-session evidence and the decision with reasons.

    Decimals are strings and datetimes ISO 8601, so the record survives a JSON column intact.
    """
    if (rule.code, rule.version) != (decision.rule_code, decision.rule_version):
        raise ValueError("decision: was made under a different rule or version")
    if len(sessions) != len(evidence):
        raise ValueError("evidence: need one entry per session")
    return {
        "rule": rule.to_dict(),
        "sessions": [
            {
                "minutes": str(session.minutes),
                "checks_shown": session.checks_shown,
                "attended_minutes": str(seen.attended_minutes),
                "intervals": [
                    [start.isoformat(), end.isoformat()] for start, end in seen.intervals
                ],
                "checks_answered": seen.checks_answered,
                "check_answers": list(seen.check_answers),
                "assessment_score": (
                    None if seen.assessment_score is None else str(seen.assessment_score)
                ),
            }
            for session, seen in zip(sessions, evidence, strict=True)
        ],
        "decision": {
            "credit": str(decision.credit),
            "unit": decision.unit,
            "credited_minutes": str(decision.credited_minutes),
            "eligible": decision.eligible,
            "reasons": list(decision.reasons),
        },
    }
