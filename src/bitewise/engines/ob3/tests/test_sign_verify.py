from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from bitewise.engines.ob3 import (
    CanonicalizationError,
    Ed25519Key,
    sign_credential,
    verify_credential,
)
from bitewise.engines.ob3.contexts import OB_V3P0
from bitewise.engines.ob3.tests.conftest import (
    ISSUED,
    ISSUER_ID,
    NOW,
    make_credential,
    status_of,
)

Documents = dict[str, dict[str, Any]]


def test_a_signed_credential_verifies(signed: dict[str, Any], key_documents: Documents) -> None:
    result = verify_credential(
        signed, now=NOW, key_documents=key_documents, status_lookup=status_of()
    )

    assert result.status == "VALID", result.reason
    assert [check.name for check in result.checks] == [
        "credential",
        "schema",
        "proof",
        "key",
        "issuer",
        "signature",
        "valid_from",
        "valid_until",
        "status",
    ]
    assert result.context_variant == "spec"


def test_the_proof_is_eddsa_rdfc_2022_by_the_issuers_key(
    signed: dict[str, Any], issuer_key: Ed25519Key
) -> None:
    (proof,) = signed["proof"]

    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["verificationMethod"] == f"{ISSUER_ID}#{issuer_key.public_key_multibase}"
    assert proof["proofValue"].startswith("z")
    assert proof["created"] == "2025-01-15T09:30:00Z"


def test_signing_reproduces_the_w3c_test_vector() -> None:
    # https://www.w3.org/TR/vc-di-eddsa/#representation-eddsa-rdfc-2022 key pair; Ed25519 is
    # deterministic, so the proofValue must match byte for byte.
    from bitewise.engines.ob3.tests.conftest import load_json

    vector = load_json("w3c-vc-di-eddsa/eddsa-rdfc-2022_signedDataInt.json")
    expected = vector.pop("proof")
    public = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    key = Ed25519Key.from_secret_multibase(
        "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", controller=f"did:key:{public}"
    )

    signed = sign_credential(vector, key, created=datetime.fromisoformat(expected["created"]))

    assert signed["proof"] == [expected]


def test_a_key_that_did_not_sign_is_refused(signed: dict[str, Any]) -> None:
    impostor = Ed25519Key.generate(ISSUER_ID)
    documents = {ISSUER_ID: impostor.controller_document()}
    signed["proof"][0]["verificationMethod"] = impostor.verification_method

    result = verify_credential(signed, now=NOW, key_documents=documents)

    assert result.status == "INVALID"
    assert result.failed("signature")


def test_a_key_of_another_controller_breaks_issuer_binding(issuer_key: Ed25519Key) -> None:
    stranger = Ed25519Key.generate()
    signed = sign_credential(make_credential(), stranger, created=ISSUED)

    strict = verify_credential(signed, now=NOW, status_lookup=status_of())
    relaxed = verify_credential(
        signed, now=NOW, require_issuer_binding=False, status_lookup=status_of()
    )

    assert strict.status == "INVALID"
    assert strict.failed("issuer") and "is not the issuer" in strict.reason
    assert relaxed.is_valid, relaxed.reason


def test_an_unknown_controller_is_reported(signed: dict[str, Any]) -> None:
    result = verify_credential(signed, now=NOW)

    assert result.failed("key")
    assert "no controller document supplied" in result.reason


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("name",), "Brain Surgery"),
        (("issuer", "name"), "Someone Else"),
        (("validFrom",), "2025-01-14T09:30:00Z"),
        (("credentialSubject", "achievement", "name"), "Neurosurgery"),
        (("credentialSubject", "achievement", "creditsAvailable"), 15),
        (("credentialSubject", "identifier", 0, "identityHash"), "sha256$" + "0" * 64),
        (("credentialSubject", "achievement", "criteria", "narrative"), "Showed up."),
        (("evidence", 0, "narrative"), "Final quiz: 10 of 10 correct"),
        (("credentialStatus", "statusListIndex"), "43"),
        (("proof", 0, "created"), "2025-01-16T09:30:00Z"),
    ],
    ids=lambda value: ".".join(map(str, value)) if isinstance(value, tuple) else None,
)
def test_changing_any_field_breaks_the_signature(
    signed: dict[str, Any], key_documents: Documents, path: tuple[str | int, ...], value: Any
) -> None:
    target: Any = signed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value

    result = verify_credential(signed, now=NOW, key_documents=key_documents)

    assert result.status == "INVALID"
    assert result.failed("signature")


def test_an_added_undeclared_term_is_a_canonicalization_error(
    signed: dict[str, Any], key_documents: Documents
) -> None:
    signed["credentialSubject"]["favouriteColour"] = "green"

    result = verify_credential(signed, now=NOW, key_documents=key_documents)

    assert result.failed("canonicalization")
    assert "favouriteColour" in result.reason


def test_signing_refuses_an_undeclared_term(issuer_key: Ed25519Key) -> None:
    credential = make_credential()
    credential["bitewiseInternalId"] = 17

    with pytest.raises(CanonicalizationError, match="bitewiseInternalId"):
        sign_credential(credential, issuer_key, created=ISSUED)


def test_an_expired_credential_is_invalid(signed: dict[str, Any], key_documents: Documents) -> None:
    result = verify_credential(
        signed, now=datetime(2027, 1, 15, tzinfo=UTC), key_documents=key_documents
    )

    assert result.failed("valid_until")
    assert "expired at 2027-01-15T00:00:00Z" in result.reason
    assert not result.failed("signature")


def test_a_credential_is_not_valid_before_valid_from(
    signed: dict[str, Any], key_documents: Documents
) -> None:
    result = verify_credential(
        signed, now=datetime(2025, 1, 1, tzinfo=UTC), key_documents=key_documents
    )

    assert result.failed("valid_from")


@pytest.mark.parametrize(
    ("proof_value", "expected"),
    [
        ("not-multibase", "not a base58btc multibase value"),
        ("z0OIl", "not a base58btc multibase value"),
        ("z3p", "not a 64-byte Ed25519 signature"),
        (None, "not a base58btc multibase value"),
        (12345, "not a base58btc multibase value"),
    ],
    ids=["no-prefix", "bad-alphabet", "too-short", "missing", "number"],
)
def test_a_malformed_proof_value_is_reported(
    signed: dict[str, Any], key_documents: Documents, proof_value: Any, expected: str
) -> None:
    signed["proof"][0]["proofValue"] = proof_value

    result = verify_credential(signed, now=NOW, key_documents=key_documents)

    assert result.failed("proof")
    assert expected in result.reason


@pytest.mark.parametrize(
    "mutation",
    [
        lambda proof: proof.update(cryptosuite="ecdsa-rdfc-2019"),
        lambda proof: proof.update(proofPurpose="authentication"),
        lambda proof: proof.pop("verificationMethod"),
        lambda proof: proof.update(created="yesterday"),
        lambda proof: proof.update(expires="2025-02-01T00:00:00Z"),
    ],
    ids=["other-cryptosuite", "other-purpose", "no-method", "bad-created", "proof-expired"],
)
def test_a_malformed_proof_is_invalid(
    signed: dict[str, Any], key_documents: Documents, mutation: Any
) -> None:
    mutation(signed["proof"][0])

    result = verify_credential(signed, now=NOW, key_documents=key_documents)

    assert result.status == "INVALID"
    assert result.failed("proof") or result.failed("cryptosuite")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json at all",
        b"[1, 2, 3]",
        b'"a string"',
        b"\xff\xfe\x00garbage",
        b'{"a": NaN}',
        b'{"id": 1, "id": 2}',
        b"[" * 100_000,
    ],
    ids=["empty", "text", "array", "string", "not-utf8", "nan", "duplicate-key", "deep-nesting"],
)
def test_input_that_is_not_a_json_object_is_invalid(raw: bytes) -> None:
    result = verify_credential(raw, now=NOW)

    assert result.status == "INVALID"
    assert result.failed("json")


@pytest.mark.parametrize("cut", [1, 50, 500, -200, -2])
def test_truncated_bytes_are_invalid(
    signed: dict[str, Any], key_documents: Documents, cut: int
) -> None:
    raw = json.dumps(signed).encode("utf-8")

    result = verify_credential(raw[:cut], now=NOW, key_documents=key_documents)

    assert result.status == "INVALID"
    assert result.failed("json")


def test_verifying_the_serialised_bytes_works(
    signed: dict[str, Any], key_documents: Documents
) -> None:
    result = verify_credential(
        json.dumps(signed).encode(), now=NOW, key_documents=key_documents, status_lookup=status_of()
    )

    assert result.is_valid, result.reason


@pytest.mark.parametrize(
    "value",
    [None, 42, ["list"], {"proof": "nothing else"}],
    ids=["none", "number", "list", "bare-object"],
)
def test_other_input_types_never_raise(value: Any) -> None:
    result = verify_credential(value, now=NOW)

    assert result.status == "INVALID"


def test_a_credential_without_proof_is_invalid(key_documents: Documents) -> None:
    result = verify_credential(make_credential(), now=NOW, key_documents=key_documents)

    assert result.failed("proof")
    assert "no proof" in result.reason


def test_a_second_signature_makes_a_proof_set(
    signed: dict[str, Any], key_documents: Documents
) -> None:
    cosigner = Ed25519Key.generate(ISSUER_ID)
    documents = {ISSUER_ID: cosigner.controller_document()}
    documents[ISSUER_ID]["verificationMethod"] += key_documents[ISSUER_ID]["verificationMethod"]
    documents[ISSUER_ID]["assertionMethod"] += key_documents[ISSUER_ID]["assertionMethod"]

    both = sign_credential(signed, cosigner, created=ISSUED)
    result = verify_credential(both, now=NOW, key_documents=documents, status_lookup=status_of())

    assert len(both["proof"]) == 2
    assert result.is_valid, result.reason
    assert [check.name for check in result.checks].count("signature") == 2


def test_a_term_only_the_validators_context_declares_verifies_under_that_copy(
    issuer_key: Ed25519Key, key_documents: Documents
) -> None:
    credential = make_credential(with_schema=False)
    credential["endorsementJwt"] = ["eyJhbGciOiJFZERTQSJ9.e30.c2ln"]
    signed = sign_credential(credential, issuer_key, created=ISSUED, variant="validator")

    result = verify_credential(
        signed, now=NOW, key_documents=key_documents, status_lookup=status_of()
    )
    spec_only = verify_credential(signed, now=NOW, key_documents=key_documents, variants=["spec"])

    assert OB_V3P0 in signed["@context"]
    assert result.is_valid, result.reason
    assert result.context_variant == "validator"
    assert spec_only.failed("canonicalization")
    assert "endorsementJwt" in spec_only.reason


def test_a_failing_resolver_is_reported_not_raised(signed: dict[str, Any]) -> None:
    def broken(method_id: str) -> Any:
        raise RuntimeError("registry is down")

    result = verify_credential(signed, now=NOW, resolver=broken, status_lookup=status_of())

    assert result.not_checked("key")
    assert "registry is down" in result.reason
    assert result.status == "COULD_NOT_VERIFY"


def test_an_unknown_controller_leaves_the_credential_unverified_not_invalid(
    signed: dict[str, Any],
) -> None:
    result = verify_credential(signed, now=NOW, status_lookup=status_of())

    assert result.not_checked("key") and "no controller document supplied" in result.reason
    assert result.status == "COULD_NOT_VERIFY"


def test_a_controller_document_that_lacks_the_key_makes_it_invalid(
    signed: dict[str, Any],
) -> None:
    other = Ed25519Key.generate(controller=ISSUER_ID).controller_document()

    result = verify_credential(
        signed, now=NOW, key_documents={ISSUER_ID: other}, status_lookup=status_of()
    )

    assert result.failed("key") and not result.not_checked("key")
    assert result.status == "INVALID"


def test_an_issuer_known_only_by_a_urn_is_bound_to_no_key_and_says_who_signed() -> None:
    stranger = Ed25519Key.generate()
    urn = "urn:uuid:6f2e33e5-7a29-4155-840a-59483ba10164"
    credential = make_credential()
    credential["issuer"] = {**credential["issuer"], "id": urn}
    signed = sign_credential(credential, stranger, created=ISSUED)

    result = verify_credential(signed, now=NOW, status_lookup=status_of())

    [issuer] = [check for check in result.checks if check.name == "issuer"]
    assert issuer.ok and stranger.controller in issuer.reason and urn in issuer.reason
    assert result.status == "VALID"


def test_now_must_be_aware(signed: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="aware"):
        verify_credential(signed, now=datetime(2025, 6, 1))  # noqa: DTZ001
