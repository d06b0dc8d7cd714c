"""Public keys from JSON Web Keys (Ed25519 ``OKP`` and ``RSA``).

https://www.rfc-editor.org/rfc/rfc7517 ; https://www.rfc-editor.org/rfc/rfc8037#section-2
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey, RSAPublicNumbers
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bitewise.engines.ob3.errors import KeyFormatError

PublicKey = Ed25519PublicKey | RSAPublicKey


def b64url_decode(text: str) -> bytes:
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as error:
        raise KeyFormatError(f"not base64url: {error}") from error


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def public_key_from_jwk(jwk: Mapping[str, Any]) -> PublicKey:
    if "d" in jwk:
        raise KeyFormatError("the JWK holds private key material ('d'); refusing it")
    kty, x, n, e = (jwk.get(name) for name in ("kty", "x", "n", "e"))
    if kty == "OKP" and jwk.get("crv") == "Ed25519" and isinstance(x, str):
        raw = b64url_decode(x)
        if len(raw) != 32:
            raise KeyFormatError("an Ed25519 JWK 'x' must be 32 bytes")
        return Ed25519PublicKey.from_public_bytes(raw)
    if kty == "RSA" and isinstance(n, str) and isinstance(e, str):
        modulus = int.from_bytes(b64url_decode(n), "big")
        exponent = int.from_bytes(b64url_decode(e), "big")
        if modulus.bit_length() < 2048:
            raise KeyFormatError("RSA keys shorter than 2048 bits are refused")
        try:
            return RSAPublicNumbers(exponent, modulus).public_key()
        except ValueError as error:
            raise KeyFormatError(f"not an RSA public key: {error}") from error
    raise KeyFormatError(f"unsupported JWK (kty={kty!r}); expected OKP/Ed25519 or RSA")


def ed25519_jwk(public_key: Ed25519PublicKey) -> dict[str, str]:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw)}


def rsa_jwk(public_key: RSAPublicKey) -> dict[str, str]:
    """https://www.rfc-editor.org/rfc/rfc7518#section-6.3.1"""
    numbers = public_key.public_numbers()
    return {"kty": "RSA", "n": _uint(numbers.n), "e": _uint(numbers.e)}


def jwk_thumbprint(jwk: Mapping[str, Any]) -> str:
    """The SHA-256 JWK Thumbprint: the required members, sorted, without whitespace.

    https://www.rfc-editor.org/rfc/rfc7638#section-3 ; OKP members per RFC 8037 section 2.
    """
    required = {"RSA": ("e", "kty", "n"), "OKP": ("crv", "kty", "x")}.get(str(jwk.get("kty")))
    if required is None:
        raise KeyFormatError(f"no thumbprint for kty {jwk.get('kty')!r}")
    members = {name: jwk[name] for name in required}
    text = json.dumps(members, separators=(",", ":"), sort_keys=True)
    return b64url_encode(hashlib.sha256(text.encode("utf-8")).digest())


def _uint(value: int) -> str:
    return b64url_encode(value.to_bytes((value.bit_length() + 7) // 8 or 1, "big"))
