from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from bitewise.engines.ob3 import (
    Ed25519Key,
    KeyFormatError,
    RsaKey,
    jwk_thumbprint,
    sign_jwt,
    unbake_svg,
    verify_jwt,
)
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

    assert header == {"alg": "EdDSA", "kid": issuer_key.jwk_verification_method, "typ": "JWT"}
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


@pytest.fixture(scope="module")
def rsa_key() -> RsaKey:
    return RsaKey.generate(ISSUER_ID)


def rsa_documents(rsa_key: RsaKey) -> dict[str, Any]:
    return {
        ISSUER_ID: {
            "id": ISSUER_ID,
            "verificationMethod": [rsa_key.verification_method_json()],
            "assertionMethod": [rsa_key.jwk_verification_method],
        }
    }


def test_an_rs256_jwt_names_a_json_web_key_and_verifies(
    credential: dict[str, Any], rsa_key: RsaKey
) -> None:
    token = sign_jwt(credential, rsa_key)

    header = decode_part(token, 0)
    result = verify_jwt(
        token, now=NOW, key_documents=rsa_documents(rsa_key), status_lookup=status_of()
    )

    assert header == {"alg": "RS256", "kid": rsa_key.jwk_verification_method, "typ": "JWT"}
    method = rsa_key.verification_method_json()
    assert method["type"] == "JsonWebKey" and method["publicKeyJwk"]["kty"] == "RSA"
    assert result.status == "VALID", result.reason


def test_an_eddsa_jwt_kid_resolves_to_the_json_web_key_of_the_same_key(
    credential: dict[str, Any], issuer_key: Ed25519Key
) -> None:
    document = issuer_key.controller_document()
    kid = decode_part(sign_jwt(credential, issuer_key), 0)["kid"]

    [method] = [m for m in document["verificationMethod"] if m["id"] == kid]

    assert method["type"] == "JsonWebKey"
    assert method["publicKeyJwk"] == {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": method["publicKeyJwk"]["x"],
    }
    assert kid in document["assertionMethod"]


def test_an_rs256_jwt_signed_by_another_rsa_key_is_refused(
    credential: dict[str, Any], rsa_key: RsaKey
) -> None:
    impostor = RsaKey.generate(ISSUER_ID)
    header = {"alg": "RS256", "kid": rsa_key.jwk_verification_method, "typ": "JWT"}
    token = sign_jwt(credential, impostor)
    _, payload, signature = token.split(".")
    forged = f"{encode_json(header)}.{payload}.{signature}"

    result = verify_jwt(forged, now=NOW, key_documents=rsa_documents(rsa_key))

    assert result.failed("signature")


def test_a_credential_without_a_subject_id_makes_no_jwt(issuer_key: Ed25519Key) -> None:
    with pytest.raises(ValueError, match="sub claim is required"):
        sign_jwt(make_credential(), issuer_key)


def test_a_jwt_without_sub_is_invalid(
    credential: dict[str, Any], issuer_key: Ed25519Key, key_documents: dict[str, Any]
) -> None:
    from bitewise.engines.ob3.jwt import registered_claims

    claims = registered_claims(credential)
    del claims["sub"]
    header = {"alg": "EdDSA", "kid": issuer_key.jwk_verification_method}
    signing_input = f"{encode_json(header)}.{encode_json({**credential, **claims})}"
    signature = b64url_encode(issuer_key.sign(signing_input.encode()))

    result = verify_jwt(f"{signing_input}.{signature}", now=NOW, key_documents=key_documents)

    assert not result.failed("signature")
    assert result.failed("claims") and "sub claim is missing" in result.reason


def test_the_jwk_thumbprint_is_rfc_7638s() -> None:
    # The example of RFC 7638 section 3.1.
    jwk = {
        "kty": "RSA",
        "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSo"
        "c_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0"
        "_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI"
        "4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
        "e": "AQAB",
        "alg": "RS256",
        "kid": "2011-04-29",
    }

    assert jwk_thumbprint(jwk) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_an_rsa_key_survives_its_pkcs8_form(rsa_key: RsaKey) -> None:
    again = RsaKey.from_pkcs8(rsa_key.pkcs8, ISSUER_ID)

    assert again.thumbprint == rsa_key.thumbprint
    with pytest.raises(KeyFormatError):
        RsaKey.from_pkcs8(b"not a key", ISSUER_ID)
