"""A revoked credential stops counting as CE credit everywhere (transcript page, totals,
filters, CSV, PDF, API, certificate page and PDF), and a reinstated one counts again."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from pypdf import PdfReader

from bitewise.accounts.models import Role, User
from bitewise.common.models import DomainEvent
from bitewise.credentials import keystore
from bitewise.credentials.models import CredentialStatusChange, IssuedCredential
from bitewise.credentials.services.issuers import issuer_default
from bitewise.credentials.services.revocation import credential_reinstate, credential_revoke
from bitewise.testing import PASSWORD, earn, make_micro_credential, make_user
from bitewise.webinars.models import CreditAward, Registration
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.tests.factories import attendance_csv, make_webinar, program

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
UNIT = "Nursing contact hours"


@pytest.fixture(autouse=True)
def signing(settings):  # type: ignore[no-untyped-def]
    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SITE_URL = "https://learn.example.org"
    keystore.reset_cache()
    yield
    keystore.reset_cache()


@pytest.fixture
def staff() -> User:
    user = make_user(role=Role.AUTHOR)
    issuer_default().staff.add(user)
    return user


def logged_in(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def session_credit(learner: User, capture) -> CreditAward:  # type: ignore[no-untyped-def]
    webinar = make_webinar(
        title="Hand hygiene in 15", starts_at=DAY, credit_program=program("ama-pra-1")
    )
    Registration.objects.create(webinar=webinar, learner=learner, status="registered")
    data = attendance_csv([(learner.email, DAY, DAY + timedelta(minutes=15))])
    with capture(execute=True):
        attendance_import(webinar=webinar, by=None, filename="a.csv", data=data)
    return CreditAward.objects.get(learner=learner, webinar=webinar)


def transcript(client: Client, **query: str) -> dict[str, object]:
    """Every output of the transcript, as the learner gets them."""
    page = client.get("/ce/transcript/", query).content.decode()
    rows = list(
        csv.DictReader(io.StringIO(client.get("/ce/transcript.csv", query).content.decode()))
    )
    pdf = PdfReader(io.BytesIO(client.get("/ce/transcript.pdf", query).content))
    api = client.get("/api/me/ce-credits", query).json()
    return {
        "page": page,
        "csv": [row["Activity"] for row in rows],
        "pdf": " ".join(" ".join(p.extract_text() for p in pdf.pages).split()),
        "api": [row["title"] for row in api],
    }


@pytest.fixture
def learner_with_ce_badge(django_capture_on_commit_callbacks) -> tuple[User, IssuedCredential]:  # type: ignore[no-untyped-def]
    learner = make_user()
    mc = make_micro_credential(
        title="Sepsis screening", ce_credits=Decimal("1.5"), ce_credit_type=UNIT
    )
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, mc)
    session_credit(learner, django_capture_on_commit_callbacks)
    return learner, IssuedCredential.objects.get(learner=learner, award__micro_credential=mc)


def test_a_revoked_micro_credential_badge_leaves_every_transcript_output(
    learner_with_ce_badge: tuple[User, IssuedCredential], staff: User
) -> None:
    learner, badge = learner_with_ce_badge
    client = logged_in(learner)
    before = transcript(client)
    assert "Sepsis screening" in before["csv"] and "Sepsis screening" in before["api"]
    assert "Nursing contact hours</span>" in before["page"]  # its total

    credential_revoke(credential=badge, by=staff, reason="Exam misconduct")

    after = transcript(client)
    assert after["csv"] == after["api"] == ["Hand hygiene in 15"]
    assert "Sepsis screening" not in after["page"] and "Sepsis screening" not in after["pdf"]
    assert UNIT not in after["page"]  # no total, and the unit left the filter's choices
    assert "Hand hygiene in 15" in after["pdf"]
    [change] = CredentialStatusChange.objects.filter(credential=badge)
    assert (change.action, change.reason, change.by) == ("revoked", "Exam misconduct", staff)


def test_reinstating_the_badge_brings_the_credit_back(
    learner_with_ce_badge: tuple[User, IssuedCredential], staff: User
) -> None:
    learner, badge = learner_with_ce_badge
    credential_revoke(credential=badge, by=staff, reason="Exam misconduct")

    credential_reinstate(credential=badge, by=staff, reason="Appeal upheld")

    after = transcript(logged_in(learner))
    assert sorted(after["csv"]) == ["Hand hygiene in 15", "Sepsis screening"]  # type: ignore[type-var]
    assert [c.action for c in badge.status_changes.order_by("at", "pk")] == [
        "revoked",
        "reinstated",
    ]


def test_revoking_a_webinar_credits_badge_on_the_credentials_side_revokes_the_credit(
    learner_with_ce_badge: tuple[User, IssuedCredential],
    staff: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    learner, _ = learner_with_ce_badge
    award = CreditAward.objects.get(learner=learner)
    badge = IssuedCredential.objects.get(ce_credit_id=award.pk)
    admin = make_user(role=Role.ADMIN)  # CE credit is an admin's to manage
    client = logged_in(learner)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        credential_revoke(credential=badge, by=admin, reason="Attendance was misreported")
    # Before the event reaches the CE record, the transcript and the certificate already agree.
    award.refresh_from_db()
    assert award.revoked_at is None
    assert "Hand hygiene in 15" not in transcript(client)["csv"]
    assert "Attendance was misreported" in Client().get(f"/ce/certificates/{award.pk}/").text
    assert client.get(f"/ce/certificates/{award.pk}.pdf").status_code == 410
    body = Client().get(f"/api/certificates/{award.pk}").json()
    assert (body["valid"], body["revoked_reason"]) == (False, "Attendance was misreported")

    for callback in callbacks:
        callback()  # the event is dispatched: the CE record follows
    award.refresh_from_db()
    assert award.revoked_reason == "Attendance was misreported"
    assert DomainEvent.objects.filter(name="credential_status_changed").count() == 1


def test_staff_of_another_issuer_cannot_revoke_a_ce_credit_badge(
    learner_with_ce_badge: tuple[User, IssuedCredential],
) -> None:
    from bitewise.credentials.services.revocation import RevocationError

    learner, _ = learner_with_ce_badge
    badge = IssuedCredential.objects.get(learner=learner, ce_credit_id__isnull=False)
    author = make_user(role=Role.AUTHOR)

    with pytest.raises(RevocationError, match="Only staff"):
        credential_revoke(credential=badge, by=author, reason="Because")

    badge.refresh_from_db()
    assert not badge.is_revoked and not CredentialStatusChange.objects.exists()
