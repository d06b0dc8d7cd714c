"""Settle a pathway credential flagged for review after one of its components was revoked."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.revocation import can_manage, credential_revoke


class ReviewError(Exception):
    """A refused review decision; the message is shown to staff."""


@transaction.atomic
def credential_review_resolve(
    *, credential: IssuedCredential, by: User, keep: bool, reason: str = ""
) -> IssuedCredential:
    """Keep the credential valid (the pathway still stands: the flag is cleared and the
    decision noted in ``review_reason``), or revoke it, which needs a reason."""
    credential = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
    if not credential.needs_review:
        raise ReviewError("This credential is not waiting for review.")
    if not can_manage(user=by, credential=credential):
        raise ReviewError("Only staff of this credential's issuer can review it.")
    if keep:
        note = f"{credential.review_reason}. Kept valid by {by.email} on {timezone.now():%Y-%m-%d}"
        note += f": {reason.strip()}" if reason.strip() else "."
        credential.review_reason = note[:500]
        credential.needs_review = False
        credential.save(update_fields=["review_reason", "needs_review"])
        return credential
    credential_revoke(credential=credential, by=by, reason=reason)
    IssuedCredential.objects.filter(pk=credential.pk).update(needs_review=False)
    credential.refresh_from_db()
    return credential
