"""RSA key pairs for VC-JWT ``RS256``, the algorithm OB 3.0 names as the minimum.

https://www.imsglobal.org/spec/ob/v3p0/#jwt-header ; https://www.rfc-editor.org/rfc/rfc7518#section-3.3
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import (
    RSAPrivateKey,
    RSAPublicKey,
    generate_private_key,
)
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_der_private_key,
    load_pem_private_key,
)

from bitewise.engines.ob3.errors import KeyFormatError
from bitewise.engines.ob3.jwk import jwk_thumbprint, rsa_jwk

RSA_BITS = 2048  # RFC 7518 section 3.3: 2048 bits or larger


@dataclass(frozen=True)
class RsaKey:
    """An RS256 signing key and the controller (issuer id) that publishes its JWK."""

    private_key: RSAPrivateKey = field(repr=False)
    controller: str

    @classmethod
    def generate(cls, controller: str, *, bits: int = RSA_BITS) -> RsaKey:
        return cls(generate_private_key(public_exponent=65537, key_size=bits), controller)

    @classmethod
    def from_pkcs8(cls, der: bytes, controller: str) -> RsaKey:
        """From an unencrypted PKCS#8 private key, DER or PEM."""
        try:
            if der.lstrip().startswith(b"-----BEGIN"):
                private_key = load_pem_private_key(der, password=None)
            else:
                private_key = load_der_private_key(der, password=None)
        except ValueError as error:
            raise KeyFormatError(f"not a PKCS#8 private key: {error}") from error
        if not isinstance(private_key, RSAPrivateKey) or private_key.key_size < RSA_BITS:
            raise KeyFormatError("not an RSA private key of 2048 bits or more")
        return cls(private_key, controller)

    @property
    def pkcs8(self) -> bytes:
        return self.private_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())

    @property
    def private_pem(self) -> str:
        pem = self.private_key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        return pem.decode("ascii")

    @property
    def public_pem(self) -> str:
        pem = self.public_key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        return pem.decode("ascii")

    @property
    def public_key(self) -> RSAPublicKey:
        return self.private_key.public_key()

    @property
    def public_jwk(self) -> dict[str, str]:
        return rsa_jwk(self.public_key)

    @property
    def thumbprint(self) -> str:
        return jwk_thumbprint(self.public_jwk)

    @property
    def jwk_verification_method(self) -> str:
        """``<controller>#<JWK thumbprint>``: the JWT ``kid``, a JsonWebKey method."""
        return f"{self.controller}#{self.thumbprint}"

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data, PKCS1v15(), SHA256())

    def verification_method_json(self) -> dict[str, Any]:
        return jwk_method(self.jwk_verification_method, self.controller, self.public_jwk)


def jwk_method(method_id: str, controller: str, jwk: dict[str, str]) -> dict[str, Any]:
    """A JsonWebKey verification method. https://www.w3.org/TR/controller-document/#jsonwebkey"""
    return {
        "id": method_id,
        "type": "JsonWebKey",
        "controller": controller,
        "publicKeyJwk": dict(jwk),
    }
