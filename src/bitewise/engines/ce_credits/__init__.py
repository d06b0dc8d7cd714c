"""Continuing-education credit arithmetic, with each accrediting body's rule kept as data.

Framework-free: decimals, minutes and counts in; a credit and the plain-English reasons out.
"""

from __future__ import annotations

from bitewise.engines.ce_credits.audit import audit_record
from bitewise.engines.ce_credits.compute import (
    CreditDecision,
    compute_credit,
    compute_series_credit,
    max_credit,
    max_series_credit,
)
from bitewise.engines.ce_credits.evidence import LearnerEvidence, SessionFacts
from bitewise.engines.ce_credits.preview import checks_needed, preview, preview_all
from bitewise.engines.ce_credits.rules import CreditRule, Rounding, rule_from_dict
from bitewise.engines.ce_credits.shipped import SHIPPED_RULES

__all__ = [
    "SHIPPED_RULES",
    "CreditDecision",
    "CreditRule",
    "LearnerEvidence",
    "Rounding",
    "SessionFacts",
    "audit_record",
    "checks_needed",
    "compute_credit",
    "compute_series_credit",
    "max_credit",
    "max_series_credit",
    "preview",
    "preview_all",
    "rule_from_dict",
]
