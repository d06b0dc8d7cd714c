"""Learner pages: register, join, checks, the transcript and the certificate pages."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from bitewise.accounts.models import User
from bitewise.testing import PASSWORD, earn, make_micro_credential, make_user
from bitewise.webinars.models import CreditAward, Registration, Webinar
from bitewise.webinars.services.attendance import attendance_import
from bitewise.webinars.services.checks import check_open
from bitewise.webinars.tests.factories import attendance_csv, make_webinar, program

pytestmark = pytest.mark.django_db

DAY = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)


def logged_in(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def earned(learner: User, *, title: str = "Hand hygiene in 15", day: datetime = DAY) -> CreditAward:
    webinar = make_webinar(title=title, starts_at=day, credit_program=program("ama-pra-1"))
    Registration.objects.create(webinar=webinar, learner=learner, status="registered")
    data = attendance_csv([(learner.email, day, day + timedelta(minutes=15))])
    attendance_import(webinar=webinar, by=None, filename="a.csv", data=data)
    return CreditAward.objects.get(learner=learner, webinar=webinar)


def test_anyone_sees_the_list_and_a_page_but_must_log_in_to_register() -> None:
    webinar = make_webinar(title="Sepsis screening in 15")
    draft = make_webinar(title="Not yet", publish=False)
    anonymous = Client()
    page = anonymous.get("/webinars/")
    assert page.status_code == 200
    assert "Sepsis screening in 15" in page.content.decode()
    assert "Not yet" not in page.content.decode()
    assert anonymous.get(f"/webinars/{draft.pk}/").status_code == 404
    assert "Sign up to register" in anonymous.get(f"/webinars/{webinar.pk}/").content.decode()
    response = anonymous.post(f"/webinars/{webinar.pk}/register")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_a_learners_own_session_is_listed_once_under_their_sessions() -> None:
    mine = make_webinar(title="Sepsis screening in 15")
    make_webinar(title="Lease accounting in 15")
    learner = make_user()
    Registration.objects.create(webinar=mine, learner=learner, status="registered")

    page = logged_in(learner).get("/webinars/").content.decode()

    assert page.count("Sepsis screening in 15") == 1
    assert page.index("Your sessions") < page.index("Sepsis screening in 15")
    assert page.index("More sessions coming up") < page.index("Lease accounting in 15")


def test_registering_from_the_page_then_the_join_link_opens_shortly_before_the_start(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    starts = timezone.now() + timedelta(minutes=30)
    webinar = make_webinar(starts_at=starts)
    learner = make_user()
    client = logged_in(learner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/webinars/{webinar.pk}/register")
    page = client.get(f"/webinars/{webinar.pk}/").content.decode()
    assert "You are registered" in page and "Join the session" not in page
    early = client.get(f"/webinars/{webinar.pk}/join")
    assert early.status_code == 302 and early["Location"] == f"/webinars/{webinar.pk}/"

    Webinar.objects.filter(pk=webinar.pk).update(starts_at=timezone.now() + timedelta(minutes=5))
    assert "Join the session" in client.get(f"/webinars/{webinar.pk}/").content.decode()
    joined = client.get(f"/webinars/{webinar.pk}/join")
    assert joined.status_code == 302 and joined["Location"] == webinar.join_url

    invite = client.get(f"/webinars/{webinar.pk}/invite.ics")
    assert invite["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in invite.content


def test_someone_not_registered_never_gets_the_join_link() -> None:
    webinar = make_webinar(starts_at=timezone.now() + timedelta(minutes=2))
    client = logged_in(make_user())
    response = client.get(f"/webinars/{webinar.pk}/join")
    assert response.status_code == 302 and webinar.join_url not in response["Location"]
    assert logged_in(make_user()).get(f"/webinars/{webinar.pk}/invite.ics").status_code == 404


def test_a_learner_types_the_check_code_on_the_page() -> None:
    webinar = make_webinar(starts_at=timezone.now() - timedelta(minutes=3))
    learner = make_user()
    Registration.objects.create(webinar=webinar, learner=learner, status="registered")
    check = check_open(webinar=webinar)
    client = logged_in(learner)
    wrong = client.post(f"/webinars/{webinar.pk}/check", {"code": "AAAAA"}, follow=True)
    assert "does not match" in wrong.content.decode()
    right = client.post(f"/webinars/{webinar.pk}/check", {"code": check.code.lower()}, follow=True)
    assert "Code accepted" in right.content.decode()


def test_heartbeat_endpoint_answers_json_and_refuses_bad_values() -> None:
    webinar = make_webinar(starts_at=DAY)
    Webinar.objects.filter(pk=webinar.pk).update(
        recording_url="https://m.example/r.mp4", recording_seconds=600
    )
    client = logged_in(make_user())
    ok = client.post(f"/webinars/{webinar.pk}/heartbeat", {"start": 0, "end": 30})
    assert ok.status_code == 200 and ok.json() == {"watched_seconds": 30, "of_seconds": 600}
    assert client.post(f"/webinars/{webinar.pk}/heartbeat", {"start": "x"}).status_code == 400
    too_far = client.post(f"/webinars/{webinar.pk}/heartbeat", {"start": 590, "end": 700})
    assert too_far.status_code == 400 and "Positions" in too_far.json()["detail"]


def test_the_transcript_lists_webinar_and_micro_credential_credit_and_filters(settings) -> None:  # type: ignore[no-untyped-def]
    learner = make_user()
    earned(learner, title="Hand hygiene in 15", day=DAY)
    earned(learner, title="Older session", day=DAY - timedelta(days=60))
    mc = make_micro_credential(ce_credits=Decimal("1.5"), ce_credit_type="Nursing contact hours")
    earn(learner, mc)
    client = logged_in(learner)

    page = client.get("/ce/transcript/").content.decode()
    assert "Hand hygiene in 15" in page and "Older session" in page and mc.title in page

    since = client.get("/ce/transcript/", {"date_from": "2026-10-01"}).content.decode()
    assert "Older session" not in since and "Hand hygiene in 15" in since
    bad = client.get("/ce/transcript/", {"date_from": "2026-12-01", "date_to": "2026-01-01"})
    assert bad.status_code == 400
    assert client.get("/ce/transcript.csv", {"date_from": "nonsense"}).status_code == 400

    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/ce/transcript.csv", {"unit": "Nursing contact hours"}).content.decode()
            )
        )
    )
    assert [row["Activity"] for row in rows] == [mc.title]
    assert rows[0]["Credit"] == "1.50"

    pdf = client.get("/ce/transcript.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Hand hygiene in 15" in text and mc.title in text


def test_the_certificate_pdf_is_the_owners_and_its_page_is_public_without_the_email() -> None:
    learner = make_user(email="zoe.nunez@example.org")
    User.objects.filter(pk=learner.pk).update(display_name="Zoë Núñez")
    award = earned(learner)
    owner = logged_in(learner)

    pdf = owner.get(f"/ce/certificates/{award.pk}.pdf")
    assert pdf.status_code == 200
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Zoë Núñez" in text and "Hand hygiene in 15" in text and "0.25" in text
    assert f"/ce/certificates/{award.pk}/" in "".join(text.split())  # the URL may wrap

    assert logged_in(make_user()).get(f"/ce/certificates/{award.pk}.pdf").status_code == 404
    public = Client().get(f"/ce/certificates/{award.pk}/")
    body = public.content.decode()
    assert public.status_code == 200 and "Valid" in body and "Zoë Núñez" in body
    assert "zoe.nunez@example.org" not in body

    CreditAward.objects.filter(pk=award.pk).update(
        revoked_at=timezone.now(), revoked_reason="Attendance was misreported"
    )
    assert "Revoked" in Client().get(f"/ce/certificates/{award.pk}/").content.decode()
    refused = owner.get(f"/ce/certificates/{award.pk}.pdf")
    assert refused.status_code == 410 and "Attendance was misreported" in refused.content.decode()
    assert refused["Content-Type"].startswith("text/html")  # no PDF at all
    assert Client().get("/ce/certificates/00000000-0000-4000-8000-000000000000/").status_code == 404


def test_times_show_in_the_webinars_own_zone_on_pages_and_in_email(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from django.core import mail

    from bitewise.webinars.services.registration import registration_create

    starts = datetime(2027, 1, 12, 15, 0, tzinfo=UTC)  # 09:00 in Chicago (CST, UTC-6)
    webinar = make_webinar(starts_at=starts, time_zone="America/Chicago", title="Zone check")
    learner = make_user()
    assert "09:00" in Client().get(f"/webinars/{webinar.pk}/").content.decode()
    assert "09:00" in Client().get("/webinars/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(learner=learner, webinar=webinar)
    assert "09:00 (America/Chicago)" in mail.outbox[0].body


def test_the_transcript_and_certificate_pdfs_print_a_name_in_any_script() -> None:
    import unicodedata

    learner = make_user()
    User.objects.filter(pk=learner.pk).update(display_name="李雷 محمد 😀")
    award = earned(learner)
    client = logged_in(learner)

    for url in ("/ce/transcript.pdf", f"/ce/certificates/{award.pk}.pdf"):
        pdf = PdfReader(io.BytesIO(client.get(url).content))
        text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pdf.pages))
        assert "李雷" in text and "محمد" in text and "😀" in text, url
        assert "?" not in text, url  # nothing replaced
