"""What the public page shows: the live verification and the LinkedIn link."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.issuers import did_document
from bitewise.credentials.services.status_lists import status_list_credential
from bitewise.credentials.urls_abs import credential_url, status_list_url
from bitewise.engines import ob3
from bitewise.engines.sharing.linkedin import Certification, add_to_profile_url


def credential_verify_live(credential: IssuedCredential) -> ob3.VerificationResult:
    """Verify the stored document as a stranger would: signature against the issuer's
    published DID document, status against the list as served now, dates against now."""
    issuer = credential.issuer
    lists = {
        status_list_url(credential.status_list_id): status_list_credential(
            status_list=credential.status_list
        )
    }
    return ob3.verify_credential(
        credential.document,
        now=timezone.now(),
        key_documents={issuer.did: did_document(issuer=issuer)},
        status_lookup=ob3.status_lookup(lists),
    )


def linkedin_url(credential: IssuedCredential) -> str:
    issuer = credential.issuer
    return add_to_profile_url(
        Certification(
            name=credential.title,
            issued_on=credential.issued_at.date(),
            cert_url=credential_url(credential.pk),
            cert_id=str(credential.pk),
            organization_name=issuer.name,
            organization_id=issuer.linkedin_organization_id,
            expires_on=credential.valid_until.date() if credential.valid_until else None,
        )
    )


@transaction.atomic
def credential_set_visibility(
    *, credential: IssuedCredential, is_hidden: bool, shows_name: bool
) -> IssuedCredential:
    credential.is_hidden = is_hidden
    credential.shows_name = shows_name
    credential.save(update_fields=["is_hidden", "shows_name"])
    return credential
