"""DID Authentication: a holder proves control of its DID with a signed presentation.

The verifier asks with a Verifiable Presentation Request of type ``DIDAuthentication``
(https://w3c-ccg.github.io/vp-request-spec/#did-authentication) carrying a challenge and a
domain; the holder answers with a VerifiablePresentation whose proof has
``proofPurpose: authentication`` and the same challenge and domain
(https://www.w3.org/TR/vc-data-integrity/#defn-challenge). Only did:key holders are accepted
here: they resolve without any network (https://w3c-ccg.github.io/did-method-key/).

Two proof forms are accepted: a Data Integrity proof (``DataIntegrityProof`` with an EdDSA
cryptosuite) and ``Ed25519Signature2020``, which the Learner Credential Wallet signs with
(https://w3c-ccg.github.io/di-eddsa-2020/). Both sign SHA-256(canonical proof options) ‖
SHA-256(canonical document) with Ed25519 and carry the signature as base58btc multibase; the
2020 suite's proof options are canonicalized under the document's ``@context`` as well
(jsonld-signatures ``LinkedDataSignature.createVerifyData``), so one hashing serves both.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from bitewise.engines.ob3.checks import NotJsonError, as_list, parse_json_object
from bitewise.engines.ob3.contexts import CREDENTIALS_V1, CREDENTIALS_V2
from bitewise.engines.ob3.dates import parse_datetime
from bitewise.engines.ob3.eddsa import RDFC_2022, SUPPORTED_SUITES, hash_data
from bitewise.engines.ob3.keys import verify_ed25519
from bitewise.engines.ob3.multibase import MultibaseError, decode_base58btc
from bitewise.engines.ob3.rdfc import CanonicalizationError
from bitewise.engines.ob3.resolve import key_resolver
from bitewise.engines.ob3.result import Check, VerificationResult, invalid

DID_AUTHENTICATION = "DIDAuthentication"
ED25519_2020 = "Ed25519Signature2020"
DATA_INTEGRITY_PROOF = "DataIntegrityProof"


def did_authentication_request(*, challenge: str, domain: str) -> dict[str, Any]:
    """The request a verifier sends. https://w3c-ccg.github.io/vp-request-spec/#did-authentication"""
    return {
        "query": [
            {
                "type": DID_AUTHENTICATION,
                "acceptedMethods": [{"method": "key"}],
                "acceptedCryptosuites": [
                    {"cryptosuite": RDFC_2022},
                    {"cryptosuite": ED25519_2020},
                ],
            }
        ],
        "challenge": challenge,
        "domain": domain,
    }


def presentation_of(credentials: list[Mapping[str, Any]], *, holder: str) -> dict[str, Any]:
    """An unsigned presentation carrying ``credentials`` to ``holder`` (an issuer's delivery,
    https://w3c-ccg.github.io/vc-api/#exchanges)."""
    return {
        "@context": [CREDENTIALS_V2],
        "type": ["VerifiablePresentation"],
        "holder": holder,
        "verifiableCredential": [dict(credential) for credential in credentials],
    }


def verify_did_authentication(
    presentation: Mapping[str, Any] | str | bytes,
    *,
    challenge: str,
    domain: str,
    now: datetime,
) -> VerificationResult:
    """Whether ``presentation`` proves control of its ``holder`` DID for this challenge and
    domain; never raises on bad input. The result's ``credential`` is the presentation."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    try:
        if isinstance(presentation, str | bytes):
            presentation = parse_json_object(presentation)
        if not isinstance(presentation, Mapping):
            return invalid("presentation", "expected a JSON object")
        return _verify(dict(presentation), challenge, domain, now)
    except NotJsonError as error:
        return invalid("json", str(error))
    except Exception as error:  # the contract is INVALID with a reason, whatever the input
        return invalid("internal", f"unexpected {type(error).__name__}: {error}")


def holder_of(presentation: Mapping[str, Any]) -> str | None:
    holder = presentation.get("holder")
    if isinstance(holder, Mapping):
        holder = holder.get("id")
    return holder if isinstance(holder, str) else None


def _verify(
    document: dict[str, Any], challenge: str, domain: str, now: datetime
) -> VerificationResult:
    contexts = as_list(document.get("@context"))
    if not contexts or contexts[0] not in (CREDENTIALS_V2, CREDENTIALS_V1):
        return invalid("presentation", "@context must start with the VC context")
    if "VerifiablePresentation" not in as_list(document.get("type")):
        return invalid("presentation", "type must include VerifiablePresentation")
    holder = holder_of(document)
    if holder is None or not holder.startswith("did:key:"):
        return invalid("holder", f"the holder must be a did:key DID, not {holder!r}")
    checks = [Check("presentation", True), Check("holder", True)]
    proofs = [
        p
        for p in as_list(document.get("proof"))
        if isinstance(p, Mapping) and p.get("proofPurpose") == "authentication"
    ]
    if len(proofs) != 1:
        reason = (
            "expected one DataIntegrityProof or Ed25519Signature2020 proof"
            " with proofPurpose authentication"
        )
        return VerificationResult((*checks, Check("proof", False, reason)), credential=document)
    proof = proofs[0]
    problems = _proof_problems(proof, now)
    if problems:
        return VerificationResult((*checks, Check("proof", False, problems)), document)
    checks.append(Check("proof", True))
    checks.append(_matches("challenge", proof.get("challenge"), challenge))
    checks.append(_matches("domain", proof.get("domain"), domain))
    method = str(proof["verificationMethod"])
    if method.partition("#")[0] != holder:
        reason = f"{method} is not a key of the holder {holder}"
        return VerificationResult((*checks, Check("key", False, reason)), credential=document)
    try:
        key = key_resolver()(method)
    except Exception as error:  # a malformed did:key
        return VerificationResult((*checks, Check("key", False, str(error))), document)
    if "authentication" not in key.purposes or not isinstance(key.public_key, Ed25519PublicKey):
        reason = f"{method} is not an Ed25519 authentication key of {holder}"
        return VerificationResult((*checks, Check("key", False, reason)), credential=document)
    checks.append(Check("key", True))
    checks.append(_signature(document, proof, key.public_key))
    return VerificationResult(tuple(checks), credential=document)


def _proof_problems(proof: Mapping[str, Any], now: datetime) -> str:
    kind = proof.get("type")
    if kind not in (DATA_INTEGRITY_PROOF, ED25519_2020):
        return f"unsupported proof type {kind!r}; expected {DATA_INTEGRITY_PROOF} or {ED25519_2020}"
    if kind == ED25519_2020 and "cryptosuite" in proof:
        return f"an {ED25519_2020} proof names no cryptosuite"
    if kind == DATA_INTEGRITY_PROOF and proof.get("cryptosuite") not in SUPPORTED_SUITES:
        supported = ", ".join(sorted(SUPPORTED_SUITES))
        return f"unsupported cryptosuite {proof.get('cryptosuite')!r} (supported: {supported})"
    if not isinstance(proof.get("verificationMethod"), str):
        return "verificationMethod is missing"
    if "expires" in proof:
        try:
            if parse_datetime(proof["expires"]) <= now:
                return f"the proof expired at {proof['expires']}"
        except ValueError:
            return "expires is not a date-time"
    return ""


def _matches(name: str, stated: Any, expected: str) -> Check:
    # A proof's domain may be one string or a set of them.
    values = stated if isinstance(stated, list) else [stated]
    if expected in values:
        return Check(name, True)
    return Check(name, False, f"the proof's {name} {stated!r} is not the one this request issued")


def _signature(
    document: Mapping[str, Any], proof: Mapping[str, Any], public_key: Ed25519PublicKey
) -> Check:
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    try:
        signature = decode_base58btc(str(proof.get("proofValue", "")))
        data = hash_data(unsecured, proof)
    except MultibaseError:
        return Check("signature", False, "proofValue is not a base58btc multibase value")
    except CanonicalizationError as error:
        return Check("canonicalization", False, str(error))
    if len(signature) == 64 and verify_ed25519(public_key, signature, data):
        return Check("signature", True)
    return Check("signature", False, "the signature does not match (altered, or another key)")
