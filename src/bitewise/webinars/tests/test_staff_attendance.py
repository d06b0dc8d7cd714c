"""Staff webinar pages: attendance reports, unmatched people, the credit report and its
revocations, check codes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.testing import make_user
from bitewise.webinars.models import (
    Attendance,
    AttendanceImport,
    CreditAward,
    UnmatchedAttendee,
    UnmatchedStatus,
    Webinar,
)
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.staff_support import (
    AFTER_ZOOM,
    BEFORE_ZOOM,
    DATA,
    ZOOM_SESSION,
    logged_in,
    make_webinar,
    program,
    text,
    upload,
)

pytestmark = pytest.mark.django_db

# ---- attendance reports ------------------------------------------------------------------


@pytest.fixture
def zoom_webinar(author: User) -> Iterator[Webinar]:
    """The Zoom fixture's session, hosted by ``author``, with three registrants: two
    attended, one did not."""
    with time_machine.travel(BEFORE_ZOOM, tick=False):
        webinar = make_webinar(
            publish=True,
            by=author,
            starts_at=ZOOM_SESSION,
            duration_minutes=20,
            credit_program=program("ama-pra-1"),
        )
        for email in (
            "maria.gonzalez@stlukes.example",
            "dev.patel@mercy-health.example",
            "ruth.brown@example.net",
        ):
            registration_create(learner=make_user(email=email), webinar=webinar)
    with time_machine.travel(AFTER_ZOOM, tick=False):
        yield webinar


def import_zoom(client: Client, webinar: Webinar) -> Any:
    return client.post(
        reverse("webinars_staff:import_new", args=[webinar.pk]),
        {
            "file": upload("participants.csv", (DATA / "zoom_participants.csv").read_bytes()),
            "platform": "",
            "time_zone": "America/New_York",
        },
        follow=True,
    )


def test_importing_the_zoom_report_shows_what_matched_and_what_did_not(
    client: Client, author: User, zoom_webinar: Webinar
) -> None:
    response = import_zoom(logged_in(client, author), zoom_webinar)

    record = AttendanceImport.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "webinars_staff:import", args=[zoom_webinar.pk, record.pk]
    )
    assert (record.platform, record.encoding) == ("zoom", "utf-8-sig")
    assert (record.matched, record.unmatched, len(record.rejected)) == (2, 3, 3)
    assert record.never_joined == ["ruth.brown@example.net"]
    page = text(response)
    assert "Read 11 rows: 2 matched, 3 to resolve, 3 rejected." in page
    for shown in (
        "Chloé Martin",
        "no email: matching by name is not safe",
        "leave time is before join time",
        "Call-in User_1,,11/28/2026 10:02:17 AM",
        "ruth.brown@example.net",
        "1 row of time in the waiting room not counted.",
    ):
        assert shown in page
    maria = Attendance.objects.get(learner__email="maria.gonzalez@stlukes.example")
    assert maria.minutes == Decimal("17.03")
    assert CreditAward.objects.get(learner=maria.learner).credit == Decimal("0.25")


def test_resolving_an_unmatched_person_creates_attendance_and_credit(
    client: Client, author: User, zoom_webinar: Webinar
) -> None:
    import_zoom(logged_in(client, author), zoom_webinar)
    ngozi = make_user(email="n.okafor@hospital.example")
    row = UnmatchedAttendee.objects.get(email="ngozi.okafor@example.org")

    response = client.post(
        reverse("webinars_staff:unmatched_resolve", args=[zoom_webinar.pk, row.pk]),
        {"email": "N.Okafor@hospital.example"},
    )

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.resolved_to, row.resolved_by) == (
        UnmatchedStatus.MATCHED,
        ngozi,
        author,
    )
    assert Attendance.objects.get(learner=ngozi, webinar=zoom_webinar).minutes == Decimal("15.33")
    award = CreditAward.objects.get(learner=ngozi, webinar=zoom_webinar)
    assert (award.credit, award.program_code) == (Decimal("0.25"), "ama-pra-1")


def test_resolving_to_an_unknown_address_is_refused(
    client: Client, author: User, zoom_webinar: Webinar
) -> None:
    import_zoom(logged_in(client, author), zoom_webinar)
    row = UnmatchedAttendee.objects.get(email="chloe.martin@clinique.example")

    response = client.post(
        reverse("webinars_staff:unmatched_resolve", args=[zoom_webinar.pk, row.pk]),
        {"email": "nobody@example.org"},
    )

    assert response.status_code == 400
    assert "No learner has the address nobody@example.org." in text(response)
    row.refresh_from_db()
    assert row.status == UnmatchedStatus.OPEN


def test_dismissing_needs_a_note(client: Client, author: User, zoom_webinar: Webinar) -> None:
    import_zoom(logged_in(client, author), zoom_webinar)
    row = UnmatchedAttendee.objects.get(email="education@nursing-assoc.example")
    url = reverse("webinars_staff:unmatched_dismiss", args=[zoom_webinar.pk, row.pk])

    refused = client.post(url, {"note": "  "})
    row.refresh_from_db()
    status_after_refusal = row.status
    accepted = client.post(url, {"note": "The host account"})

    assert refused.status_code == 400
    assert "Say why this row is dismissed" in text(refused)
    assert status_after_refusal == UnmatchedStatus.OPEN
    assert accepted.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.note) == (UnmatchedStatus.DISMISSED, "The host account")


def test_a_file_that_is_not_csv_is_refused_with_a_clear_message(
    client: Client, author: User
) -> None:
    webinar = make_webinar(by=author)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"

    response = logged_in(client, author).post(
        reverse("webinars_staff:import_new", args=[webinar.pk]),
        {"file": upload("screenshot.png", png), "platform": "", "time_zone": ""},
    )

    assert response.status_code == 400
    assert "does not look like a text attendance report; export it as CSV" in text(response)
    assert not AttendanceImport.objects.exists()


def test_an_import_in_an_unknown_time_zone_is_refused(client: Client, author: User) -> None:
    webinar = make_webinar(by=author)
    report = b"Email,Join Time,Leave Time\nann@example.org,2026-12-01 10:00,2026-12-01 10:12\n"

    response = logged_in(client, author).post(
        reverse("webinars_staff:import_new", args=[webinar.pk]),
        {"file": upload("report.csv", report), "platform": "", "time_zone": "America"},
    )

    assert response.status_code == 400
    assert "“America” is not a time zone" in text(response)
    assert not AttendanceImport.objects.exists()


def test_the_credit_report_shows_awards_and_recomputed_decisions(
    client: Client, author: User, zoom_webinar: Webinar
) -> None:
    import_zoom(logged_in(client, author), zoom_webinar)
    url = reverse("webinars_staff:credit", args=[zoom_webinar.pk])

    kept = client.get(url)
    recomputed = client.post(url)

    rows = {row.learner.email: row for row in kept.context["rows"]}
    assert set(rows) == {
        "maria.gonzalez@stlukes.example",
        "dev.patel@mercy-health.example",
        "ruth.brown@example.net",
    }
    assert [a.credit for a in rows["maria.gonzalez@stlukes.example"].awards] == [Decimal("0.25")]
    assert rows["ruth.brown@example.net"].awards == []
    assert "17 minutes ÷ 60 = 0.283" in text(kept)  # the kept award's reasons
    decided = {row.learner.email: row.decision for row in recomputed.context["rows"]}
    assert decided["maria.gonzalez@stlukes.example"].credit == Decimal("0.25")
    assert decided["ruth.brown@example.net"].eligible is False
    ruth_reason = "ama-pra-1 needs a full 15 minutes before any credit; 0 minutes counted."
    assert ruth_reason in decided["ruth.brown@example.net"].reasons
    assert ruth_reason in text(recomputed)
    assert CreditAward.objects.filter(learner__email="ruth.brown@example.net").count() == 0


def revoke(client: Client, webinar: Webinar, award: CreditAward, reason: str) -> Any:
    return client.post(
        reverse("webinars_staff:credit_revoke", args=[webinar.pk, award.pk]), {"reason": reason}
    )


def test_an_admin_revokes_credit_and_the_certificate_page_says_so(
    client: Client, admin: User, zoom_webinar: Webinar
) -> None:
    import_zoom(logged_in(client, admin), zoom_webinar)
    award = CreditAward.objects.get(learner__email="maria.gonzalez@stlukes.example")
    report = client.get(reverse("webinars_staff:credit", args=[zoom_webinar.pk]))

    response = revoke(client, zoom_webinar, award, "  Attendance was misreported  ")

    assert reverse("webinars_staff:credit_revoke", args=[zoom_webinar.pk, award.pk]) in text(report)
    assert response["Location"] == reverse("webinars_staff:credit", args=[zoom_webinar.pk])
    award.refresh_from_db()
    assert award.revoked_at is not None
    assert award.revoked_reason == "Attendance was misreported"
    certificate = client.get(f"/ce/certificates/{award.pk}/")
    assert "Revoked on" in text(certificate)
    assert "Attendance was misreported" in text(certificate)
    after = text(client.get(reverse("webinars_staff:credit", args=[zoom_webinar.pk])))
    assert "Attendance was misreported" in after
    assert reverse("webinars_staff:credit_revoke", args=[zoom_webinar.pk, award.pk]) not in after


def test_revoking_without_a_reason_is_refused(
    client: Client, admin: User, zoom_webinar: Webinar
) -> None:
    import_zoom(logged_in(client, admin), zoom_webinar)
    award = CreditAward.objects.get(learner__email="maria.gonzalez@stlukes.example")

    response = revoke(client, zoom_webinar, award, "   ")

    assert response.status_code == 400
    assert "Give the reason; the certificate page shows it." in text(response)
    award.refresh_from_db()
    assert (award.revoked_at, award.revoked_reason) == (None, "")


def test_an_author_cannot_revoke_credit(
    client: Client, author: User, zoom_webinar: Webinar
) -> None:
    import_zoom(logged_in(client, author), zoom_webinar)
    award = CreditAward.objects.get(learner__email="maria.gonzalez@stlukes.example")
    report = client.get(reverse("webinars_staff:credit", args=[zoom_webinar.pk]))

    response = revoke(client, zoom_webinar, award, "Attendance was misreported")

    assert response.status_code == 403
    assert "credit/" + str(award.pk) not in text(report)  # no revoke form for authors
    award.refresh_from_db()
    assert award.revoked_at is None


def test_an_award_of_another_webinar_is_not_found(
    client: Client, admin: User, zoom_webinar: Webinar
) -> None:
    import_zoom(logged_in(client, admin), zoom_webinar)
    award = CreditAward.objects.get(learner__email="maria.gonzalez@stlukes.example")
    other = make_webinar()

    response = revoke(client, other, award, "Attendance was misreported")

    assert response.status_code == 404
    award.refresh_from_db()
    assert award.revoked_at is None


# ---- attendance checks --------------------------------------------------------------------


def test_a_check_code_is_shown_and_a_learners_answer_is_counted(
    client: Client, author: User
) -> None:
    webinar = make_webinar(publish=True, starts_at=timezone.now() - timedelta(minutes=2))
    learner = make_user()
    registration_create(learner=learner, webinar=webinar)
    logged_in(client, author)

    opened = client.post(reverse("webinars_staff:check_open", args=[webinar.pk]), follow=True)
    check = webinar.checks.get()
    learner_client = logged_in(Client(), learner)
    learner_client.post(reverse("webinars:check", args=[webinar.pk]), {"code": check.code.lower()})
    after = client.get(reverse("webinars_staff:checks", args=[webinar.pk]))

    assert f'<p class="check-code">{check.code}</p>' in text(opened)
    assert "0 answers so far" in text(opened)
    assert "1 answer so far" in text(after)
    assert after.context["open_check"].answer_count == 1


def test_a_check_cannot_be_shown_outside_the_session(client: Client, author: User) -> None:
    webinar = make_webinar(publish=True)

    response = logged_in(client, author).post(
        reverse("webinars_staff:check_open", args=[webinar.pk]), follow=True
    )

    assert "only be shown while the session is on" in text(response)
    assert not webinar.checks.exists()
