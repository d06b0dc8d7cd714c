"""A learner's whole record as one signed CLR 2.0 ClrCredential."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.issuers import (
    engine_key,
    issuer_default,
    issuer_profile,
    signing_key_active,
)
from bitewise.engines import ob3


def _pathway_parts(held: list[IssuedCredential]) -> list[tuple[str, str]]:
    """(pathway achievement id, component achievement id) for each pathway held: the
    components it was earned with (its award's snapshot), as the record names them."""
    by_slug: dict[str, str] = {}
    for credential in held:
        award = credential.award
        if award is not None and award.micro_credential_id:
            by_slug[award.snapshot["slug"]] = _achievement_id(credential.document)
    parts = []
    for credential in held:
        award = credential.award
        if award is not None and award.pathway_id:
            whole = _achievement_id(credential.document)
            for component in award.snapshot.get("components", []):
                if component.get("slug") in by_slug:
                    parts.append((whole, by_slug[component["slug"]]))
    return parts


def _achievement_id(document: dict[str, Any]) -> str:
    return str(document.get("credentialSubject", {}).get("achievement", {}).get("id"))


def learner_record(*, learner: User) -> dict[str, Any]:
    """https://www.imsglobal.org/spec/clr/v2p0/ — embeds each unrevoked badge with its own
    proof, and is signed by the site's issuer."""
    held = list(
        IssuedCredential.objects.filter(learner=learner, revoked_at=None)
        .select_related("award")
        .order_by("issued_at")
    )
    credentials = [c.document for c in held]
    issuer = issuer_default()
    now = timezone.now().replace(microsecond=0)
    document = ob3.build_clr_credential(
        credentials,
        ob3.Recipient(email=learner.email, salt=ob3.new_salt(), id=learner.did or None),
        issuer=issuer_profile(issuer),
        credential_id=f"urn:uuid:{uuid.uuid4()}",
        valid_from=now,
        name=f"Learner record from {issuer.name}",
        parts=_pathway_parts(held),
    )
    return ob3.sign_credential(document, engine_key(signing_key_active(issuer=issuer)), created=now)
