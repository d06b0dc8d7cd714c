"""Reacts to learning's ``credential_earned`` event (see settings.BITEWISE_EVENT_HANDLERS)."""

from __future__ import annotations

from typing import Any

from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.issuing import credential_issue
from bitewise.learning.data import CredentialEarned
from bitewise.learning.models import Award


def issue_on_earned(payload: dict[str, Any]) -> None:
    earned = CredentialEarned.from_payload(payload)
    if IssuedCredential.objects.filter(award_id=earned.award_id).exists():
        return  # issued already (bulk awards sign in the same transaction)
    award = Award.objects.select_related("learner", "micro_credential", "pathway").get(
        pk=earned.award_id
    )
    credential_issue(award=award)
