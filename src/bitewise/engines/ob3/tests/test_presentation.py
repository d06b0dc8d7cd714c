from __future__ import annotations

import copy
from typing import Any

import pytest

from bitewise.engines.ob3 import (
    Ed25519Key,
    did_authentication_request,
    presentation_of,
    sign_credential,
    verify_did_authentication,
)
from bitewise.engines.ob3.tests.conftest import NOW

CHALLENGE = "c-7f3b1d"
DOMAIN = "learn.example.org"


@pytest.fixture(scope="module")
def holder() -> Ed25519Key:
    return Ed25519Key.from_seed(bytes(range(1, 33)))


def did_auth(holder: Ed25519Key, **overrides: Any) -> dict[str, Any]:
    options = {"challenge": CHALLENGE, "domain": DOMAIN, **overrides}
    unsigned = presentation_of([], holder=holder.controller)
    del unsigned["verifiableCredential"]
    return sign_credential(unsigned, holder, created=NOW, proof_purpose="authentication", **options)


def test_a_holder_proves_control_of_its_did_key(holder: Ed25519Key) -> None:
    result = verify_did_authentication(
        did_auth(holder), challenge=CHALLENGE, domain=DOMAIN, now=NOW
    )

    assert result.status == "VALID", result.reason


def test_the_request_asks_for_did_authentication_with_did_key() -> None:
    request = did_authentication_request(challenge=CHALLENGE, domain=DOMAIN)

    assert request["query"][0]["type"] == "DIDAuthentication"
    assert request["query"][0]["acceptedMethods"] == [{"method": "key"}]
    assert (request["challenge"], request["domain"]) == (CHALLENGE, DOMAIN)


@pytest.mark.parametrize(
    ("change", "failed"),
    [
        ({"challenge": "another"}, "challenge"),
        ({"domain": "evil.example"}, "domain"),
    ],
    ids=["wrong-challenge", "wrong-domain"],
)
def test_a_proof_for_another_request_is_refused(
    holder: Ed25519Key, change: dict[str, str], failed: str
) -> None:
    result = verify_did_authentication(
        did_auth(holder, **change), challenge=CHALLENGE, domain=DOMAIN, now=NOW
    )

    assert result.status == "INVALID" and result.failed(failed)


def test_an_altered_presentation_is_refused(holder: Ed25519Key) -> None:
    presentation = did_auth(holder)
    presentation["id"] = "urn:uuid:0d6a7b9e-5d4b-4c1a-9f0e-2b1c3d4e5f60"

    result = verify_did_authentication(presentation, challenge=CHALLENGE, domain=DOMAIN, now=NOW)

    assert result.failed("signature")


def test_a_proof_by_a_key_that_is_not_the_holders_is_refused(holder: Ed25519Key) -> None:
    other = Ed25519Key.generate()
    presentation = did_auth(other)
    presentation["holder"] = holder.controller

    result = verify_did_authentication(presentation, challenge=CHALLENGE, domain=DOMAIN, now=NOW)

    assert result.failed("key") and "not a key of the holder" in result.reason


def test_an_assertion_proof_does_not_authenticate(holder: Ed25519Key) -> None:
    unsigned = {k: v for k, v in did_auth(holder).items() if k != "proof"}
    presentation = sign_credential(unsigned, holder, created=NOW, challenge=CHALLENGE)

    result = verify_did_authentication(presentation, challenge=CHALLENGE, domain=DOMAIN, now=NOW)

    assert result.failed("proof")


@pytest.mark.parametrize(
    "presentation",
    ["", "[]", "{", '{"type": "VerifiablePresentation"}', b"\xff"],
    ids=["empty", "array", "broken", "no-context", "bytes"],
)
def test_garbage_is_invalid(presentation: str | bytes) -> None:
    result = verify_did_authentication(presentation, challenge=CHALLENGE, domain=DOMAIN, now=NOW)

    assert result.status == "INVALID"


def test_a_holder_that_is_not_a_did_key_is_refused(holder: Ed25519Key) -> None:
    presentation = copy.deepcopy(did_auth(holder))
    presentation["holder"] = "did:web:evil.example"

    result = verify_did_authentication(presentation, challenge=CHALLENGE, domain=DOMAIN, now=NOW)

    assert result.failed("holder")


def test_the_request_accepts_the_2020_suite_the_learner_credential_wallet_signs_with() -> None:
    request = did_authentication_request(challenge=CHALLENGE, domain=DOMAIN)

    assert request["query"][0]["acceptedCryptosuites"] == [
        {"cryptosuite": "eddsa-rdfc-2022"},
        {"cryptosuite": "Ed25519Signature2020"},
    ]


@pytest.mark.parametrize(
    ("proof_change", "reason"),
    [
        ({"type": "Ed25519Signature2020"}, "names no cryptosuite"),
        ({"type": "RsaSignature2018"}, "expected DataIntegrityProof or Ed25519Signature2020"),
    ],
    ids=["2020-with-cryptosuite", "other-type"],
)
def test_a_proof_of_another_form_is_refused_with_its_reason(
    holder: Ed25519Key, proof_change: dict[str, str], reason: str
) -> None:
    presentation = did_auth(holder)
    [proof] = (
        presentation["proof"]
        if isinstance(presentation["proof"], list)
        else [presentation["proof"]]
    )
    proof.update(proof_change)

    result = verify_did_authentication(presentation, challenge=CHALLENGE, domain=DOMAIN, now=NOW)

    assert result.status != "VALID" and reason in result.reason
