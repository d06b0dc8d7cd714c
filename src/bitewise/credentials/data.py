"""Values other apps hand to the credentials app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class CeCredit:
    """One learner's continuing-education credit for an activity (a micro-webinar, its
    recording or a series), as its Open Badges 3.0 credential states it.

    ``id`` is the CE credit's own id (the key to issue exactly once); ``activity_url`` names
    the activity (the achievement's id), ``image_url`` its badge image and
    ``certificate_url`` the PDF certificate's page."""

    id: UUID
    learner_id: int
    title: str
    description: str
    activity_url: str
    image_url: str
    activity_end: datetime
    awarded_at: datetime
    credit: Decimal
    credits_available: Decimal
    unit: str
    body: str
    program_code: str
    program_name: str
    rule_version: int
    credit_type: str = ""
    delivery_method: str = ""
    sponsor_id: str = ""
    approver_statement: str = ""
    criteria: str = ""
    evidence: str = ""
    certificate_url: str = ""
    # Credit already withdrawn: its credential is issued revoked, with this reason.
    revoked_at: datetime | None = None
    revoked_reason: str = ""
