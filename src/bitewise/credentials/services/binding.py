"""Holder binding: a learner's credential signed again naming their wallet's DID."""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.issuing import Signer
from bitewise.engines import ob3


class BindingRefused(Exception):
    """The credential cannot be claimed; the message says why."""


@transaction.atomic
def credential_bind_holder(
    *, credential_id: UUID, learner: User, holder_did: str
) -> IssuedCredential:
    """Sign ``learner``'s credential again with ``credentialSubject.id`` = ``holder_did`` (the
    DID their wallet proved control of), same id and status entry, so the copy in the wallet
    is bound to its holder (https://www.w3.org/TR/vc-data-model-2.0/#credential-subject) and a
    revocation still reaches it. Earlier copies keep verifying: their key stays published."""
    credential = (
        IssuedCredential.objects.select_for_update()
        .select_related("issuer")
        .filter(pk=credential_id, learner=learner)
        .first()
    )
    if credential is None:
        raise BindingRefused("No such credential.")
    if credential.is_revoked:
        raise BindingRefused("A revoked credential cannot be added to a wallet.")
    if not holder_did.startswith("did:"):
        raise BindingRefused("The holder is not a DID.")
    subject = credential.document.get("credentialSubject", {})
    if subject.get("id") == holder_did:
        return credential  # claimed into the same wallet again
    signer = Signer.of(credential.issuer)
    unsigned = {name: value for name, value in credential.document.items() if name != "proof"}
    unsigned["credentialSubject"] = {**subject, "id": holder_did}
    credential.document = ob3.sign_credential(
        unsigned, signer.key, created=timezone.now().replace(microsecond=0)
    )
    credential.signing_key = signer.signing_key
    credential.save(update_fields=["document", "signing_key"])
    return credential
