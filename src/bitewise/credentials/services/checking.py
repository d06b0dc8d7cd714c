"""The public page's verification, kept until something it depends on changes.

A stored result stands while its basis holds: the status list's version (bumped by
``status_list_changed``), the issuer's ``checks_version`` (``credential_checks_forget``, on a
key rotation), the issuer's DID (the site URL), the credential's own revocation and proofs,
and the clock: it is made again once validFrom, validUntil or a proof's expiry passes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.sharing import credential_verify_live
from bitewise.engines import ob3


@dataclass(frozen=True)
class CredentialCheck:
    result: ob3.VerificationResult
    checked_at: datetime


def credential_check(credential: IssuedCredential) -> CredentialCheck:
    """The stored verification while its basis holds, else a new one (stored for the next
    view). Load the credential with its issuer and status list (``select_related``)."""
    now = timezone.now()
    basis = _basis(credential)
    stored = credential.check_result
    if (
        isinstance(stored, dict)
        and stored.get("basis") == basis
        and credential.checked_at is not None
        and (stored.get("recheck_at") is None or now < datetime.fromisoformat(stored["recheck_at"]))
    ):
        return CredentialCheck(_result(stored), credential.checked_at)
    result = credential_verify_live(credential)
    recheck_at = ob3.validity_changes_after(credential.document, now)
    stored = {
        "basis": basis,
        "recheck_at": recheck_at.isoformat() if recheck_at else None,
        "checks": [
            {"name": c.name, "ok": c.ok, "checked": c.checked, "reason": c.reason}
            for c in result.checks
        ],
    }
    # A revocation committed while this ran has changed the basis: the next view checks again.
    IssuedCredential.objects.filter(pk=credential.pk).update(checked_at=now, check_result=stored)
    return CredentialCheck(result, now)


def _basis(credential: IssuedCredential) -> str:
    proofs = ob3.proof_values(credential.document)
    return ":".join(
        [
            str(credential.status_list.version),
            str(credential.issuer.checks_version),
            credential.issuer.did,
            credential.revoked_at.isoformat() if credential.revoked_at else "-",
            hashlib.sha256("|".join(proofs).encode()).hexdigest()[:16],
        ]
    )


def _result(stored: dict[str, Any]) -> ob3.VerificationResult:
    return ob3.VerificationResult(
        tuple(
            ob3.Check(c["name"], c["ok"], c["reason"], c.get("checked", True))
            for c in stored["checks"]
        )
    )
