from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from bitewise.engines.ob3 import (
    Ed25519Key,
    check_schema,
    identity_hash,
    identity_matches_email,
    sign_credential,
    verify_credential,
)
from bitewise.engines.ob3.tests.conftest import (
    DATA,
    ISSUED,
    NOW,
    load_json,
    make_credential,
)

SCHEMA = json.loads((DATA / "schemas/ob_v3p0_achievementcredential_schema.json").read_text())


def validate(credential: dict[str, Any]) -> None:
    validator = jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    validator.validate(credential)


def test_the_signed_credential_matches_1edtechs_schema(signed: dict[str, Any]) -> None:
    validate(signed)


def test_a_minimal_credential_matches_the_schema_too() -> None:
    validate(make_credential(valid_until=None, awarded=None, evidence=(), status=None))


def test_the_schema_would_catch_a_single_valued_type(signed: dict[str, Any]) -> None:
    signed["credentialSubject"]["achievement"]["type"] = "Achievement"

    with pytest.raises(jsonschema.ValidationError):
        validate(signed)


def test_the_credential_carries_the_achievement_details() -> None:
    credential = make_credential()
    achievement = credential["credentialSubject"]["achievement"]

    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert achievement["criteria"]["narrative"].startswith("Completed all lessons")
    assert achievement["creditsAvailable"] == 1.5
    assert achievement["version"] == "2025.1"
    assert achievement["alignment"][0]["targetType"] == "ceasn:Competency"
    assert achievement["image"] == {
        "id": "https://bitewise.example/media/sterile.png",
        "type": "Image",
        "caption": "Sterile Technique badge",
    }
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert credential["validUntil"] == "2027-01-15T00:00:00Z"


def test_whole_credit_numbers_are_written_as_json_integers() -> None:
    from decimal import Decimal

    from bitewise.engines.ob3.inputs import json_number

    assert [json_number(value) for value in (Decimal("2.0"), 3.0, Decimal("0.25"), 7)] == [
        2,
        3,
        0.25,
        7,
    ]


def test_the_email_is_only_present_salted_and_hashed() -> None:
    credential = make_credential()
    (identity,) = credential["credentialSubject"]["identifier"]

    assert "ann@example.com" not in json.dumps(credential)
    assert identity == {
        "type": "IdentityObject",
        "identityHash": identity_hash("ann@example.com", "5a1t"),
        "identityType": "emailAddress",
        "hashed": True,
        "salt": "5a1t",
    }
    assert identity["identityHash"].startswith("sha256$")


@pytest.mark.parametrize(
    ("email", "matches"),
    [("ann@example.com", True), (" Ann@Example.COM ", True), ("bob@example.com", False)],
    ids=["same", "case-and-space", "other"],
)
def test_an_email_can_be_checked_against_the_hash(email: str, matches: bool) -> None:
    (identity,) = make_credential()["credentialSubject"]["identifier"]

    assert identity_matches_email(identity, email) is matches


def test_the_1edtech_plain_identity_sample_matches() -> None:
    plain = {
        "type": "IdentityObject",
        "identityHash": "student@1edtech.edu",
        "identityType": "emailAddress",
        "hashed": False,
    }

    assert identity_matches_email(plain, "Student@1EdTech.edu")


def test_ce_credit_fields_match_the_schema_and_sign_with_every_term_declared(
    issuer_key: Any,
) -> None:
    from bitewise.engines.ob3 import (
        Achievement,
        Alignment,
        IdentifierEntry,
        IssuerProfile,
        Recipient,
        build_credential,
        sign_credential,
    )
    from bitewise.engines.ob3.tests.conftest import ISSUED, ISSUER_ID

    activity = "https://bitewise.example/ce/activities/live/1/"
    achievement = Achievement(
        id=activity,
        name="Lease accounting in 15",
        description="0.2 NASBA CPE credit",
        criteria_narrative="Attend and answer the attendance checks.",
        achievement_type="CertificateOfCompletion",
        credits_available=0.2,
        field_of_study="Accounting",
        alignments=(
            Alignment(
                target_name="NASBA CPE credit",
                target_url=activity,
                target_type="ext:CreditProgram",
                target_framework="NASBA",
                target_code="nasba-nano",
            ),
        ),
        other_identifiers=(IdentifierEntry("112233", "ext:SponsorId"),),
    )
    document = build_credential(
        achievement,
        Recipient(email="ann@example.com", salt="5a1t", credits_earned=0.2),
        issuer=IssuerProfile(id=ISSUER_ID, name="ACME Accountants"),
        credential_id="urn:uuid:7f1e3f0e-4c2b-4d8e-9b8a-1f2e3d4c5b6b",
        valid_from=ISSUED,
    )

    validate(document)
    shown = document["credentialSubject"]["achievement"]
    assert shown["fieldOfStudy"] == "Accounting"
    assert shown["otherIdentifier"] == [
        {"type": "IdentifierEntry", "identifier": "112233", "identifierType": "ext:SponsorId"}
    ]
    validate(sign_credential(document, issuer_key, created=ISSUED))  # refuses undeclared terms


def test_verification_checks_the_structure_against_1edtechs_schema(
    issuer_key: Ed25519Key, key_documents: dict[str, Any]
) -> None:
    # a credential that canonicalizes and is signed, but whose achievement has no criteria
    credential = make_credential()
    del credential["credentialSubject"]["achievement"]["criteria"]
    signed = sign_credential(credential, issuer_key, created=ISSUED)

    result = verify_credential(signed, now=NOW, key_documents=key_documents)

    assert result.status == "INVALID"
    assert result.failed("schema") and "criteria" in result.reason
    assert not result.failed("signature")


def test_a_single_proof_object_is_read_as_the_schemas_array(signed: dict[str, Any]) -> None:
    [proof] = signed["proof"]

    assert check_schema({**signed, "proof": proof}) == check_schema(signed)
    assert check_schema(signed) is not None and check_schema(signed).ok  # type: ignore[union-attr]


def test_a_status_list_credential_is_not_an_open_badge_for_the_schema() -> None:
    assert check_schema(load_json("1edtech-ob30/bsl-testlist.json")) is None
