"""Published test vectors: W3C vc-di-eddsa and 1EdTech validator samples (see data/SOURCES.md)."""

from __future__ import annotations

import pytest

from bitewise.engines.ob3 import status_lookup, verify_credential
from bitewise.engines.ob3.tests.conftest import NOW, load_json, vector_key_documents

W3C_VALID = [
    "eddsa-rdfc-2022_signedDataInt",
    "proof-set-chain_signedProofSet2",
    "proof-set-chain_signedProofChain2",
    "eddsa-jcs-2022_signedJCS",
]


@pytest.mark.parametrize("name", W3C_VALID)
def test_w3c_vectors_verify_when_issuer_binding_is_relaxed(name: str) -> None:
    # The vectors' issuer (https://vc.example/issuers/5678) is not the did:key controller.
    credential = load_json(f"w3c-vc-di-eddsa/{name}.json")

    relaxed = verify_credential(credential, now=NOW, require_issuer_binding=False)
    strict = verify_credential(credential, now=NOW)

    assert relaxed.status == "VALID", relaxed.reason
    assert strict.failed("issuer")


def test_the_w3c_employment_vector_needs_a_context_we_do_not_carry() -> None:
    credential = load_json("w3c-vc-di-eddsa/eddsa-rdfc-2022_employ_signedDataInt.json")

    result = verify_credential(credential, now=NOW, require_issuer_binding=False)

    assert result.failed("canonicalization")
    assert "https://w3id.org/citizenship/v4rc1" in result.reason
    assert "never fetched" in result.reason


VALID_SAMPLES = [
    "1edtech-ob30/simple",
    "1edtech-ob30/simple-did-web-method",
    "1edtech-ob30/endorsement-valid",
    "1edtech-ob30/simple-multiple-proofs",
    "1edtech-ob30/simple-eddsa-2022",
    "1edtech-ob30/bsl-testlist",
    "1edtech-clr20/simple",
]


@pytest.mark.parametrize("name", VALID_SAMPLES)
def test_valid_1edtech_samples_verify(name: str) -> None:
    result = verify_credential(
        load_json(f"{name}.json"), now=NOW, key_documents=vector_key_documents()
    )

    assert result.status == "VALID", result.reason
    assert result.context_variant == "spec"


def test_the_did_key_sample_is_valid_its_urn_issuer_naming_no_key() -> None:
    credential = load_json("1edtech-ob30/simple-did-key-method.json")

    result = verify_credential(credential, now=NOW)

    assert result.status == "VALID", result.reason
    [issuer] = [check for check in result.checks if check.name == "issuer"]
    assert "signed by did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi" in issuer.reason


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("complete", "unsupported credentialStatus type '1EdTechRevocationList'"),
        ("bsl-credential-status-revoked", "no status list was available"),
    ],
)
def test_a_sample_whose_status_cannot_be_read_could_not_be_verified(name: str, reason: str) -> None:
    result = verify_credential(
        load_json(f"1edtech-ob30/{name}.json"),
        now=NOW,
        key_documents=vector_key_documents(),
        status_lookup=status_lookup({}) if name == "complete" else None,
    )

    assert result.status == "COULD_NOT_VERIFY"
    assert result.not_checked("status") and reason in result.reason
    assert [check.name for check in result.failures] == ["status"]


@pytest.mark.parametrize(
    ("name", "check", "reason"),
    [
        ("simple-err-expired", "valid_until", "expired at 2010-01-01T00:00:00Z"),
        ("simple-err-proof-value", "signature", "signature does not match"),
        ("simple-err-type", "canonicalization", "OtherCredential"),
        ("simple-err-issuer-type", "canonicalization", "InvalidProfile"),
    ],
)
def test_1edtech_error_samples_are_invalid(name: str, check: str, reason: str) -> None:
    result = verify_credential(
        load_json(f"1edtech-ob30/{name}.json"), now=NOW, key_documents=vector_key_documents()
    )

    assert result.status == "INVALID"
    assert result.failed(check)
    assert reason in result.reason


def test_a_clr_with_only_a_legacy_proof_type_is_invalid() -> None:
    result = verify_credential(load_json("1edtech-clr20/complex.json"), now=NOW)

    assert result.failed("proof")
    assert "Ed25519Signature2020" in result.reason


def test_the_revoked_1edtech_sample_is_found_revoked_in_its_status_list() -> None:
    credential = load_json("1edtech-ob30/bsl-credential-status-revoked.json")
    status_list = load_json("1edtech-ob30/bsl-testlist.json")
    lookup = status_lookup({credential["credentialStatus"]["statusListCredential"]: status_list})

    result = verify_credential(
        credential, now=NOW, key_documents=vector_key_documents(), status_lookup=lookup
    )

    assert result.failed("status")
    assert "revoked (status list index 23)" in result.reason
    assert not result.failed("signature")
