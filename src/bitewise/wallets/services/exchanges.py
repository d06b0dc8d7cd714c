"""Delivering a credential to a learner's wallet through a VC-API exchange with DID
Authentication, as the Learner Credential Wallet does.

https://w3c-ccg.github.io/vc-api/#exchanges ; the wallet POSTs ``{}`` to the exchange URL and
gets a Verifiable Presentation Request for DIDAuthentication
(https://w3c-ccg.github.io/vp-request-spec/#did-authentication); it POSTs a presentation
signed by its did:key with the request's challenge and this site's domain, and gets back a
presentation carrying the credential, signed again with ``credentialSubject.id`` = its DID.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.credentials.selectors import access_own_credential
from bitewise.credentials.services.binding import BindingRefused, credential_bind_holder
from bitewise.credentials.services.issuers import issuing_check
from bitewise.engines import ob3
from bitewise.wallets.models import Exchange


class ExchangeError(Exception):
    """A refused wallet request: ``status`` is the HTTP status, the message says why."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def exchange_domain() -> str:
    """The domain a DIDAuth proof must name: this site's host."""
    return urlsplit(settings.SITE_URL).netloc


@transaction.atomic
def exchange_create(*, learner: User, credential_id: UUID) -> Exchange:
    """Start a claim of one of ``learner``'s credentials; the exchange URL is its capability."""
    credential = access_own_credential(credential_id=credential_id, learner=learner)
    if credential.is_revoked:
        raise ExchangeError("A revoked credential cannot be added to a wallet.")
    issuing_check()
    return Exchange.objects.create(
        credential=credential,
        learner=learner,
        challenge=secrets.token_urlsafe(32),
        expires_at=timezone.now() + timedelta(minutes=settings.BITEWISE_EXCHANGE_MINUTES),
    )


def _open(exchange_id: UUID) -> Exchange:
    exchange = Exchange.objects.filter(pk=exchange_id).first()
    if exchange is None:
        raise ExchangeError("No such exchange.", status=404)
    if exchange.state == Exchange.State.COMPLETE:
        raise ExchangeError(
            "This exchange is complete; start a new one to claim again.", status=409
        )
    if exchange.expires_at <= timezone.now():
        raise ExchangeError("This exchange has expired; start a new one.", status=410)
    return exchange


def exchange_request(*, exchange_id: UUID) -> dict[str, Any]:
    """Step 1: the DIDAuth request. Asking again returns the same challenge."""
    exchange = _open(exchange_id)
    Exchange.objects.filter(pk=exchange.pk, state=Exchange.State.PENDING).update(
        state=Exchange.State.ACTIVE
    )
    request = ob3.did_authentication_request(challenge=exchange.challenge, domain=exchange_domain())
    return {"verifiablePresentationRequest": request}


def exchange_complete(*, exchange_id: UUID, presentation: Any) -> dict[str, Any]:
    """Step 2: check the holder's presentation and deliver the credential bound to its DID.
    A presentation that does not verify changes nothing (the wallet may try again until the
    exchange expires); the exchange completes once."""
    exchange = _open(exchange_id)
    if exchange.state != Exchange.State.ACTIVE:
        raise ExchangeError("Ask for the presentation request first (POST {}).", status=409)
    if not isinstance(presentation, dict):
        raise ExchangeError("verifiablePresentation must be a JSON object.")
    result = ob3.verify_did_authentication(
        presentation, challenge=exchange.challenge, domain=exchange_domain(), now=timezone.now()
    )
    if not result.is_valid:
        raise ExchangeError(f"The presentation does not prove control of a DID: {result.reason}")
    holder = ob3.holder_of(presentation)
    assert holder is not None  # verified above
    with transaction.atomic():
        now = timezone.now()
        claimed = Exchange.objects.filter(
            pk=exchange.pk, state=Exchange.State.ACTIVE, expires_at__gt=now
        ).update(state=Exchange.State.COMPLETE, holder_did=holder, completed_at=now)
        if claimed != 1:
            raise ExchangeError("This exchange was completed or expired meanwhile.", status=409)
        try:
            credential = credential_bind_holder(
                credential_id=exchange.credential_id, learner=exchange.learner, holder_did=holder
            )
        except BindingRefused as refused:
            raise ExchangeError(str(refused), status=409) from refused
    return {"verifiablePresentation": ob3.presentation_of([credential.document], holder=holder)}
