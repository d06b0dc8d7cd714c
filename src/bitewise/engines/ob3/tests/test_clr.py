from __future__ import annotations

import copy
from typing import Any

from bitewise.engines.ob3 import (
    Ed25519Key,
    IssuerProfile,
    Recipient,
    build_clr_credential,
    sign_credential,
    verify_credential,
)
from bitewise.engines.ob3.tests.conftest import (
    ISSUED,
    ISSUER_ID,
    NOW,
    make_credential,
    status_of,
)


def test_a_clr_of_signed_badges_verifies_and_so_does_each_badge(
    signed: dict[str, Any], issuer_key: Ed25519Key, key_documents: dict[str, Any]
) -> None:
    second = sign_credential(
        make_credential(credential_id="urn:uuid:00000000-0000-4000-8000-000000000002"),
        issuer_key,
        created=ISSUED,
    )
    clr = build_clr_credential(
        [signed, second],
        Recipient(email="ann@example.com", salt="c1r"),
        issuer=IssuerProfile(id=ISSUER_ID, name="ACME Nursing Association"),
        credential_id="urn:uuid:00000000-0000-4000-8000-0000000000c1",
        valid_from=ISSUED,
        name="ACME transcript",
    )

    signed_clr = sign_credential(clr, issuer_key, created=ISSUED)
    result = verify_credential(signed_clr, now=NOW, key_documents=key_documents)
    embedded = signed_clr["credentialSubject"]["verifiableCredential"]

    assert result.is_valid, result.reason
    assert signed_clr["type"] == ["VerifiableCredential", "ClrCredential"]
    assert len(signed_clr["credentialSubject"]["achievement"]) == 1
    assert all(
        verify_credential(
            vc, now=NOW, key_documents=key_documents, status_lookup=status_of()
        ).is_valid
        for vc in embedded
    )


def test_changing_an_embedded_badge_breaks_the_clr_signature(
    signed: dict[str, Any], issuer_key: Ed25519Key, key_documents: dict[str, Any]
) -> None:
    clr = build_clr_credential(
        [signed],
        Recipient(email="ann@example.com", salt="c1r"),
        issuer=IssuerProfile(id=ISSUER_ID, name="ACME Nursing Association"),
        credential_id="urn:uuid:00000000-0000-4000-8000-0000000000c1",
        valid_from=ISSUED,
        name="ACME transcript",
    )
    signed_clr = sign_credential(clr, issuer_key, created=ISSUED)
    signed_clr["credentialSubject"]["verifiableCredential"][0]["name"] = "Something grander"

    result = verify_credential(signed_clr, now=NOW, key_documents=key_documents)

    assert result.failed("signature")


def test_a_pathway_is_linked_to_its_components_as_clr_associations(
    signed: dict[str, Any],
) -> None:
    component = signed["credentialSubject"]["achievement"]["id"]
    pathway = copy.deepcopy(signed)
    pathway["credentialSubject"]["achievement"]["id"] = "https://bitewise.example/pathways/or"

    clr = build_clr_credential(
        [signed, pathway],
        Recipient(email="ann@example.com", salt="s"),
        issuer=IssuerProfile(id=ISSUER_ID, name="ACME"),
        credential_id="urn:uuid:1",
        valid_from=ISSUED,
        name="Record",
        parts=[
            ("https://bitewise.example/pathways/or", component),
            ("https://bitewise.example/pathways/or", "https://elsewhere.example/not-held"),
        ],
    )

    assert clr["credentialSubject"]["association"] == [
        {
            "type": "Association",
            "associationType": "isParentOf",
            "sourceId": "https://bitewise.example/pathways/or",
            "targetId": component,
        }
    ]
