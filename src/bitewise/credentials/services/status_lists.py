"""The published BitstringStatusListCredential of each list, signed once per change.

https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from bitewise.credentials.models import StatusList
from bitewise.credentials.services.issuers import engine_key, signing_key_active
from bitewise.credentials.urls_abs import status_list_url
from bitewise.engines import ob3


def revoked_indexes(status_list: StatusList) -> list[int]:
    return list(
        status_list.entries.filter(revoked_at__isnull=False).values_list("status_index", flat=True)
    )


def status_list_credential(*, status_list: StatusList) -> dict[str, Any]:
    """The signed list as it stands: the one stored for the list's current version, or a
    newly signed one, stored unless the list changed meanwhile (then the next fetch signs
    the newer state)."""
    version = status_list.version
    stored = status_list.signed_document
    if (
        isinstance(stored, dict)
        and status_list.signed_version == version
        # a changed site URL moves the list and its issuer's DID: sign under the new ones
        and stored.get("id") == status_list_url(status_list.pk)
        and stored.get("issuer") == status_list.issuer.did
    ):
        return stored
    signed = status_list_sign(status_list=status_list)
    StatusList.objects.filter(pk=status_list.pk, version=version).update(
        signed_document=signed, signed_version=version
    )
    return signed


def status_list_sign(*, status_list: StatusList) -> dict[str, Any]:
    """The list signed now with the issuer's current key, from the revoked entries."""
    bits = ob3.StatusList(bits=bytearray(status_list.length // 8))
    for index in revoked_indexes(status_list):
        bits.set(index, True)
    issuer = status_list.issuer
    document = ob3.build_status_list_credential(
        credential_id=status_list_url(status_list.pk),
        issuer=issuer.did,
        status_list=bits,
        valid_from=status_list.created_at.replace(microsecond=0),
        purpose=status_list.purpose,
    )
    key = engine_key(signing_key_active(issuer=issuer))
    return ob3.sign_credential(document, key, created=timezone.now().replace(microsecond=0))
