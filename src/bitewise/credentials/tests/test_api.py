"""POST /api/verify and my credentials over the API; the issued JSON against 1EdTech's schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from django.test import Client

from bitewise.accounts.services import api_token_create
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.exports import credential_export
from bitewise.credentials.services.issuing import credential_issue
from bitewise.credentials.tests.foreign import INDEX, Deployment
from bitewise.engines import ob3
from bitewise.learning.models import Award
from bitewise.testing import earn, make_micro_credential, make_user, run_at_once

SCHEMA = (
    Path(__file__).parents[2]
    / "engines/ob3/tests/data/schemas/ob_v3p0_achievementcredential_schema.json"
)
pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(django_capture_on_commit_callbacks) -> IssuedCredential:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        earn(make_user(), make_micro_credential())
    return IssuedCredential.objects.get()


def verify(client: Client, body: object):  # type: ignore[no-untyped-def]
    return client.post("/api/verify", data=json.dumps(body), content_type="application/json")


def test_our_credential_validates_against_the_1edtech_schema(credential: IssuedCredential) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate(credential.document, schema)


def test_verify_accepts_json_ld_and_jwt(client: Client, credential: IssuedCredential) -> None:
    as_json = verify(client, {"credential": credential.document}).json()
    assert as_json["status"] == "VALID" and as_json["format"] == "json"
    assert {c["name"] for c in as_json["checks"]} >= {"signature", "status", "issuer"}
    token = credential_export(credential, "jwt").decode()
    assert verify(client, {"credential": token}).json()["status"] == "VALID"


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_verify_accepts_a_baked_image_upload(
    client: Client, credential: IssuedCredential, fmt: str
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(f"badge.{fmt}", credential_export(credential, fmt))
    result = client.post("/api/verify/file", {"file": upload}).json()
    assert result["status"] == "VALID" and result["format"] == fmt


def test_verify_says_invalid_with_a_reason_for_a_tampered_credential(
    client: Client, credential: IssuedCredential
) -> None:
    tampered = json.loads(json.dumps(credential.document))
    tampered["validFrom"] = "2001-01-01T00:00:00Z"
    result = verify(client, {"credential": tampered}).json()
    assert result["status"] == "INVALID" and "signature" in result["reason"]


def test_verify_handles_another_issuers_did_key_credential(client: Client) -> None:
    from datetime import UTC, datetime

    key = ob3.Ed25519Key.generate()
    document = ob3.build_credential(
        ob3.Achievement(
            id="https://other.example/a", name="Other", description="d", criteria_narrative="c"
        ),
        ob3.Recipient(email="x@mailbox.test", salt="s"),
        issuer=ob3.IssuerProfile(id=key.controller, name="Other issuer"),
        credential_id="urn:uuid:0f4c2a3e-0000-4000-8000-000000000001",
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )
    signed = ob3.sign_credential(document, key, created=datetime(2026, 1, 1, tzinfo=UTC))
    assert verify(client, {"credential": signed}).json()["status"] == "VALID"


@pytest.mark.parametrize(
    "body",
    [{}, {"credential": 42}, {"credential": "not a jwt"}, {"credential": {"@context": []}}, "x"],
    ids=["missing", "number", "junk-string", "empty-context", "string-body"],
)
def test_verify_refuses_bad_input_with_4xx_or_invalid(client: Client, body: object) -> None:
    response = verify(client, body)
    assert response.status_code in (200, 400, 422)
    if response.status_code == 200:
        assert response.json()["status"] == "INVALID"


def test_my_credentials_list_only_mine(client: Client, credential: IssuedCredential) -> None:
    mine = {"Authorization": f"Bearer {api_token_create(user=credential.learner, name='t').secret}"}
    other = {"Authorization": f"Bearer {api_token_create(user=make_user(), name='t').secret}"}
    assert [c["id"] for c in client.get("/api/me/credentials", headers=mine).json()] == [
        str(credential.pk)
    ]
    assert client.get("/api/me/credentials", headers=other).json() == []
    assert client.get("/api/me/credentials").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_two_workers_issuing_the_same_award_make_one_credential(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BITEWISE_EVENT_HANDLERS = {"credential_earned": []}  # issue by hand below
    earn(make_user(), make_micro_credential())
    award = Award.objects.get()
    errors = run_at_once(lambda: credential_issue(award=Award.objects.get(pk=award.pk)), times=3)

    assert errors == []
    assert IssuedCredential.objects.filter(award=award).count() == 1


def test_a_forgery_signed_with_a_made_up_key_for_our_did_is_invalid(
    client: Client, credential: IssuedCredential
) -> None:
    from datetime import UTC, datetime

    forged = json.loads(json.dumps(credential.document))
    forged.pop("proof")
    forged["name"] = "Something never earned"
    fake_key = ob3.Ed25519Key.generate(controller=credential.issuer.did)
    signed = ob3.sign_credential(forged, fake_key, created=datetime.now(UTC).replace(microsecond=0))
    body = {
        "credential": signed,
        "key_documents": {credential.issuer.did: fake_key.controller_document()},
    }
    result = verify(client, body).json()
    assert result["status"] == "INVALID"


@pytest.mark.parametrize(
    "body",
    [
        {"credential": "ey" + "W" * 50 + "." + "W" * 4000 + ".sig"},
        {"credential": {"credentialStatus": {"statusListCredential": []}}},
        {"credential": {"credentialStatus": [{"statusListCredential": {"a": 1}}]}},
    ],
    ids=["junk-jwt", "list-status-url", "dict-status-url"],
)
def test_hostile_verify_input_is_invalid_not_a_500(client: Client, body: object) -> None:
    response = verify(client, body)
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["status"] == "INVALID"


def test_deeply_nested_json_is_invalid_not_a_500(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    nested = b"[" * 100_000 + b"]" * 100_000
    response = client.post("/api/verify/file", {"file": SimpleUploadedFile("deep.json", nested)})
    assert response.status_code == 200 and response.json()["status"] == "INVALID"


def test_a_drafts_badge_image_is_not_public(client: Client) -> None:
    draft = make_micro_credential(publish=False, title="Secret plans")
    response = client.get(f"/achievements/micro-credentials/{draft.slug}/v1/badge.png")
    assert response.status_code == 404


# Three outcomes, kept apart


def test_another_deployments_badge_is_valid_invalid_or_unverifiable_as_its_documents_say(
    client: Client, deployment: Deployment
) -> None:
    badge = {"credential": deployment.credential()}
    deployment.publish()
    assert verify(client, badge).json()["status"] == "VALID"
    deployment.publish(revoked=(INDEX,))
    revoked = verify(client, badge).json()
    assert revoked["status"] == "INVALID" and "revoked" in revoked["reason"]
    deployment.publish(revoked=None)  # the status list is gone
    unreachable = verify(client, badge).json()
    assert unreachable["status"] == "COULD_NOT_VERIFY"
    [status] = [c for c in unreachable["checks"] if c["name"] == "status"]
    assert status == {
        "name": "status",
        "outcome": "not_checked",
        "ok": False,
        "reason": status["reason"],
    }
    assert "HTTP 404" in status["reason"]


def test_a_supplied_status_list_is_used_only_once_it_verifies(
    client: Client, deployment: Deployment
) -> None:
    from bitewise.engines import ob3

    deployment.publish(revoked=None)
    url = deployment.status_url
    body = {"credential": deployment.credential(), "status_lists": {}}
    body["status_lists"] = {url: deployment.status_list(INDEX)}
    assert verify(client, body).json()["status"] == "INVALID"
    forged = deployment.status_list(key=ob3.Ed25519Key.generate(controller=deployment.did))
    body["status_lists"] = {url: forged}
    assert verify(client, body).json()["status"] == "COULD_NOT_VERIFY"
    assert "/status/1" not in deployment.site.requests


def test_the_1edtech_did_key_sample_is_valid(client: Client) -> None:
    sample = json.loads(
        (SCHEMA.parents[1] / "vectors/1edtech-ob30/simple-did-key-method.json").read_text()
    )
    result = verify(client, {"credential": sample}).json()
    assert result["status"] == "VALID", result["reason"]


def test_a_bad_key_document_upload_is_a_400_with_a_message(
    client: Client, credential: IssuedCredential
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/verify/file",
        {
            "file": SimpleUploadedFile("b.json", credential_export(credential, "jsonld")),
            "key_document": SimpleUploadedFile("k.json", b"[]"),
        },
    )
    assert response.status_code == 400
    assert "controller document" in response.json()["detail"]


def test_the_verify_response_schema_documents_the_three_outcomes(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert schema["VerifyOut"]["properties"]["status"]["enum"] == [
        "VALID",
        "INVALID",
        "COULD_NOT_VERIFY",
    ]
    assert schema["VerificationCheckOut"]["properties"]["outcome"]["enum"] == [
        "passed",
        "failed",
        "not_checked",
    ]


def test_an_uploaded_key_document_stands_in_for_an_unreachable_did(
    client: Client, deployment: Deployment
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    deployment.publish(did=False)
    badge = json.dumps(deployment.credential()).encode()
    without = client.post("/api/verify/file", {"file": SimpleUploadedFile("b.json", badge)})
    assert without.json()["status"] == "COULD_NOT_VERIFY"
    document = json.dumps(deployment.key.controller_document()).encode()
    with_key = client.post(
        "/api/verify/file",
        {
            "file": SimpleUploadedFile("b.json", badge),
            "key_document": SimpleUploadedFile("did.json", document),
        },
    )
    assert with_key.json()["status"] == "VALID", with_key.json()["reason"]


def test_the_api_does_not_fetch_from_private_addresses_unless_allowed(
    client: Client, deployment: Deployment, settings
) -> None:  # type: ignore[no-untyped-def]
    deployment.publish()
    settings.BITEWISE_FETCH_PRIVATE_ADDRESSES = False
    result = verify(client, {"credential": deployment.credential()}).json()
    assert result["status"] == "COULD_NOT_VERIFY"
    # the same words as an address that does not answer: no probing of internal ports
    assert "it did not answer, or is not a public address" in result["reason"]
    assert deployment.site.requests == []
    assert deployment.site.requests == []
