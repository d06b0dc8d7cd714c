"""The LTI tool's RS256 keys, kept by the one RSA key management
(``credentials.services.rsa_keys``, shared with the issuers' VC-JWT keys): the current key
signs; a new key leaves the older ones published until an admin withdraws them; the JWK Set
(RFC 7517) names each key by its RFC 7638 thumbprint, as pylti1p3 does."""

from __future__ import annotations

from typing import Any

from bitewise.credentials.models import RsaSigningKey
from bitewise.credentials.services.rsa_keys import (
    engine_rsa_key,
    rsa_jwk,
    rsa_key_current,
    rsa_key_rotate,
    rsa_key_withdraw,
    rsa_keys_published,
)

LTI_TOOL = RsaSigningKey.Purpose.LTI_TOOL


def lti_tool_key_create() -> RsaSigningKey:
    """A new key pair; from now on it signs (the older ones stay published until withdrawn)."""
    return rsa_key_rotate(purpose=LTI_TOOL)


def lti_tool_key_withdraw(*, key: RsaSigningKey) -> RsaSigningKey:
    """Stop publishing a tool key (after platforms have fetched its successor)."""
    return rsa_key_withdraw(key=key)


def signing_key() -> RsaSigningKey:
    """The tool's current key, made on first use."""
    return rsa_key_current(purpose=LTI_TOOL)


def private_pem(key: RsaSigningKey) -> str:
    return engine_rsa_key(key).private_pem


def public_pem(key: RsaSigningKey) -> str:
    return engine_rsa_key(key).public_pem


def tool_jwks() -> dict[str, Any]:
    """Every published tool key: what platforms fetch from /lti/jwks."""
    return {"keys": [rsa_jwk(key) for key in rsa_keys_published(purpose=LTI_TOOL)]}
