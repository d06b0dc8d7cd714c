"""Reacts to learning's ``credential_earned`` event (see settings.BITEWISE_EVENT_HANDLERS)."""

from __future__ import annotations

import logging
from typing import Any

from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.issuers import IssuingRefused
from bitewise.credentials.services.issuing import credential_issue
from bitewise.learning.data import CredentialEarned
from bitewise.learning.models import Award

logger = logging.getLogger(__name__)


def issue_on_earned(payload: dict[str, Any]) -> None:
    """Issue the award's credential. When the site cannot issue (IssuingRefused: a site URL
    that is an IP address) the award stays without one and this raises after logging the
    reason, so the event is left unhandled: the scheduler delivers it again
    (``event_redeliver_stale``) until the site is fixed, and ``bitewise credentials
    issue-missing`` issues every waiting award at once."""
    earned = CredentialEarned.from_payload(payload)
    if IssuedCredential.objects.filter(award_id=earned.award_id).exists():
        return  # issued already (bulk awards sign in the same transaction)
    award = Award.objects.select_related("learner", "micro_credential", "pathway").get(
        pk=earned.award_id
    )
    try:
        credential_issue(award=award)
    except IssuingRefused as refused:
        logger.error("credential not issued", extra={"award_id": award.pk, "reason": str(refused)})
        raise
