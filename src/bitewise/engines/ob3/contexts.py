"""The JSON-LD context documents the engine knows, read from the package's ``contexts/`` folder.

Every context is a local copy (see ``contexts/SOURCES.md``); nothing is fetched at run time.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, Literal

CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_EXTENSIONS = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
CLR_V2P0 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
# Declares JsonWebKey and publicKeyJwk in controller documents; not bundled (controller
# documents are read as plain JSON here, never expanded).
JWK_V1 = "https://w3id.org/security/jwk/v1"
DID_V1 = "https://www.w3.org/ns/did/v1"

# "spec" is context-3.0.3.json as published in 1EdTech/openbadges-specification; "validator" is
# the copy 1EdTech's public validator ships, which 1EdTech edited in place (it adds the terms
# endorsementJwt and jti). Both live under the same URL, so a verifier may need either.
ContextVariant = Literal["spec", "validator"]
CONTEXT_VARIANTS: tuple[ContextVariant, ...] = ("spec", "validator")

_VARIANT_FILES: dict[ContextVariant, dict[str, str]] = {
    "spec": {},
    "validator": {OB_V3P0: "alt/ob-v3p0-context-3.0.3.validator-2026-06.json"},
}


class UnknownContextError(LookupError):
    pass


@cache
def _index() -> dict[str, str]:
    text = resources.files(__package__).joinpath("contexts", "index.json").read_text("utf-8")
    return {url: entry["file"] for url, entry in json.loads(text).items()}


def known_context_urls() -> frozenset[str]:
    return frozenset(_index())


def variant_sensitive_urls() -> frozenset[str]:
    """Context URLs whose document differs between variants."""
    return frozenset(url for files in _VARIANT_FILES.values() for url in files)


@cache
def _read(filename: str) -> dict[str, Any]:
    folder = resources.files(__package__).joinpath("contexts")
    document: dict[str, Any] = json.loads(folder.joinpath(filename).read_text("utf-8"))
    return document


def context_document(url: str, variant: ContextVariant = "spec") -> dict[str, Any]:
    """The parsed context document for ``url``; raises UnknownContextError for any other URL."""
    filename = _VARIANT_FILES[variant].get(url) or _index().get(url)
    if filename is None:
        raise UnknownContextError(f"no local copy of JSON-LD context {url!r}; it is never fetched")
    return _read(filename)
