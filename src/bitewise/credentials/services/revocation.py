"""Revocation and reinstatement (audited) and pathway review flags;
services/status_lists.py publishes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.common.events import event_record
from bitewise.credentials.models import CredentialStatusChange, IssuedCredential
from bitewise.credentials.services.published import status_list_changed
from bitewise.learning.cache import learner_changed

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
    status_list_changed(status_list_id=credential.status_list_id)
    learner_changed([credential.learner_id])  # their progress page shows the badge's status
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
