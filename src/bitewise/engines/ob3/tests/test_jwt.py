from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from bitewise.engines.ob3 import Ed25519Key, sign_jwt, unbake_svg, verify_jwt
from bitewise.engines.ob3.jwk import b64url_encode
from bitewise.engines.ob3.tests.conftest import (
    ISSUER_ID,
    NOW,
    VECTORS,
    make_credential,
    status_of,
)


def encode_json(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def decode_part(token: str, index: int) -> dict[str, Any]:
    part = token.split(".")[index]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


@pytest.fixture
def credential() -> dict[str, Any]:
    credential = make_credential()
    credential["credentialSubject"]["id"] = "did:example:learner-17"
    return credential


def test_a_signed_jwt_verifies(
    credential: dict[str, Any], issuer_key: Ed25519Key, key_documents: dict[str, Any]
) -> None:
    token = sign_jwt(credential, issuer_key)

    result = verify_jwt(token, now=NOW, key_documents=key_documents, status_lookup=status_of())

    assert result.status == "VALID", result.reason
    assert result.credential is not None and result.credential["id"] == credential["id"]


def test_the_header_and_claims_follow_ob_3_section_8_2(
    credential: dict[str, Any], issuer_key: Ed25519Key
) -> None:
    token = sign_jwt(credential, issuer_key)

    header, payload = decode_part(token, 0), decode_part(token, 1)

    assert header == {"alg": "EdDSA", "kid": issuer_key.verification_method, "typ": "JWT"}
    assert payload["iss"] == ISSUER_ID
    assert payload["jti"] == credential["id"]
    assert payload["sub"] == "did:example:learner-17"
    assert payload["nbf"] == 1736933400
    assert payload["exp"] == 1799971200
    assert payload["credentialSubject"] == credential["credentialSubject"]


def test_a_vc_claim_token_verifies_too(
    credential: dict[str, Any], issuer_key: Ed25519Key, key_documents: dict[str, Any]
) -> None:
    token = sign_jwt(credential, issuer_key, vc_claim=True)

    result = verify_jwt(token, now=NOW, key_documents=key_documents, status_lookup=status_of())

    assert decode_part(token, 1)["vc"]["id"] == credential["id"]
    assert result.is_valid, result.reason


def test_a_changed_payload_breaks_the_signature(
    credential: dict[str, Any], issuer_key: Ed25519Key, key_documents: dict[str, Any]
) -> None:
    header, payload, signature = sign_jwt(credential, issuer_key).split(".")
    claims = decode_part(f"{header}.{payload}", 1)
    claims["name"] = "Brain Surgery"
    forged = encode_json(claims)

    result = verify_jwt(f"{header}.{forged}.{signature}", now=NOW, key_documents=key_documents)

    assert result.failed("signature")


def test_a_claim_that_contradicts_the_credential_is_invalid(
    credential: dict[str, Any], issuer_key: Ed25519Key, key_documents: dict[str, Any]
) -> None:
    from bitewise.engines.ob3.jwt import registered_claims

    credential_with_claims = {**credential, **registered_claims(credential), "iss": "https://evil"}
    header = {"alg": "EdDSA", "kid": issuer_key.verification_method}
    signing_input = f"{encode_json(header)}.{encode_json(credential_with_claims)}"
    signature = b64url_encode(issuer_key.sign(signing_input.encode()))

    result = verify_jwt(f"{signing_input}.{signature}", now=NOW, key_documents=key_documents)

    assert not result.failed("signature")
    assert result.failed("claims") and "iss" in result.reason


@pytest.mark.parametrize(
    "token",
    ["", "abc", "a.b", "a.b.c.d", "!!!.???.***", "eyJhbGciOiJub25lIn0.e30.", b"\xff.\xfe.\xfd"],
    ids=["empty", "one-part", "two-parts", "four-parts", "not-base64", "alg-none-empty", "bytes"],
)
def test_garbage_tokens_are_invalid(token: str | bytes) -> None:
    result = verify_jwt(token, now=NOW)

    assert result.status == "INVALID"


def test_alg_none_is_refused(credential: dict[str, Any]) -> None:

    result = verify_jwt(f"{encode_json({'alg': 'none'})}.{encode_json(credential)}.", now=NOW)

    assert result.failed("alg")


def test_the_1edtech_rs256_sample_verifies_only_with_its_embedded_key_and_lacks_sub() -> None:
    token = unbake_svg((VECTORS / "1edtech-ob30/simple-jwt.svg").read_text("utf-8"))
    assert isinstance(token, str)

    untrusted = verify_jwt(token, now=NOW)
    trusted = verify_jwt(token, now=NOW, trust_embedded_jwk=True, require_issuer_binding=False)

    assert untrusted.failed("key") and "embedded jwk" in untrusted.reason
    assert not trusted.failed("signature")
    # OB 3.0 section 8.2.4.2 requires sub = credentialSubject.id; this sample sends aud instead.
    assert [check.name for check in trusted.failures] == ["claims"]
    assert "sub" in trusted.reason


def test_the_1edtech_simple_jwt_names_no_key() -> None:
    token = (VECTORS / "1edtech-ob30/simple.jwt").read_text("utf-8")

    result = verify_jwt(token, now=NOW)

    assert result.failed("key") and "neither kid nor jwk" in result.reason


def test_a_jwt_by_another_key_is_refused(credential: dict[str, Any]) -> None:
    impostor = Ed25519Key.generate(ISSUER_ID)
    token = sign_jwt(credential, impostor)
    honest = Ed25519Key.from_seed(bytes(range(32)), ISSUER_ID).controller_document()

    result = verify_jwt(token, now=NOW, key_documents={ISSUER_ID: honest})

    assert result.failed("key")
