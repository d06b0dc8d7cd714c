"""Our credentials and status lists, checked by an independent implementation:
Digital Bazaar's @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite (Node.js)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from bitewise.credentials import keystore
from bitewise.credentials.models import IssuedCredential, StatusList
from bitewise.credentials.services.issuers import did_document
from bitewise.credentials.services.record import learner_record
from bitewise.credentials.services.status_lists import status_list_credential
from bitewise.testing import earn, make_micro_credential, make_pathway, make_skill, make_user

HERE = Path(__file__).parent
SCRIPT = HERE / "verify.mjs"
pytestmark = pytest.mark.django_db  # needs `make test-deps` (npm ci in tests/interop)


def digital_bazaar_verifies(
    document: dict[str, Any],
    key_documents: dict[str, Any],
    *,
    check_status: bool = False,
    now: str = "",
) -> dict[str, Any]:
    """Digital Bazaar's verdict; with ``check_status`` it also fetches each status list the
    credential names, over HTTP from its URL, and reads the credential's bit there; ``now``
    (ISO 8601) is the moment to verify at, for tests that move the clock."""
    options = [*(["--check-status"] if check_status else []), *(["--now", now] if now else [])]
    finished = subprocess.run(
        ["node", str(SCRIPT), *options],
        input=json.dumps({"credential": document, "keyDocuments": key_documents}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return json.loads(finished.stdout.strip().splitlines()[-1])


@pytest.fixture
def earned(settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SITE_URL = "https://learn.example.org"
    keystore.reset_cache()
    learner = make_user()
    first = make_micro_credential(skills=[make_skill("Handoffs")], validity_months=12)
    second = make_micro_credential()
    make_pathway([first, second])
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, first)
        earn(learner, second)
    yield learner
    keystore.reset_cache()


def keys_of(credential: IssuedCredential) -> dict[str, Any]:
    return {credential.issuer.did: did_document(issuer=credential.issuer)}


def test_digital_bazaar_verifies_our_micro_credential_and_pathway_badges(earned) -> None:  # type: ignore[no-untyped-def]
    credentials = list(IssuedCredential.objects.filter(learner=earned))
    assert len(credentials) == 3
    for credential in credentials:
        outcome = digital_bazaar_verifies(credential.document, keys_of(credential))
        assert outcome == {"verified": True, "error": None}, credential.title


def test_digital_bazaar_verifies_our_status_list_and_learner_record(earned) -> None:  # type: ignore[no-untyped-def]
    credential = IssuedCredential.objects.filter(learner=earned).first()
    status = status_list_credential(status_list=StatusList.objects.get())
    assert digital_bazaar_verifies(status, keys_of(credential))["verified"] is True
    record = learner_record(learner=earned)
    assert digital_bazaar_verifies(record, keys_of(credential))["verified"] is True


def test_the_learner_record_links_the_pathway_to_its_components_and_still_verifies(earned) -> None:  # type: ignore[no-untyped-def]
    record = learner_record(learner=earned)
    credentials = IssuedCredential.objects.filter(learner=earned).select_related("award")
    ids = {c.title: c.document["credentialSubject"]["achievement"]["id"] for c in credentials}
    pathway = next(c for c in credentials if c.award.pathway_id)
    components = [c for c in credentials if c.award.micro_credential_id]

    associations = record["credentialSubject"]["association"]

    assert {(a["sourceId"], a["targetId"], a["associationType"]) for a in associations} == {
        (ids[pathway.title], ids[c.title], "isParentOf") for c in components
    }
    assert digital_bazaar_verifies(record, keys_of(pathway))["verified"] is True


def test_digital_bazaar_rejects_a_tampered_credential(earned) -> None:  # type: ignore[no-untyped-def]
    credential = IssuedCredential.objects.filter(learner=earned).first()
    tampered = json.loads(json.dumps(credential.document))
    tampered["credentialSubject"]["achievement"]["name"] = "Something else"
    outcome = digital_bazaar_verifies(tampered, keys_of(credential))
    assert outcome["verified"] is False and outcome["error"]


def test_digital_bazaar_verifies_a_webinar_ce_credit_credential_and_the_record_holding_it(
    settings,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from datetime import UTC, datetime, timedelta

    from bitewise.webinars.models import CreditAward, Registration
    from bitewise.webinars.services.attendance import attendance_import
    from bitewise.webinars.tests.factories import attendance_csv, make_webinar, program

    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SITE_URL = "https://learn.example.org"
    keystore.reset_cache()
    day = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    webinar = make_webinar(starts_at=day, credit_program=program("ama-pra-1"))
    learner = make_user()
    Registration.objects.create(webinar=webinar, learner=learner, status="registered")
    data = attendance_csv([(learner.email, day, day + timedelta(minutes=15))])
    with django_capture_on_commit_callbacks(execute=True):
        attendance_import(webinar=webinar, by=None, filename="a.csv", data=data)
    award = CreditAward.objects.get(learner=learner)
    credential = IssuedCredential.objects.get(ce_credit_id=award.pk)
    achievement = credential.document["credentialSubject"]["achievement"]
    assert achievement["creditsAvailable"] == 0.25 and achievement["otherIdentifier"]

    assert digital_bazaar_verifies(credential.document, keys_of(credential)) == {
        "verified": True,
        "error": None,
    }
    record = learner_record(learner=learner)
    assert digital_bazaar_verifies(record, keys_of(credential))["verified"] is True
    keystore.reset_cache()
