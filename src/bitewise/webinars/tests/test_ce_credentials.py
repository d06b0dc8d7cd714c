"""Webinar CE credit as a verifiable Open Badges 3.0 credential: issued once per award, with
the credit in the achievement, verifiable, on the learner record, revocable and reinstatable
from either side, and issued for awards made before credentials existed."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from PIL import Image

from bitewise.accounts.models import Role, User
from bitewise.credentials import keystore
from bitewise.credentials.models import CredentialStatusChange, IssuedCredential
from bitewise.credentials.services.record import learner_record
from bitewise.credentials.services.sharing import credential_verify_live
from bitewise.testing import PASSWORD, make_user
from bitewise.webinars.models import CreditAward, Registration, Webinar
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.services.ce_credentials import (
    credit_award_reinstate,
    credit_award_revoke,
    credit_credential_issue,
)
from bitewise.webinars.tests.factories import attendance_csv, make_webinar, program

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
SCHEMA = json.loads(
    (
        Path(__file__).parents[2]
        / "engines/ob3/tests/data/schemas/ob_v3p0_achievementcredential_schema.json"
    ).read_text()
)


@pytest.fixture(autouse=True)
def signing(settings):  # type: ignore[no-untyped-def]
    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SITE_URL = "https://learn.example.org"
    keystore.reset_cache()
    yield
    keystore.reset_cache()


def attend(webinar: Webinar, learner: User, minutes: int = 15) -> None:
    Registration.objects.create(webinar=webinar, learner=learner, status="registered")
    start = webinar.starts_at
    data = attendance_csv([(learner.email, start, start + timedelta(minutes=minutes))])
    attendance_import(webinar=webinar, by=None, filename="a.csv", data=data)


@pytest.fixture
def credited(django_capture_on_commit_callbacks) -> CreditAward:  # type: ignore[no-untyped-def]
    learner = make_user(email="ana@example.org")
    webinar = make_webinar(
        title="Sepsis bundle in 15",
        starts_at=DAY,
        duration_minutes=15,
        credit_program=program("ama-pra-1"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        attend(webinar, learner)
    return CreditAward.objects.get(learner=learner)


def test_a_webinar_credit_award_gets_one_signed_ob3_credential_carrying_the_credit(
    credited: CreditAward,
) -> None:
    credential = IssuedCredential.objects.get(ce_credit_id=credited.pk)
    document = credential.document
    subject = document["credentialSubject"]
    achievement = subject["achievement"]

    assert credential.kind == "ce_credit" and credential.award is None
    assert achievement["creditsAvailable"] == float(credited.credit) == subject["creditsEarned"]
    assert achievement["achievementType"] == "CertificateOfCompletion"
    [program_alignment] = achievement["alignment"]
    assert program_alignment["targetType"] == "ext:CreditProgram"
    assert (program_alignment["targetFramework"], program_alignment["targetCode"]) == (
        "AMA",
        "ama-pra-1",
    )
    assert achievement["otherIdentifier"][0]["identifier"] == "ama-pra-1:v1"
    assert subject["activityEndDate"] == "2026-11-02T15:15:00Z"
    assert document["evidence"][0]["id"].endswith(f"/ce/certificates/{credited.pk}/")
    assert "ana@example.org" not in json.dumps(document)
    jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        document
    )
    assert credential_verify_live(credential).is_valid
    assert credit_credential_issue(award_id=credited.pk) == credential  # exactly once
    assert IssuedCredential.objects.filter(ce_credit_id=credited.pk).count() == 1


def test_the_ce_credential_is_on_the_learner_record_until_revoked(
    credited: CreditAward,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    credential = IssuedCredential.objects.get(ce_credit_id=credited.pk)
    record = learner_record(learner=credited.learner)
    embedded = record["credentialSubject"]["verifiableCredential"]
    assert [c["id"] for c in embedded] == [credential.document["id"]]

    with django_capture_on_commit_callbacks(execute=True):
        credit_award_revoke(award=credited, by=make_user(role=Role.ADMIN), reason="Wrong person")

    assert (
        learner_record(learner=credited.learner)["credentialSubject"]["verifiableCredential"] == []
    )


def test_revoking_the_credit_revokes_its_credential_and_reinstating_restores_both(
    credited: CreditAward,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_user(role=Role.ADMIN)
    credential = IssuedCredential.objects.get(ce_credit_id=credited.pk)

    with django_capture_on_commit_callbacks(execute=True):
        credit_award_revoke(award=credited, by=admin, reason="Attendance was misreported")

    credential.refresh_from_db()
    credited.refresh_from_db()
    assert credential.revoked_reason == credited.revoked_reason == "Attendance was misreported"
    verification = credential_verify_live(credential)
    assert not verification.is_valid
    assert [c.ok for c in verification.checks if c.name == "status"] == [False]

    with django_capture_on_commit_callbacks(execute=True):
        credit_award_reinstate(award=credited, by=admin, reason="Report corrected")

    credential.refresh_from_db()
    credited.refresh_from_db()
    assert credential.revoked_at is None and credited.revoked_at is None
    assert credential_verify_live(credential).is_valid  # the status bit is clear again
    assert [(c.action, c.by) for c in CredentialStatusChange.objects.order_by("at", "pk")] == [
        ("revoked", admin),
        ("reinstated", admin),
    ]


def test_reinstating_needs_a_reason_and_a_revoked_credit(credited: CreditAward) -> None:
    from bitewise.webinars.errors import WebinarError

    admin = make_user(role=Role.ADMIN)
    with pytest.raises(WebinarError, match="not revoked"):
        credit_award_reinstate(award=credited, by=admin, reason="Because")
    credit_award_revoke(award=credited, by=admin, reason="Attendance was misreported")
    with pytest.raises(WebinarError, match="reason"):
        credit_award_reinstate(award=credited, by=admin, reason="  ")
    with pytest.raises(WebinarError, match="Only staff"):
        credit_award_reinstate(award=credited, by=make_user(role=Role.AUTHOR), reason="Why not")

    credited.refresh_from_db()
    assert credited.revoked_at is not None
    assert CredentialStatusChange.objects.filter(action="reinstated").count() == 0


def test_an_admin_reinstates_credit_from_the_credit_report(credited: CreditAward) -> None:
    admin = make_user(role=Role.ADMIN)
    credit_award_revoke(award=credited, by=admin, reason="Attendance was misreported")
    client = Client()
    client.login(email=admin.email, password=PASSWORD)
    assert credited.webinar is not None
    url = reverse("webinars_staff:credit_reinstate", args=[credited.webinar.pk, credited.pk])
    report = client.get(reverse("webinars_staff:credit", args=[credited.webinar.pk])).text
    assert url in report

    response = client.post(url, {"reason": "Report corrected"})

    assert response.status_code == 302
    credited.refresh_from_db()
    assert credited.revoked_at is None
    assert "Valid" in Client().get(f"/ce/certificates/{credited.pk}/").text


def test_awards_made_before_credentials_existed_get_theirs_from_the_command(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    webinar = make_webinar(starts_at=DAY, credit_program=program("ama-pra-1"))
    learners = [make_user() for _ in range(3)]
    for learner in learners:
        attend(webinar, learner, minutes=15)  # events not dispatched: as before this release
    awards = list(CreditAward.objects.order_by("pk"))
    CreditAward.objects.filter(pk=awards[0].pk).update(
        revoked_at=DAY + timedelta(days=1), revoked_reason="Attendance was misreported"
    )
    assert not IssuedCredential.objects.exists()

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("ce_credentials", "issue-missing", stdout=out)
    again = io.StringIO()
    call_command("ce_credentials", "issue-missing", "--now", stdout=again)

    assert out.getvalue().strip() == "3 CE credentials queued for the worker."
    assert again.getvalue().strip() == "0 CE credentials issued."
    assert IssuedCredential.objects.filter(ce_credit_id__isnull=False).count() == 3
    revoked = IssuedCredential.objects.get(ce_credit_id=awards[0].pk)
    assert revoked.is_revoked and revoked.revoked_reason == "Attendance was misreported"
    assert not credential_verify_live(revoked).is_valid  # never valid for a moment


def test_the_achievement_id_and_image_resolve(credited: CreditAward) -> None:
    achievement = IssuedCredential.objects.get(ce_credit_id=credited.pk).document[
        "credentialSubject"
    ]["achievement"]
    site = "https://learn.example.org"
    page = Client().get(achievement["id"].removeprefix(site))
    image = Client().get(achievement["image"]["id"].removeprefix(site))

    assert credited.webinar is not None
    assert page.status_code == 302 and page["Location"] == f"/webinars/{credited.webinar.pk}/"
    assert image["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (400, 400)
    assert Client().get("/ce/activities/live/not-a-uuid/").status_code == 404
    assert Client().get("/ce/activities/other/1/badge.png").status_code == 404


def test_the_ce_credential_has_the_public_page_and_downloads_of_any_badge(
    credited: CreditAward,
) -> None:
    from bitewise.engines import ob3

    credential = IssuedCredential.objects.get(ce_credit_id=credited.pk)
    page = Client().get(f"/credentials/{credential.pk}")
    png = Client().get(f"/credentials/{credential.pk}.png")
    jsonld = Client().get(f"/credentials/{credential.pk}.json")

    assert page.status_code == 200
    assert "CE credit" in page.text and "Valid" in page.text
    certificate = Client().get(f"/ce/certificates/{credited.pk}/")
    assert f'href="/credentials/{credential.pk}"' in certificate.text  # the badge is linked
    assert ob3.unbake_png(png.content) == credential.document
    assert jsonld.json() == credential.document


def test_raised_credit_is_signed_again_in_place_and_never_lowered(credited: CreditAward) -> None:
    from dataclasses import replace
    from decimal import Decimal

    from bitewise.credentials.services.ce import credential_issue_ce
    from bitewise.webinars.services.ce_credentials import ce_credit_of

    credential = IssuedCredential.objects.get(ce_credit_id=credited.pk)
    first = credential.document

    raised = credential_issue_ce(credit=replace(ce_credit_of(credited), credit=Decimal("0.5")))
    lowered = credential_issue_ce(credit=replace(ce_credit_of(credited), credit=Decimal("0.25")))

    assert raised.pk == lowered.pk == credential.pk
    assert raised.document["credentialSubject"]["creditsEarned"] == 0.5
    assert raised.document["credentialStatus"] == first["credentialStatus"]
    assert lowered.document == raised.document  # never signed down
    assert credential_verify_live(lowered).is_valid
    assert IssuedCredential.objects.filter(ce_credit_id=credited.pk).count() == 1
