"""Revocation and pathway review flags; services/status_lists.py publishes revocations."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.published import status_list_changed


class RevocationError(Exception):
    pass


def can_manage(*, user: User, credential: IssuedCredential) -> bool:
    """Staff of the credential's issuer (or a superuser) may revoke it."""
    if not user.is_authenticated or not user.is_staff:
        return False
    return user.is_superuser or credential.issuer.staff.filter(pk=user.pk).exists()


@transaction.atomic
def credential_revoke(*, credential: IssuedCredential, by: User, reason: str) -> IssuedCredential:
    """Revoke at once: the status list is derived from revoked rows, so the next fetch of
    the list shows it. Pathway credentials built on this one are flagged for review."""
    reason = reason.strip()
    if not reason:
        raise RevocationError("Give a reason for the revocation.")
    if not can_manage(user=by, credential=credential):
        raise RevocationError("Only staff of this credential's issuer can revoke it.")
    if credential.is_revoked:
        raise RevocationError("This credential is already revoked.")
    IssuedCredential.objects.filter(pk=credential.pk).update(
        revoked_at=timezone.now(), revoked_reason=reason[:500], revoked_by=by
    )
    status_list_changed(status_list_id=credential.status_list_id)
    credential.refresh_from_db()
    micro_credential = credential.award.micro_credential
    if micro_credential is not None:
        slug = micro_credential.slug
        pathway_credentials = IssuedCredential.objects.filter(
            learner=credential.learner, award__pathway__isnull=False, revoked_at=None
        ).select_related("award")
        flagged = [
            pc.pk
            for pc in pathway_credentials
            if any(c["slug"] == slug for c in pc.award.snapshot.get("components", []))
        ]
        IssuedCredential.objects.filter(pk__in=flagged).update(
            needs_review=True, review_reason=f"Component “{credential.title}” was revoked"
        )
    return credential
