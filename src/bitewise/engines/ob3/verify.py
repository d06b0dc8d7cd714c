"""Verify a credential secured with Data Integrity EdDSA proofs; never raises on bad input.

https://www.w3.org/TR/vc-data-integrity/#verify-proof ;
https://www.w3.org/TR/vc-di-eddsa/#verify-proof-eddsa-rdfc-2022
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from bitewise.engines.ob3.checks import (
    NotJsonError,
    as_list,
    check_issuer_binding,
    check_shape,
    check_status,
    check_validity,
    key_failure,
    parse_json_object,
)
from bitewise.engines.ob3.contexts import CONTEXT_VARIANTS, ContextVariant, variant_sensitive_urls
from bitewise.engines.ob3.dates import parse_datetime
from bitewise.engines.ob3.eddsa import RDFC_SUITES, SUPPORTED_SUITES, hash_data
from bitewise.engines.ob3.keys import verify_ed25519
from bitewise.engines.ob3.multibase import MultibaseError, decode_base58btc
from bitewise.engines.ob3.rdfc import CanonicalizationError
from bitewise.engines.ob3.resolve import KeyResolver, key_resolver
from bitewise.engines.ob3.result import Check, VerificationResult, invalid
from bitewise.engines.ob3.schema import check_schema
from bitewise.engines.ob3.status_list import StatusLookup


@dataclass(frozen=True)
class _Candidate:
    label: str
    proof: Mapping[str, Any]
    public_key: Ed25519PublicKey
    signature: bytes


def verify_credential(
    credential: Mapping[str, Any] | str | bytes,
    *,
    now: datetime,
    resolver: KeyResolver | None = None,
    key_documents: Mapping[str, Mapping[str, Any]] | None = None,
    status_lookup: StatusLookup | None = None,
    require_issuer_binding: bool = True,
    variants: Sequence[ContextVariant] = CONTEXT_VARIANTS,
) -> VerificationResult:
    """Check the structure (1EdTech's JSON Schema, for OB 3.0 credentials), every Data
    Integrity proof, the validity period and the status of ``credential``.

    Keys come from ``resolver``, or else from did:key and the controller documents in
    ``key_documents`` (keyed by controller id); a resolver raises KeyUnavailableError when it
    cannot get a document, which makes the outcome COULD_NOT_VERIFY rather than INVALID. With
    ``require_issuer_binding`` the key's controller must be the credential's issuer (unless the
    issuer's id is a ``urn:``, which names no key). Proof types other than DataIntegrityProof
    are ignored, but at least one proof must verify. Without ``status_lookup`` a credential
    with a credentialStatus is COULD_NOT_VERIFY at best.
    """
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    try:
        if isinstance(credential, str | bytes):
            credential = parse_json_object(credential)
        if not isinstance(credential, Mapping):
            return invalid("json", f"expected a JSON object, got {type(credential).__name__}")
        resolve = resolver or key_resolver(key_documents)
        return _verify(
            dict(credential), now, resolve, status_lookup, require_issuer_binding, variants
        )
    except NotJsonError as error:
        return invalid("json", str(error))
    except Exception as error:  # the contract is INVALID with a reason, whatever the input
        return invalid("internal", f"unexpected {type(error).__name__}: {error}")


def _verify(
    document: dict[str, Any],
    now: datetime,
    resolve: KeyResolver,
    status_lookup: StatusLookup | None,
    require_issuer_binding: bool,
    variants: Sequence[ContextVariant],
) -> VerificationResult:
    checks = [check_shape(document)]
    schema = check_schema(document)
    if schema is not None:
        checks.append(schema)
    proofs = as_list(document.get("proof"))
    candidates = []
    for index, proof in enumerate(proofs):
        label = f"proof[{index}]: " if len(proofs) > 1 else ""
        proof_checks, candidate = _prepare(
            label, proof, document, resolve, now, require_issuer_binding
        )
        checks.extend(proof_checks)
        if candidate is not None:
            candidates.append(candidate)
    if not candidates and all(
        check.ok for check in checks if check.name not in ("credential", "schema")
    ):
        ignored = sorted({str(p.get("type")) for p in proofs if isinstance(p, Mapping)})
        reason = f"no DataIntegrityProof to verify (ignored: {', '.join(ignored)})"
        checks.append(Check("proof", False, reason if proofs else "the credential has no proof"))
    signature_checks, variant = _signatures(document, proofs, candidates, variants)
    checks.extend(signature_checks)
    checks.extend(check_validity(document, now))
    checks.append(check_status(document, status_lookup))
    return VerificationResult(tuple(checks), credential=document, context_variant=variant)


def _prepare(
    label: str,
    proof: Any,
    document: Mapping[str, Any],
    resolve: KeyResolver,
    now: datetime,
    require_issuer_binding: bool,
) -> tuple[list[Check], _Candidate | None]:
    if not isinstance(proof, Mapping):
        return [Check("proof", False, f"{label}a proof must be an object")], None
    if proof.get("type") != "DataIntegrityProof":
        return [Check("proof", True, f"{label}ignored proof of type {proof.get('type')!r}")], None
    suite = proof.get("cryptosuite")
    if not isinstance(suite, str) or suite not in SUPPORTED_SUITES:
        supported = ", ".join(sorted(SUPPORTED_SUITES))
        reason = f"{label}unsupported cryptosuite {suite!r} (supported: {supported})"
        return [Check("cryptosuite", False, reason)], None
    problems, signature = _proof_problems(proof, now)
    if problems:
        return [Check("proof", False, label + "; ".join(problems))], None
    checks = [Check("proof", True)]
    try:
        key = resolve(proof["verificationMethod"])
    except Exception as error:  # a caller-supplied resolver may fail in any way
        return [*checks, key_failure(label, error)], None
    if "assertionMethod" not in key.purposes:
        reason = f"{label}{key.id} is not an assertionMethod of {key.controller}"
        return [*checks, Check("key", False, reason)], None
    if not isinstance(key.public_key, Ed25519PublicKey):
        return [*checks, Check("key", False, f"{label}{key.id} is not an Ed25519 key")], None
    checks.append(Check("key", True))
    checks.append(check_issuer_binding(key.controller, document, required=require_issuer_binding))
    return checks, _Candidate(label, proof, key.public_key, signature)


def _proof_problems(proof: Mapping[str, Any], now: datetime) -> tuple[list[str], bytes]:
    problems = []
    if proof.get("proofPurpose") != "assertionMethod":
        problems.append("proofPurpose must be assertionMethod")
    if not isinstance(proof.get("verificationMethod"), str):
        problems.append("verificationMethod is missing")
    signature = b""
    try:
        proof_value = proof.get("proofValue")
        signature = decode_base58btc(proof_value if isinstance(proof_value, str) else "")
    except MultibaseError:
        problems.append("proofValue is not a base58btc multibase value")
    if signature and len(signature) != 64:
        problems.append("proofValue is not a 64-byte Ed25519 signature")
    for field in ("created", "expires"):
        if field in proof:
            try:
                moment = parse_datetime(proof[field])
            except ValueError:
                problems.append(f"{field} is not a date-time")
                continue
            if field == "expires" and moment <= now:
                problems.append(f"the proof expired at {proof[field]}")
    return problems, signature


def _signatures(
    document: Mapping[str, Any],
    proofs: list[Any],
    candidates: list[_Candidate],
    variants: Sequence[ContextVariant],
) -> tuple[list[Check], ContextVariant | None]:
    if not candidates or not variants:
        return [], None
    text = json.dumps(document)
    sensitive = any(url in text for url in variant_sensitive_urls())
    first_failure: list[Check] | None = None
    for variant in variants if sensitive else variants[:1]:
        checks = [_signature(document, proofs, candidate, variant) for candidate in candidates]
        if all(check.ok for check in checks):
            uses_rdfc = any(c.proof.get("cryptosuite") in RDFC_SUITES for c in candidates)
            return checks, variant if uses_rdfc else None
        first_failure = first_failure or checks
    return first_failure or [], None


def _signature(
    document: Mapping[str, Any], proofs: list[Any], candidate: _Candidate, variant: ContextVariant
) -> Check:
    label, proof = candidate.label, candidate.proof
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    previous = as_list(proof.get("previousProof"))
    if previous:
        # A proof chain signs the document together with the proofs it names.
        # https://www.w3.org/TR/vc-data-integrity/#proof-chains
        matching = [p for p in proofs if isinstance(p, Mapping) and p.get("id") in previous]
        if len(matching) != len(previous):
            return Check("signature", False, f"{label}previousProof {previous} not found")
        unsecured["proof"] = matching
    if "@context" in proof:
        proof_contexts = as_list(proof["@context"])
        if as_list(document.get("@context"))[: len(proof_contexts)] != proof_contexts:
            return Check("signature", False, f"{label}proof @context does not match the document")
        unsecured["@context"] = proof["@context"]
    try:
        data = hash_data(unsecured, proof, variant=variant)
    except CanonicalizationError as error:
        return Check("canonicalization", False, f"{label}{error}")
    if verify_ed25519(candidate.public_key, candidate.signature, data):
        return Check("signature", True)
    return Check(
        "signature",
        False,
        f"{label}Ed25519 signature does not match (altered, or not signed by this key)",
    )
