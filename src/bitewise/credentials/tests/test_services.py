from __future__ import annotations

import pytest
from django.utils import timezone

from bitewise.accounts.models import Role
from bitewise.credentials.models import IssuedCredential, SigningKey
from bitewise.credentials.services.exports import credential_export
from bitewise.credentials.services.issuers import (
    did_document,
    issuer_default,
    rsa_key_active,
    signing_key_active,
    signing_key_rotate,
)
from bitewise.credentials.services.issuing import credential_issue
from bitewise.credentials.services.local_issuers import database_issuers
from bitewise.credentials.services.revocation import RevocationError, credential_revoke
from bitewise.credentials.services.sharing import credential_verify_live
from bitewise.credentials.services.verification import verify_bytes
from bitewise.learning.models import Award
from bitewise.testing import earn, make_micro_credential, make_pathway, make_skill, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    learner = make_user(email="Nurse.Ana@Example.org")
    mc = make_micro_credential(skills=[make_skill("Handoffs")], validity_months=24)
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, mc)
    return IssuedCredential.objects.get(learner=learner)


def admin_of(credential: IssuedCredential):  # type: ignore[no-untyped-def]
    staff = make_user(role=Role.ADMIN)
    credential.issuer.staff.add(staff)
    return staff


def test_earning_issues_one_signed_credential_that_verifies(issued: IssuedCredential) -> None:
    doc = issued.document
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert doc["issuer"]["id"] == "did:web:learn.example.org"
    assert doc["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert doc["proof"][0]["verificationMethod"].startswith("did:web:learn.example.org#z6Mk")
    assert doc["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert doc["validUntil"] > doc["validFrom"]
    assert "Handoffs" in [
        a["targetName"] for a in doc["credentialSubject"]["achievement"]["alignment"]
    ]
    assert credential_verify_live(issued).is_valid


def test_no_email_address_appears_in_the_credential(issued: IssuedCredential) -> None:
    import json

    text = json.dumps(issued.document).lower()
    assert "nurse.ana@example.org" not in text and "@example.org" not in text
    [identity] = issued.document["credentialSubject"]["identifier"]
    assert identity["identityHash"].startswith("sha256$") and identity["hashed"] is True


def test_issuing_twice_returns_the_same_credential(issued: IssuedCredential) -> None:
    again = credential_issue(award=issued.award)
    assert again.pk == issued.pk
    assert IssuedCredential.objects.count() == 1


def test_the_private_key_is_never_stored_in_clear(issued: IssuedCredential) -> None:
    from bitewise.credentials.services.issuers import engine_key

    key = SigningKey.objects.get()
    seed = engine_key(key).seed
    assert seed.hex() not in key.encrypted_seed and seed not in key.encrypted_seed.encode()


def test_rotation_keeps_old_credentials_verifiable(issued: IssuedCredential) -> None:
    old = signing_key_active(issuer=issued.issuer)
    rsa_key_active(issuer=issued.issuer)
    new = signing_key_rotate(issuer=issued.issuer)
    assert new.pk != old.pk
    document = did_document(issuer=issued.issuer)
    multikeys = [m for m in document["verificationMethod"] if m["type"] == "Multikey"]
    assert {m["publicKeyMultibase"] for m in multikeys} == {
        old.public_key_multibase,
        new.public_key_multibase,
    }
    rsa = [
        m for m in document["verificationMethod"] if m.get("publicKeyJwk", {}).get("kty") == "RSA"
    ]
    assert len(rsa) == 2, "the retired RSA key stays listed beside the new one"
    assert credential_verify_live(issued).is_valid


def test_revoking_shows_at_once_in_verification(issued: IssuedCredential) -> None:
    credential_revoke(credential=issued, by=admin_of(issued), reason="Issued in error")
    result = credential_verify_live(issued)
    assert not result.is_valid
    assert result.failed("status") and "revoked" in result.reason


def test_revocation_needs_a_reason_and_the_issuers_staff(issued: IssuedCredential) -> None:
    with pytest.raises(RevocationError, match="reason"):
        credential_revoke(credential=issued, by=admin_of(issued), reason="  ")
    outsider = make_user(role=Role.ADMIN)  # staff, but of no issuer of this credential
    with pytest.raises(RevocationError, match="issuer"):
        credential_revoke(credential=issued, by=outsider, reason="no")
    issued.refresh_from_db()
    assert not issued.is_revoked


def test_a_pathway_credential_names_its_components_and_is_flagged_when_one_is_revoked(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    learner = make_user()
    first, second = make_micro_credential(), make_micro_credential()
    make_pathway([first, second])
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, first)
        earn(learner, second)
    pathway_credential = IssuedCredential.objects.get(award__pathway__isnull=False)
    names = [e["name"] for e in pathway_credential.document["evidence"]]
    assert names == [first.title, second.title]
    component = IssuedCredential.objects.get(award__micro_credential=first)
    assert pathway_credential.document["evidence"][0]["id"].endswith(str(component.pk))

    credential_revoke(credential=component, by=admin_of(component), reason="Exam misconduct")

    pathway_credential.refresh_from_db()
    assert pathway_credential.needs_review and "revoked" in pathway_credential.review_reason
    assert not pathway_credential.is_revoked


@pytest.mark.parametrize("fmt", ["jsonld", "jwt", "png", "svg"])
def test_every_download_verifies(issued: IssuedCredential, fmt: str) -> None:
    kind, result = verify_bytes(credential_export(issued, fmt), local=database_issuers)
    assert result.is_valid, result.reason
    assert kind == {"jsonld": "json"}.get(fmt, fmt)


def test_a_tampered_download_is_invalid(issued: IssuedCredential) -> None:
    data = credential_export(issued, "jsonld").replace(b"Micro-credential", b"Macro-credential")
    _, result = verify_bytes(data, local=database_issuers)
    assert result.status == "INVALID" and result.failed("signature")


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b"not json at all", b"\x89PNG\r\n\x1a\nbroken", b"<svg>", b"[1,2]"],
    ids=["empty", "truncated", "text", "broken-png", "bare-svg", "array"],
)
def test_junk_is_invalid_with_a_reason_not_a_crash(data: bytes) -> None:
    _, result = verify_bytes(data, local=database_issuers)
    assert result.status == "INVALID" and result.reason


def test_the_default_issuer_is_created_once() -> None:
    assert issuer_default().pk == issuer_default().pk


def test_expired_credentials_are_invalid(issued: IssuedCredential, time_machine) -> None:  # type: ignore[no-untyped-def]
    time_machine.move_to(timezone.now().replace(year=timezone.now().year + 3))
    result = credential_verify_live(issued)
    assert not result.is_valid and result.failed("valid_until")


def test_awards_without_events_are_not_issued_twice_by_a_retry(issued: IssuedCredential) -> None:
    from bitewise.common.models import DomainEvent
    from bitewise.credentials.handlers import issue_on_earned

    event = DomainEvent.objects.get(key=f"credential_earned:award:{issued.award_id}")
    issue_on_earned(event.payload)
    assert IssuedCredential.objects.filter(award=Award.objects.get()).count() == 1


def test_a_directly_granted_badge_claims_no_lessons_or_score(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from bitewise.learning.services import award_grant

    learner, mc = make_user(), make_micro_credential()
    with django_capture_on_commit_callbacks(execute=True):
        award_grant(learner=learner, micro_credential=mc, granted_by=make_user(role=Role.ADMIN))
    credential = IssuedCredential.objects.get(learner=learner)
    [evidence] = credential.document["evidence"]
    assert evidence["name"] == "Awarded directly by the issuer"
    assert credential_verify_live(credential).is_valid
