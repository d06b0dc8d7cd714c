"""The downloads of one credential: JSON-LD, VC-JWT, and badge images baked with it."""

from __future__ import annotations

import json

from bitewise.credentials.images import badge_png, badge_svg
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.achievements import award_kind
from bitewise.credentials.services.issuers import engine_key
from bitewise.engines import ob3

FORMATS = {
    "jsonld": ("application/ld+json", "json"),
    "jwt": ("application/jwt", "jwt"),
    "png": ("image/png", "png"),
    "svg": ("image/svg+xml", "svg"),
}


def credential_jwt(credential: IssuedCredential) -> str:
    # Signed with the credential's own key (kept after a rotation); Ed25519 is
    # deterministic, so every download of the same credential is the same token.
    return ob3.sign_jwt(credential.document, engine_key(credential.signing_key))


def credential_export(credential: IssuedCredential, fmt: str) -> bytes:
    """The bytes of one download format (see FORMATS)."""
    kind = award_kind(credential.award)
    issuer = credential.issuer.name
    if fmt == "jsonld":
        return json.dumps(credential.document, indent=2, ensure_ascii=False).encode()
    if fmt == "jwt":
        return credential_jwt(credential).encode()
    if fmt == "png":
        png = badge_png(title=credential.title, issuer=issuer, kind=kind)
        return ob3.bake_png(png, credential.document)
    if fmt == "svg":
        svg = badge_svg(title=credential.title, issuer=issuer, kind=kind)
        return ob3.bake_svg(svg, credential.document).encode()
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
