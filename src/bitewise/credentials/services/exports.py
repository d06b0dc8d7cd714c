"""The downloads of one credential: JSON-LD, VC-JWT, and badge images baked with it."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

from bitewise.credentials.images import badge_png, badge_svg
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.achievements import award_kind
from bitewise.credentials.services.issuers import engine_key, rsa_key_active
from bitewise.credentials.services.issuing import subject_id_for
from bitewise.credentials.services.rsa_keys import engine_rsa_key
from bitewise.engines import ob3

FORMATS = {
    "jsonld": ("application/ld+json", "json"),
    "jwt": ("application/jwt", "jwt"),
    "png": ("image/png", "png"),
    "svg": ("image/svg+xml", "svg"),
}
JWT_ALGORITHMS = ("RS256", "EdDSA")


def credential_jwt(credential: IssuedCredential, alg: str | None = None) -> str:
    """The credential as a VC-JWT (OB 3.0 section 8.2), RS256 by default
    (BITEWISE_VC_JWT_ALG). RS256 uses the issuer's current RSA key; EdDSA the credential's
    own Ed25519 key (kept after a rotation). Both are deterministic, so every download
    under the same key is the same token."""
    alg = alg or settings.BITEWISE_VC_JWT_ALG
    if alg not in JWT_ALGORITHMS:
        raise ValueError(f"unknown alg {alg!r}; use one of {', '.join(JWT_ALGORITHMS)}")
    document = _with_subject_id(credential)
    if alg == "RS256":
        rsa_key = rsa_key_active(issuer=credential.issuer)
        rsa_key.issuer = credential.issuer
        return ob3.sign_jwt(document, engine_rsa_key(rsa_key))
    return ob3.sign_jwt(document, engine_key(credential.signing_key))


def _with_subject_id(credential: IssuedCredential) -> dict[str, Any]:
    """Credentials issued before every subject had an id get their urn:uuid one in the
    JWT (the ``sub`` claim must state credentialSubject.id)."""
    document = dict(credential.document)
    subject = document.get("credentialSubject")
    if isinstance(subject, dict) and "id" not in subject:
        document["credentialSubject"] = {"id": subject_id_for(credential.pk), **subject}
    return document


def credential_export(credential: IssuedCredential, fmt: str, *, alg: str | None = None) -> bytes:
    """The bytes of one download format (see FORMATS); ``alg`` chooses the VC-JWT's."""
    kind = award_kind(credential.award)
    issuer = credential.issuer.name
    if fmt == "jsonld":
        return json.dumps(credential.document, indent=2, ensure_ascii=False).encode()
    if fmt == "jwt":
        return credential_jwt(credential, alg).encode()
    if fmt == "png":
        png = badge_png(title=credential.title, issuer=issuer, kind=kind)
        return ob3.bake_png(png, credential.document)
    if fmt == "svg":
        svg = badge_svg(title=credential.title, issuer=issuer, kind=kind)
        return ob3.bake_svg(svg, credential.document).encode()
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
