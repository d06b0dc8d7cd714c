"""Revocation, pathway review flags, and the signed status list that publishes them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.credentials.models import IssuedCredential, StatusList
from bitewise.credentials.services.issuers import engine_key, signing_key_active
from bitewise.credentials.urls_abs import status_list_url
from bitewise.engines import ob3


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


def revoked_indexes(status_list: StatusList) -> list[int]:
    return list(
        status_list.entries.filter(revoked_at__isnull=False).values_list("status_index", flat=True)
    )


def status_list_credential(*, status_list: StatusList) -> dict[str, Any]:
    """The signed BitstringStatusListCredential for one list, as it stands now.
    https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential"""
    bits = ob3.StatusList(bits=bytearray(status_list.length // 8))
    for index in revoked_indexes(status_list):
        bits.set(index, True)
    issuer = status_list.issuer
    now = timezone.now().replace(microsecond=0)
    document = ob3.build_status_list_credential(
        credential_id=status_list_url(status_list.pk),
        issuer=issuer.did,
        status_list=bits,
        valid_from=status_list.created_at.replace(microsecond=0),
        purpose=status_list.purpose,
    )
    return ob3.sign_credential(document, engine_key(signing_key_active(issuer=issuer)), created=now)
