"""Issuers, their signing keys (generated on first use, rotated) and DID documents."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential, Pathway
from bitewise.credentials import keystore
from bitewise.credentials.models import Issuer, RsaSigningKey, SigningKey
from bitewise.credentials.services.published import credential_checks_forget
from bitewise.credentials.services.rsa_keys import (
    rsa_key_current,
    rsa_key_rotate,
    rsa_keys_published,
)
from bitewise.engines import ob3

DID_CONTEXTS = [
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/multikey/v1",
    "https://w3id.org/security/jwk/v1",
]


class IssuingRefused(Exception):
    """Credentials cannot be issued as the site is set up; the message says what to change."""


def issuing_refusal() -> str | None:
    """Why no credential may be issued now, or None. A did:web DID names a host by its
    domain name (https://w3c-ccg.github.io/did-method-web/#did-method-name): one under an IP
    address cannot be resolved by anyone else and changes with the machine, so credentials
    signed under it are refused, except in the demo (BITEWISE_ISSUE_ON_IP_ADDRESS)."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    if settings.BITEWISE_ISSUE_ON_IP_ADDRESS:
        return None
    return (
        f"Credentials are not issued while the site URL ({settings.SITE_URL}) is an IP "
        "address: the issuer's did:web DID would name that address, which no verifier can "
        "resolve. Set BITEWISE_SITE_URL to the site's public https:// address (a domain "
        "name), restart, and run `bitewise credentials issue-missing`."
    )


def issuing_check() -> None:
    """Raise IssuingRefused when issuing_refusal() says no."""
    refusal = issuing_refusal()
    if refusal is not None:
        raise IssuingRefused(refusal)


def issuer_default() -> Issuer:
    """The site's own issuer, created on first use from BITEWISE_ISSUER_* settings."""
    issuer = Issuer.objects.filter(is_default=True).first()
    if issuer is not None:
        return issuer
    try:
        with transaction.atomic():
            return Issuer.objects.create(
                is_default=True,
                name=settings.BITEWISE_ISSUER_NAME,
                slug="default",
                url=settings.BITEWISE_ISSUER_URL or settings.SITE_URL,
                email=settings.BITEWISE_ISSUER_EMAIL,
            )
    except IntegrityError:  # another process created it first
        return Issuer.objects.get(is_default=True)


def issuer_for(*, micro_credential: MicroCredential | None, pathway: Pathway | None) -> Issuer:
    """The issuer that lists this achievement, else the default one."""
    if micro_credential is not None:
        issuer = Issuer.objects.filter(micro_credentials=micro_credential).first()
    else:
        issuer = Issuer.objects.filter(pathways=pathway).first()
    return issuer or issuer_default()


def signing_key_active(*, issuer: Issuer) -> SigningKey:
    """The issuer's current key, generated (and stored encrypted) on first use."""
    key = SigningKey.objects.filter(issuer=issuer, retired_at=None).first()
    if key is not None:
        return key
    fresh = ob3.Ed25519Key.generate(controller=issuer.did)
    try:
        with transaction.atomic():
            return SigningKey.objects.create(
                issuer=issuer,
                public_key_multibase=fresh.public_key_multibase,
                jwk_thumbprint=fresh.thumbprint,
                encrypted_seed=keystore.encrypt_seed(fresh.seed),
            )
    except IntegrityError:  # a concurrent first use won the race
        return SigningKey.objects.get(issuer=issuer, retired_at=None)


def rsa_key_active(*, issuer: Issuer) -> RsaSigningKey:
    """The issuer's current RS256 key (``rsa_keys``: the one RSA key management)."""
    return rsa_key_current(purpose=RsaSigningKey.Purpose.VC_JWT, issuer=issuer)


@transaction.atomic
def signing_key_rotate(*, issuer: Issuer) -> SigningKey:
    """Retire the current keys (Ed25519 and RSA) and start new ones; old keys stay in the
    DID document."""
    now = timezone.now()
    SigningKey.objects.filter(issuer=issuer, retired_at=None).update(retired_at=now)
    credential_checks_forget(issuer_id=issuer.pk)
    rsa_key_rotate(purpose=RsaSigningKey.Purpose.VC_JWT, issuer=issuer)
    return signing_key_active(issuer=issuer)


def engine_key(signing_key: SigningKey) -> ob3.Ed25519Key:
    return _engine_key(signing_key.encrypted_seed, signing_key.issuer.did)


@lru_cache(maxsize=32)
def _engine_key(encrypted_seed: str, controller: str) -> ob3.Ed25519Key:
    # Decrypting costs a tenth of a signature and keys rarely change. The cache is keyed by
    # the encrypted token, so a rotated or re-encrypted key is simply a new entry.
    return ob3.Ed25519Key.from_seed(keystore.decrypt_seed(encrypted_seed), controller=controller)


def did_document(*, issuer: Issuer) -> dict[str, Any]:
    """https://www.w3.org/TR/did-core/#did-documents — every key, current and retired,
    so credentials signed before a rotation still verify: each Ed25519 key as a Multikey
    (Data Integrity proofs) and as a JsonWebKey (EdDSA VC-JWTs), each RSA key as a
    JsonWebKey (RS256 VC-JWTs; the JWT ``kid`` names these)."""
    signing_key_active(issuer=issuer)
    rsa_key_active(issuer=issuer)
    methods: list[dict[str, Any]] = []
    for key in issuer.keys.all():
        methods.append(
            {
                "id": key.verification_method,
                "type": "Multikey",
                "controller": issuer.did,
                "publicKeyMultibase": key.public_key_multibase,
            }
        )
    for method_id, jwk, _ in _json_web_keys(issuer):
        methods.append(ob3.jwk_method(method_id, issuer.did, jwk))
    ids = [m["id"] for m in methods]
    return {
        "@context": DID_CONTEXTS,
        "id": issuer.did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def issuer_jwks(*, issuer: Issuer) -> dict[str, Any]:
    """The issuer's public keys as a JWK Set (https://www.rfc-editor.org/rfc/rfc7517#section-5),
    each ``kid`` the full id of its JsonWebKey method: what a VC-JWT header names."""
    signing_key_active(issuer=issuer)
    rsa_key_active(issuer=issuer)
    return {
        "keys": [
            {**jwk, "kid": method_id, "alg": alg, "use": "sig"}
            for method_id, jwk, alg in _json_web_keys(issuer)
        ]
    }


def _json_web_keys(issuer: Issuer) -> list[tuple[str, dict[str, str], str]]:
    keys: list[tuple[str, dict[str, str], str]] = []
    for rsa_key in rsa_keys_published(purpose=RsaSigningKey.Purpose.VC_JWT, issuer=issuer):
        keys.append((f"{issuer.did}#{rsa_key.thumbprint}", dict(rsa_key.public_jwk), "RS256"))
    for key in issuer.keys.all():
        jwk = ob3.ed25519_jwk(ob3.decode_multikey(key.public_key_multibase))
        thumbprint = key.jwk_thumbprint or ob3.jwk_thumbprint(jwk)
        keys.append((f"{issuer.did}#{thumbprint}", jwk, "EdDSA"))
    return keys


def issuer_profile(issuer: Issuer) -> ob3.IssuerProfile:
    return ob3.IssuerProfile(
        id=issuer.did,
        name=issuer.name,
        url=issuer.url or None,
        email=issuer.email or None,
        description=issuer.description or None,
    )


@transaction.atomic
def issuer_save(
    *,
    issuer: Issuer,
    by: User,
    staff_ids: Sequence[int],
    micro_credential_ids: Sequence[int],
    pathway_ids: Sequence[int],
) -> Issuer:
    """An issuer's details, staff (who may award and revoke) and achievements, saved by an
    admin. Its DID (from the slug and the default flag) is fixed once it has a key: issued
    credentials name it."""
    if not by.is_staff_admin:
        raise PermissionDenied("Only an admin can change issuers and their staff.")
    if issuer.pk is not None and SigningKey.objects.filter(issuer=issuer).exists():
        stored = Issuer.objects.get(pk=issuer.pk)
        if (stored.slug, stored.is_default) != (issuer.slug, issuer.is_default):
            raise ValidationError(
                "The slug and the default flag make the issuer's DID, which its "
                "credentials name: they cannot change once it has signed."
            )
    issuer.full_clean()
    issuer.save()
    issuer.staff.set(staff_ids)
    issuer.micro_credentials.set(micro_credential_ids)
    issuer.pathways.set(pathway_ids)
    return issuer
