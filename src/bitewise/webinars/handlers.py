"""Reactions to domain events (see settings.BITEWISE_EVENT_HANDLERS); each is idempotent."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from bitewise.webinars.services.ce_credentials import credit_award_follow, credit_credential_issue


def issue_ce_credential(payload: dict[str, Any]) -> None:
    """``ce_credit_awarded``: sign the new award's Open Badges 3.0 credential."""
    credit_credential_issue(award_id=UUID(payload["award_id"]))


def follow_credential_status(payload: dict[str, Any]) -> None:
    """``credential_status_changed``: a CE credit's credential was revoked or reinstated
    (on the credential staff pages, say); the CE record takes the same state."""
    if payload.get("ce_credit_id"):
        credit_award_follow(award_id=UUID(payload["ce_credit_id"]))
