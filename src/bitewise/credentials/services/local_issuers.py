"""This site's issuers as a verifier sees them: their keys and status lists, read from the
database (see verification.LocalIssuers)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django.db import DatabaseError

from bitewise.credentials.models import Issuer, RsaSigningKey, SigningKey, StatusList
from bitewise.credentials.services.status_lists import status_list_credential
from bitewise.credentials.urls_abs import status_list_url
from bitewise.engines import ob3
from bitewise.engines.ob3.jwk import PublicKey, public_key_from_jwk

_STATUS_PATH = re.compile(r"/credentials/status/([0-9a-f]{8}-[0-9a-f-]{27})$")


class DatabaseIssuers:
    def __init__(self) -> None:
        self._controllers: frozenset[str] | None = None

    def controllers(self) -> frozenset[str]:
        if self._controllers is None:
            self._controllers = frozenset(issuer.did for issuer in Issuer.objects.all())
        return self._controllers

    def key(self, method_id: str) -> ob3.ResolvedKey | None:
        controller, _, fragment = method_id.partition("#")
        public_key: PublicKey | None = None
        if fragment.startswith("z6Mk"):
            if SigningKey.objects.filter(public_key_multibase=fragment).exists():
                public_key = ob3.decode_multikey(fragment)
        elif fragment:
            # A JsonWebKey method (VC-JWT kid): an RSA key, or an Ed25519 key as a JWK.
            rsa = RsaSigningKey.objects.filter(
                thumbprint=fragment, purpose=RsaSigningKey.Purpose.VC_JWT
            ).first()
            if rsa is not None:
                public_key = public_key_from_jwk(rsa.public_jwk)
            else:
                ed = SigningKey.objects.filter(jwk_thumbprint=fragment).first()
                public_key = ob3.decode_multikey(ed.public_key_multibase) if ed else None
        if public_key is None:
            return None
        # A signature by this key was made here, over the document that names ``controller``
        # as the key's and (issuer binding) the credential's issuer, so the pairing is ours.
        return ob3.ResolvedKey(
            id=method_id,
            controller=controller,
            public_key=public_key,
            purposes=frozenset({"assertionMethod", "authentication"}),
        )

    def status_list(self, url: str, *, signed_here: bool) -> dict[str, Any] | None:
        match = _STATUS_PATH.search(urlsplit(url).path)
        if match is None:
            return None
        found = StatusList.objects.select_related("issuer").filter(pk=match[1]).first()
        if found is None or not (signed_here or url == status_list_url(found.pk)):
            return None
        return status_list_credential(status_list=found)


def database_issuers() -> DatabaseIssuers | None:
    """The database's issuers, or None when there is no usable database (a fresh data
    directory, an unreachable server): verifying then goes on without them."""
    try:
        Issuer.objects.exists()
    except DatabaseError:
        return None
    return DatabaseIssuers()
