"""Our RS256 tool keys: made, rotated, published as a JWKS (RFC 7517), the private half
encrypted at rest like the issuers' signing keys."""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import transaction
from django.utils import timezone
from jwcrypto.jwk import JWK

from bitewise.credentials import keystore
from bitewise.integrations.models import LtiToolKey

KEY_BITS = 2048


@transaction.atomic
def lti_tool_key_create() -> LtiToolKey:
    """A new key pair; from now on it signs (the older ones stay published until retired)."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    jwk = JWK.from_pem(pem)  # kid: the RFC 7638 thumbprint, as pylti1p3 computes it
    public = json.loads(jwk.export_public())
    public.update({"alg": "RS256", "use": "sig"})
    return LtiToolKey.objects.create(
        kid=public["kid"], private_key=keystore.encrypt_seed(pem), public_jwk=public
    )


@transaction.atomic
def lti_tool_key_retire(*, key: LtiToolKey) -> LtiToolKey:
    """Stop publishing a key (after platforms have fetched its successor)."""
    if key.is_active:
        key.is_active = False
        key.retired_at = timezone.now()
        key.save(update_fields=["is_active", "retired_at"])
    return key


def signing_key() -> LtiToolKey:
    """The newest active key, made on first use."""
    key = LtiToolKey.objects.filter(is_active=True).first()
    return key if key is not None else lti_tool_key_create()


def private_pem(key: LtiToolKey) -> str:
    return keystore.decrypt_seed(key.private_key).decode()


def public_pem(key: LtiToolKey) -> str:
    pem: bytes = JWK(**key.public_jwk).export_to_pem()
    return pem.decode()


def tool_jwks() -> dict[str, Any]:
    """Every active public key: what platforms fetch from /lti/jwks."""
    if not LtiToolKey.objects.filter(is_active=True).exists():
        signing_key()
    return {"keys": [k.public_jwk for k in LtiToolKey.objects.filter(is_active=True)]}
