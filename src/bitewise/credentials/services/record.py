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


def learner_record(*, learner: User) -> dict[str, Any]:
    """https://www.imsglobal.org/spec/clr/v2p0/ — embeds each unrevoked badge with its own
    proof, and is signed by the site's issuer."""
    credentials = [
        c.document
        for c in IssuedCredential.objects.filter(learner=learner, revoked_at=None).order_by(
            "issued_at"
        )
    ]
    issuer = issuer_default()
    now = timezone.now().replace(microsecond=0)
    document = ob3.build_clr_credential(
        credentials,
        ob3.Recipient(email=learner.email, salt=ob3.new_salt(), id=learner.did or None),
        issuer=issuer_profile(issuer),
        credential_id=f"urn:uuid:{uuid.uuid4()}",
        valid_from=now,
        name=f"Learner record from {issuer.name}",
    )
    return ob3.sign_credential(document, engine_key(signing_key_active(issuer=issuer)), created=now)
