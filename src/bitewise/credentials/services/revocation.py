"""Revocation and reinstatement (audited), pathway review flags, and the signed status list
that publishes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.common.events import event_record
from bitewise.credentials.models import CredentialStatusChange, IssuedCredential, StatusList
from bitewise.credentials.services.issuers import engine_key, signing_key_active
from bitewise.credentials.urls_abs import status_list_url
from bitewise.engines import ob3

# Recorded in the same transaction as every revocation and reinstatement; the CE transcript
# (webinars) follows it, see settings.BITEWISE_EVENT_HANDLERS.
CREDENTIAL_STATUS_CHANGED = "credential_status_changed"
Action = CredentialStatusChange.Action


class RevocationError(Exception):
    pass


def can_manage(*, user: User, credential: IssuedCredential) -> bool:
    """Staff of the credential's issuer (or a superuser) may revoke or reinstate it; a CE
    credit's credential also any admin, who manage CE credit with the webinars."""
    if not user.is_authenticated or not user.is_staff:
        return False
    if user.is_superuser or credential.issuer.staff.filter(pk=user.pk).exists():
        return True
    return credential.ce_credit_id is not None and user.is_staff_admin


def _checked(credential: IssuedCredential, by: User, reason: str, *, verb: str) -> str:
    """The reason, trimmed, once the request is allowed; ``verb`` is "revoke" or "reinstate"."""
    reason = reason.strip()
    if not reason:
        raise RevocationError(f"Give a reason to {verb} it.")
    if not can_manage(user=by, credential=credential):
        raise RevocationError(f"Only staff of this credential's issuer can {verb} it.")
    return reason[:500]


@transaction.atomic
def credential_revoke(*, credential: IssuedCredential, by: User, reason: str) -> IssuedCredential:
    """Revoke at once: the status list is derived from revoked rows, so the next fetch of
    the list shows it. Pathway credentials built on this one are flagged for review; the
    CE transcript stops counting it (its own rule reads the credential) and the CE record
    follows the ``credential_status_changed`` event."""
    reason = _checked(credential, by, reason, verb="revoke")
    now = timezone.now()
    changed = IssuedCredential.objects.filter(pk=credential.pk, revoked_at=None).update(
        revoked_at=now, revoked_reason=reason, revoked_by=by
    )
    if not changed:
        raise RevocationError("This credential is already revoked.")
    credential.refresh_from_db()
    status_change_record(credential, action=Action.REVOKED, reason=reason, by=by, at=now)
    if credential.award is not None and credential.award.micro_credential_id is not None:
        IssuedCredential.objects.filter(pk__in=_pathways_built_on(credential)).update(
            needs_review=True, review_reason=_review_note(credential)
        )
    return credential


@transaction.atomic
def credential_reinstate(
    *, credential: IssuedCredential, by: User, reason: str
) -> IssuedCredential:
    """Undo a revocation (it was a mistake, or the learner's appeal succeeded): the status
    bit clears, the credential counts again everywhere, and a pathway credential flagged only
    because of this one is cleared. A pathway credential that staff revoked stays revoked."""
    reason = _checked(credential, by, reason, verb="reinstate")
    now = timezone.now()
    changed = (
        IssuedCredential.objects.filter(pk=credential.pk)
        .exclude(revoked_at=None)
        .update(revoked_at=None, revoked_reason="", revoked_by=None)
    )
    if not changed:
        raise RevocationError("This credential is not revoked.")
    credential.refresh_from_db()
    status_change_record(credential, action=Action.REINSTATED, reason=reason, by=by, at=now)
    if credential.award is not None and credential.award.micro_credential_id is not None:
        note = f"{_review_note(credential)}; reinstated on {now:%Y-%m-%d}: {reason}"
        IssuedCredential.objects.filter(
            pk__in=_pathways_built_on(credential, revoked_too=False),
            needs_review=True,
            review_reason=_review_note(credential),
        ).update(needs_review=False, review_reason=note[:500])
    return credential


def status_change_record(
    credential: IssuedCredential, *, action: str, reason: str, by: User | None, at: datetime
) -> None:
    """The audit record and the event, in the caller's transaction. Every change of a
    credential's status bit passes here (``by`` is None for a change no person made)."""
    change = CredentialStatusChange.objects.create(
        credential=credential, action=action, reason=reason, by=by, at=at
    )
    event_record(
        name=CREDENTIAL_STATUS_CHANGED,
        key=f"{CREDENTIAL_STATUS_CHANGED}:{change.pk}",
        payload={
            "credential_id": str(credential.pk),
            "ce_credit_id": str(credential.ce_credit_id) if credential.ce_credit_id else None,
            "award_id": credential.award_id,
            "action": action,
        },
    )


def _review_note(credential: IssuedCredential) -> str:
    return f"Component “{credential.title}” was revoked"


def _pathways_built_on(credential: IssuedCredential, *, revoked_too: bool = False) -> list[Any]:
    """The learner's pathway credentials whose award counted this micro-credential."""
    assert credential.award is not None and credential.award.micro_credential is not None
    slug = credential.award.micro_credential.slug
    pathway_credentials = IssuedCredential.objects.filter(
        learner=credential.learner, award__pathway__isnull=False
    ).select_related("award")
    if not revoked_too:
        pathway_credentials = pathway_credentials.filter(revoked_at=None)
    return [
        pc.pk
        for pc in pathway_credentials
        if pc.award is not None
        and any(c["slug"] == slug for c in pc.award.snapshot.get("components", []))
    ]


def credential_status_history(*, credential: IssuedCredential) -> list[CredentialStatusChange]:
    return list(credential.status_changes.select_related("by"))


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
