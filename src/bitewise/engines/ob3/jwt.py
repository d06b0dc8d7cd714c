"""VC-JWT: an OpenBadgeCredential as the payload of a compact JWS, signed with RS256 or EdDSA.

https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof (OB 3.0 section 8.2). The credential's members
are the payload, beside the registered claims iss, jti, sub, nbf and exp; tokens made under
VC 1.1 keep the credential in a ``vc`` claim instead, which is read too. The header's ``kid``
names a JsonWebKey verification method of the issuer (RS256 is the algorithm OB 3.0 requires
every verifier to support; EdDSA stays available).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.hashes import SHA256

from bitewise.engines.ob3.checks import (
    NotJsonError,
    check_issuer_binding,
    check_shape,
    check_status,
    check_validity,
    issuer_id,
    key_failure,
    parse_json_object,
)
from bitewise.engines.ob3.dates import format_datetime, parse_datetime
from bitewise.engines.ob3.jwk import PublicKey, b64url_decode, b64url_encode, public_key_from_jwk
from bitewise.engines.ob3.keys import Ed25519Key, KeyFormatError
from bitewise.engines.ob3.resolve import KeyResolver, key_resolver
from bitewise.engines.ob3.result import Check, VerificationResult, invalid
from bitewise.engines.ob3.rsa import RsaKey
from bitewise.engines.ob3.schema import check_schema
from bitewise.engines.ob3.status_list import StatusLookup

_ALGORITHMS = {"EdDSA": Ed25519PublicKey, "RS256": RSAPublicKey}
_ALLOWED_HEADERS = frozenset({"alg", "kid", "jwk", "typ"})
_JWT_CLAIMS = frozenset({"iss", "jti", "sub", "nbf", "exp", "iat", "aud"})


def sign_jwt(
    credential: Mapping[str, Any], key: Ed25519Key | RsaKey, *, vc_claim: bool = False
) -> str:
    """A compact JWS with header ``{"alg": "RS256" | "EdDSA", "kid": …, "typ": "JWT"}``.

    https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof ; the ``kid`` is the key's JsonWebKey
    verification method (https://www.imsglobal.org/spec/ob/v3p0/#jwt-header). Raises
    ValueError for a credential without ``credentialSubject.id``, which ``sub`` must state.
    ``vc_claim=True`` nests the credential under ``vc`` as VC 1.1 did.
    """
    claims = registered_claims(credential)
    payload = {"vc": dict(credential), **claims} if vc_claim else {**credential, **claims}
    alg = "RS256" if isinstance(key, RsaKey) else "EdDSA"
    header = {"alg": alg, "kid": key.jwk_verification_method, "typ": "JWT"}
    signing_input = f"{_encode_json(header)}.{_encode_json(payload)}"
    return f"{signing_input}.{b64url_encode(key.sign(signing_input.encode('ascii')))}"


def registered_claims(credential: Mapping[str, Any]) -> dict[str, Any]:
    """https://www.imsglobal.org/spec/ob/v3p0/#jwt-payload-format"""
    subject = credential.get("credentialSubject")
    claims: dict[str, Any] = {"iss": issuer_id(credential), "jti": credential.get("id")}
    if isinstance(subject, Mapping) and isinstance(subject.get("id"), str):
        claims["sub"] = subject["id"]
    for claim, field in (("nbf", "validFrom"), ("exp", "validUntil")):
        if field in credential:
            claims[claim] = int(parse_datetime(credential[field]).timestamp())
    if claims["iss"] is None or claims["jti"] is None or "nbf" not in claims:
        raise ValueError("a VC-JWT needs the credential's issuer, id and validFrom")
    if "sub" not in claims:
        raise ValueError("a VC-JWT needs credentialSubject.id: the sub claim is required")
    return claims


def verify_jwt(
    token: str | bytes,
    *,
    now: datetime,
    resolver: KeyResolver | None = None,
    key_documents: Mapping[str, Mapping[str, Any]] | None = None,
    status_lookup: StatusLookup | None = None,
    require_issuer_binding: bool = True,
    trust_embedded_jwk: bool = False,
) -> VerificationResult:
    """Verify a VC-JWT; never raises on bad input.

    https://www.imsglobal.org/spec/ob/v3p0/#jwt-verify ; the key comes from ``kid`` (through
    ``resolver`` or did:key/``key_documents``). A key carried in the ``jwk`` header proves
    nothing about who signed, so it is used only with ``trust_embedded_jwk``.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    try:
        text = token.decode("ascii") if isinstance(token, bytes) else token
        encoded_header, encoded_payload, encoded_signature = text.strip().split(".")
        header = parse_json_object(b64url_decode(encoded_header))
        payload = parse_json_object(b64url_decode(encoded_payload))
        signature = b64url_decode(encoded_signature)
    except (UnicodeDecodeError, ValueError, NotJsonError, KeyFormatError) as error:
        return invalid("jwt", f"not a compact JWS with JSON header and payload: {error}")
    try:
        resolve = resolver or key_resolver(key_documents)
        signing_input = f"{encoded_header}.{encoded_payload}".encode("ascii")
        checks, controller = _key_and_signature(
            header, signing_input, signature, resolve, trust_embedded_jwk
        )
        vc = payload.get("vc")
        credential = (
            dict(vc)
            if isinstance(vc, Mapping)
            else {name: value for name, value in payload.items() if name not in _JWT_CLAIMS}
        )
        checks.append(check_shape(credential))
        schema = check_schema(credential)
        if schema is not None:
            checks.append(schema)
        checks.append(_claims_check(payload, credential))
        key_ok = any(check.name == "key" and check.ok for check in checks)
        if controller is not None:
            checks.append(
                check_issuer_binding(controller, credential, required=require_issuer_binding)
            )
        elif key_ok and require_issuer_binding:
            checks.append(Check("issuer", False, "an embedded jwk is not bound to the issuer"))
        checks.extend(check_validity(_with_claim_dates(credential, payload), now))
        checks.append(check_status(credential, status_lookup))
        return VerificationResult(tuple(checks), credential=credential)
    except Exception as error:  # the contract is INVALID with a reason, whatever the input
        return invalid("internal", f"unexpected {type(error).__name__}: {error}")


def _key_and_signature(
    header: Mapping[str, Any],
    signing_input: bytes,
    signature: bytes,
    resolve: KeyResolver,
    trust_embedded_jwk: bool,
) -> tuple[list[Check], str | None]:
    alg = header.get("alg")
    if not isinstance(alg, str) or alg not in _ALGORITHMS:
        return [Check("alg", False, f"unsupported alg {alg!r}; expected EdDSA or RS256")], None
    extra = set(header) - _ALLOWED_HEADERS
    if extra:
        return [Check("jwt", False, f"JOSE headers not allowed: {', '.join(sorted(extra))}")], None
    controller: str | None = None
    try:
        if isinstance(header.get("kid"), str):
            resolved = resolve(header["kid"])
            if "assertionMethod" not in resolved.purposes:
                raise KeyFormatError(f"{resolved.id} is not an assertionMethod of its controller")
            public_key, controller = resolved.public_key, resolved.controller
        elif isinstance(header.get("jwk"), Mapping) and trust_embedded_jwk:
            public_key = public_key_from_jwk(header["jwk"])
        elif isinstance(header.get("jwk"), Mapping):
            return [Check("key", False, "only an embedded jwk, which is not trusted")], None
        else:
            return [Check("key", False, "the header has neither kid nor jwk")], None
    except Exception as error:  # a caller-supplied resolver may fail in any way
        return [key_failure("", error)], None
    if not isinstance(public_key, _ALGORITHMS[alg]):
        return [Check("key", False, f"the key does not suit alg {alg}")], None
    ok = _signature_matches(public_key, signature, signing_input)
    reason = "" if ok else "JWS signature does not match (altered, or not signed by this key)"
    return [Check("alg", True), Check("key", True), Check("signature", ok, reason)], controller


def _signature_matches(public_key: PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        if isinstance(public_key, Ed25519PublicKey):
            public_key.verify(signature, data)
        else:
            public_key.verify(signature, data, PKCS1v15(), SHA256())
    except InvalidSignature:
        return False
    return True


def _claims_check(payload: Mapping[str, Any], credential: Mapping[str, Any]) -> Check:
    """https://www.imsglobal.org/spec/ob/v3p0/#jwt-verify-credential"""
    subject = credential.get("credentialSubject")
    subject_id = subject.get("id") if isinstance(subject, Mapping) else None
    expected = {"iss": issuer_id(credential), "jti": credential.get("id"), "sub": subject_id}
    if "sub" not in payload:
        return Check("claims", False, "the sub claim is missing (OB 3.0 requires it)")
    for claim, value in expected.items():
        if (value is not None or claim == "sub") and payload.get(claim) != value:
            return Check(
                "claims", False, f"{claim} {payload.get(claim)!r} does not match {value!r}"
            )
    for claim, field, legacy in (
        ("nbf", "validFrom", "issuanceDate"),
        ("exp", "validUntil", "expirationDate"),
    ):
        stated = credential.get(field, credential.get(legacy))
        if claim not in payload:
            if claim == "nbf":
                return Check("claims", False, "the nbf claim is missing")
            continue
        if not isinstance(payload[claim], int | float) or isinstance(payload[claim], bool):
            return Check("claims", False, f"{claim} is not a NumericDate")
        if stated is not None and _epoch(stated) != int(payload[claim]):
            return Check("claims", False, f"{claim} does not match {field} {stated!r}")
    return Check("claims", True)


def _epoch(value: Any) -> int | None:
    try:
        return int(parse_datetime(value).timestamp())
    except ValueError:
        return None


def _with_claim_dates(credential: Mapping[str, Any], payload: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(credential)
    for claim, field, legacy in (
        ("nbf", "validFrom", "issuanceDate"),
        ("exp", "validUntil", "expirationDate"),
    ):
        if field not in merged and legacy not in merged and isinstance(payload.get(claim), int):
            merged[field] = format_datetime(datetime.fromtimestamp(payload[claim], UTC))
    return merged


def _encode_json(value: Mapping[str, Any]) -> str:
    return b64url_encode(
        json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    )
