"""Ed25519 key pairs as Multikey (and JWK), and did:key.

https://www.w3.org/TR/controller-document/#multikey ; https://w3c-ccg.github.io/did-method-key/
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from bitewise.engines.ob3.contexts import DID_V1, JWK_V1, MULTIKEY_V1
from bitewise.engines.ob3.errors import KeyFormatError as KeyFormatError
from bitewise.engines.ob3.jwk import ed25519_jwk, jwk_thumbprint
from bitewise.engines.ob3.multibase import MultibaseError, decode_base58btc, encode_base58btc

_ED25519_PUB = b"\xed\x01"
_ED25519_PRIV = b"\x80\x26"


def encode_multikey(public_key: Ed25519PublicKey) -> str:
    """publicKeyMultibase: base58btc of the multicodec ed25519-pub prefix and the raw key."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return encode_base58btc(_ED25519_PUB + raw)


def decode_multikey(value: str) -> Ed25519PublicKey:
    try:
        data = decode_base58btc(value)
    except MultibaseError as error:
        raise KeyFormatError(f"publicKeyMultibase: {error}") from error
    if not data.startswith(_ED25519_PUB) or len(data) != 34:
        raise KeyFormatError("publicKeyMultibase is not an Ed25519 public key (z6Mk…)")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def verify_ed25519(public_key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


@dataclass(frozen=True)
class Ed25519Key:
    """A signing key and the controller (issuer id) that publishes its public half."""

    private_key: Ed25519PrivateKey = field(repr=False)
    controller: str

    @classmethod
    def generate(cls, controller: str | None = None) -> Ed25519Key:
        """A fresh key; without a controller it is its own did:key."""
        return cls.from_seed(Ed25519PrivateKey.generate().private_bytes_raw(), controller)

    @classmethod
    def from_seed(cls, seed: bytes, controller: str | None = None) -> Ed25519Key:
        private_key = Ed25519PrivateKey.from_private_bytes(seed)
        return cls(
            private_key, controller or "did:key:" + encode_multikey(private_key.public_key())
        )

    @classmethod
    def from_secret_multibase(cls, value: str, controller: str | None = None) -> Ed25519Key:
        try:
            data = decode_base58btc(value)
        except MultibaseError as error:
            raise KeyFormatError(f"secretKeyMultibase: {error}") from error
        if not data.startswith(_ED25519_PRIV) or len(data) != 34:
            raise KeyFormatError("secretKeyMultibase is not an Ed25519 secret key")
        return cls.from_seed(data[2:], controller)

    @property
    def seed(self) -> bytes:
        return self.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    @property
    def secret_key_multibase(self) -> str:
        return encode_base58btc(_ED25519_PRIV + self.seed)

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def public_key_multibase(self) -> str:
        return encode_multikey(self.public_key)

    @property
    def verification_method(self) -> str:
        """``<controller>#<publicKeyMultibase>``, the form did:key and the 1EdTech samples use."""
        return f"{self.controller}#{self.public_key_multibase}"

    @property
    def public_jwk(self) -> dict[str, str]:
        return ed25519_jwk(self.public_key)

    @property
    def thumbprint(self) -> str:
        return jwk_thumbprint(self.public_jwk)

    @property
    def jwk_verification_method(self) -> str:
        """``<controller>#<JWK thumbprint>``: the same key as a JsonWebKey method, named by
        VC-JWT ``kid`` headers (a JOSE verifier looks for a JWK there, not a Multikey)."""
        return f"{self.controller}#{self.thumbprint}"

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)

    def controller_document(self) -> dict[str, Any]:
        """The document to publish at the controller URL (or as did.json for did:web): the
        key as a Multikey (Data Integrity proofs) and as a JsonWebKey (VC-JWT ``kid``).

        https://www.w3.org/TR/controller-document/#controller-documents
        """
        methods = [self.verification_method, self.jwk_verification_method]
        return {
            "@context": [DID_V1, MULTIKEY_V1, JWK_V1],
            "id": self.controller,
            "verificationMethod": [
                {
                    "id": self.verification_method,
                    "type": "Multikey",
                    "controller": self.controller,
                    "publicKeyMultibase": self.public_key_multibase,
                },
                {
                    "id": self.jwk_verification_method,
                    "type": "JsonWebKey",
                    "controller": self.controller,
                    "publicKeyJwk": self.public_jwk,
                },
            ],
            "assertionMethod": methods,
        }


def did_key_document(did: str) -> dict[str, Any]:
    """Resolve ``did:key:z6Mk…`` to its controller document, without any network."""
    identifier = did.removeprefix("did:key:")
    if identifier == did or "#" in identifier:
        raise KeyFormatError(f"not a did:key DID: {did!r}")
    decode_multikey(identifier)
    method = f"{did}#{identifier}"
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": identifier,
            }
        ],
        "assertionMethod": [method],
        "authentication": [method],
    }
