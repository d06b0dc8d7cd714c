"""Event handlers owned by learning."""

from __future__ import annotations

import logging
from typing import Any

from bitewise.learning.data import CredentialEarned
from bitewise.learning.models import Award

logger = logging.getLogger(__name__)


class CredentialNotIssued(Exception):
    """The badge email waits for the credential; raising releases the event for a retry."""


def log_credential_earned(payload: dict[str, Any]) -> None:
    earned = CredentialEarned.from_payload(payload)
    logger.info(
        "credential earned",
        extra={
            "award_id": earned.award_id,
            "learner_id": earned.learner_id,
            "kind": earned.kind,
            "achievement": earned.achievement_slug,
        },
    )


def email_on_earned(payload: dict[str, Any]) -> None:
    """Plan the email with the badge link, once per award. Listed after the credentials
    app's issuer in ``BITEWISE_EVENT_HANDLERS``, so the credential exists by now."""
    from bitewise.learning.services.award_email import award_email_plan

    earned = CredentialEarned.from_payload(payload)
    if not Award.objects.filter(pk=earned.award_id, credential__isnull=False).exists():
        raise CredentialNotIssued(f"award {earned.award_id} has no credential yet")
    award_email_plan(award_id=earned.award_id)
