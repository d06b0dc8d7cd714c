"""Open Badges 3.0 / Verifiable Credentials 2.0: build, sign, verify, revoke and bake credentials.

Framework-free: plain values in and out, no network access (contexts and 1EdTech's JSON Schemas
are bundled; keys and status lists are handed in by the caller).
"""

from __future__ import annotations

from bitewise.engines.ob3.bake import BakeError, bake_png, bake_svg, unbake_png, unbake_svg
from bitewise.engines.ob3.build import achievement_subject, build_credential
from bitewise.engines.ob3.checks import (
    issuer_id,
    parse_json_object,
    proof_values,
    validity_changes_after,
)
from bitewise.engines.ob3.clr import build_clr_credential
from bitewise.engines.ob3.contexts import ContextVariant, UnknownContextError
from bitewise.engines.ob3.identity import identity_hash, identity_matches_email, new_salt
from bitewise.engines.ob3.inputs import (
    Achievement,
    Alignment,
    Evidence,
    IdentifierEntry,
    Image,
    IssuerProfile,
    Recipient,
)
from bitewise.engines.ob3.jwk import ed25519_jwk, jwk_thumbprint
from bitewise.engines.ob3.jwt import sign_jwt, verify_jwt
from bitewise.engines.ob3.keys import (
    Ed25519Key,
    KeyFormatError,
    decode_multikey,
    did_key_document,
)
from bitewise.engines.ob3.presentation import (
    did_authentication_request,
    holder_of,
    presentation_of,
    verify_did_authentication,
)
from bitewise.engines.ob3.rdfc import CanonicalizationError, canonicalize
from bitewise.engines.ob3.resolve import (
    KeyResolutionError,
    KeyResolver,
    KeyUnavailableError,
    ResolvedKey,
    did_web_url,
    key_from_document,
    key_resolver,
)
from bitewise.engines.ob3.result import (
    COULD_NOT_VERIFY,
    INVALID,
    VALID,
    Check,
    Outcome,
    VerificationResult,
)
from bitewise.engines.ob3.rsa import RsaKey, jwk_method
from bitewise.engines.ob3.schema import check_schema
from bitewise.engines.ob3.sign import sign_credential
from bitewise.engines.ob3.status_list import (
    StatusList,
    StatusListEntry,
    StatusListError,
    StatusLookup,
    StatusUnavailable,
    build_status_list_credential,
    status_lookup,
)
from bitewise.engines.ob3.verify import verify_credential

__all__ = [
    "COULD_NOT_VERIFY",
    "INVALID",
    "VALID",
    "Achievement",
    "Alignment",
    "BakeError",
    "CanonicalizationError",
    "Check",
    "ContextVariant",
    "Ed25519Key",
    "Evidence",
    "IdentifierEntry",
    "Image",
    "IssuerProfile",
    "KeyFormatError",
    "KeyResolutionError",
    "KeyResolver",
    "KeyUnavailableError",
    "Outcome",
    "Recipient",
    "ResolvedKey",
    "RsaKey",
    "StatusList",
    "StatusListEntry",
    "StatusListError",
    "StatusLookup",
    "StatusUnavailable",
    "UnknownContextError",
    "VerificationResult",
    "achievement_subject",
    "bake_png",
    "bake_svg",
    "build_clr_credential",
    "build_credential",
    "build_status_list_credential",
    "canonicalize",
    "check_schema",
    "decode_multikey",
    "did_authentication_request",
    "did_key_document",
    "did_web_url",
    "ed25519_jwk",
    "holder_of",
    "identity_hash",
    "identity_matches_email",
    "issuer_id",
    "jwk_method",
    "jwk_thumbprint",
    "key_from_document",
    "key_resolver",
    "new_salt",
    "parse_json_object",
    "presentation_of",
    "proof_values",
    "sign_credential",
    "sign_jwt",
    "status_lookup",
    "unbake_png",
    "unbake_svg",
    "validity_changes_after",
    "verify_credential",
    "verify_did_authentication",
    "verify_jwt",
]
