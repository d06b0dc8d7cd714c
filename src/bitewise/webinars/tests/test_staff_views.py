from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import Role, User
from bitewise.common.testing import make_micro_credential, make_user
from bitewise.learning.models import Enrollment
from bitewise.webinars.models import (
    Attendance,
    AttendanceImport,
    CreditAward,
    CreditProgram,
    Series,
    UnmatchedAttendee,
    UnmatchedStatus,
    Webinar,
    WebinarStatus,
)
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.services.webinars import webinar_create, webinar_publish

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "engines" / "attendance" / "tests" / "data"
NEW_YORK = ZoneInfo("America/New_York")
# The Zoom fixture's meeting ran 09:55-10:20 New York time on 28 November 2026.
ZOOM_SESSION = datetime(2026, 11, 28, 10, 0, tzinfo=NEW_YORK)
BEFORE_ZOOM = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
AFTER_ZOOM = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@pytest.fixture
def admin() -> User:
    return make_user(role=Role.ADMIN)


@pytest.fixture
def author() -> User:
    return make_user(role=Role.AUTHOR)


def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def program(code: str) -> CreditProgram:
    return CreditProgram.objects.get(code=code)


def make_webinar(*, publish: bool = False, **values: Any) -> Webinar:
    fields: dict[str, Any] = {
        "title": "Hand hygiene in 15 minutes",
        "presenter": "Dr Ada Obi",
        "starts_at": timezone.now() + timedelta(days=3),
        "time_zone": "America/New_York",
        "duration_minutes": 15,
        "capacity": 0,
        "join_url": "https://zoom.example/j/81234567890",
        **values,
    }
    webinar = webinar_create(by=None, **fields)
    return webinar_publish(webinar=webinar) if publish else webinar


def form_data(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Revenue recognition in 15",
        "description": "Five steps, **one** example.",
        "presenter": "Pat Lee, CPA",
        "starts_local": "2026-12-10T14:30",
        "zone_choice": "America/Chicago",
        "zone_other": "",
        "duration_minutes": "15",
        "capacity": "0",
        "join_url": "https://zoom.example/j/123",
        "credit_program": "",
        "series": "",
        "checks_planned": "3",
        "assessment": "",
        "self_study_program": "",
        "self_study_percent": "90",
        "follow_up": "",
        **overrides,
    }


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def text(response: Any) -> str:
    return str(response.content.decode())


ANY_ID = uuid.uuid4()
STAFF_PAGES = [
    ("list", {}, "get"),
    ("new", {}, "get"),
    ("new", {}, "post"),
    ("detail", {"webinar_id": ANY_ID}, "get"),
    ("edit", {"webinar_id": ANY_ID}, "post"),
    ("publish", {"webinar_id": ANY_ID}, "post"),
    ("cancel", {"webinar_id": ANY_ID}, "post"),
    ("checks", {"webinar_id": ANY_ID}, "get"),
    ("check_open", {"webinar_id": ANY_ID}, "post"),
    ("import_new", {"webinar_id": ANY_ID}, "post"),
    ("import", {"webinar_id": ANY_ID, "import_id": 1}, "get"),
    ("unmatched_resolve", {"webinar_id": ANY_ID, "unmatched_id": 1}, "post"),
    ("unmatched_dismiss", {"webinar_id": ANY_ID, "unmatched_id": 1}, "post"),
    ("credit", {"webinar_id": ANY_ID}, "get"),
    ("credit", {"webinar_id": ANY_ID}, "post"),
    ("credit_revoke", {"webinar_id": ANY_ID, "award_id": ANY_ID}, "post"),
    ("recording", {"webinar_id": ANY_ID}, "post"),
    ("follow_up", {"webinar_id": ANY_ID}, "post"),
    ("programs", {}, "get"),
    ("program_new", {}, "post"),
    ("program_edit", {"program_id": 1}, "post"),
]
PAGE_IDS = [f"{method}-{name}" for name, _, method in STAFF_PAGES]


@pytest.mark.parametrize(("name", "kwargs", "method"), STAFF_PAGES, ids=PAGE_IDS)
def test_a_learner_gets_403_on_every_staff_page(
    client: Client, name: str, kwargs: dict[str, Any], method: str
) -> None:
    logged_in(client, make_user())
    response = getattr(client, method)(reverse(f"webinars_staff:{name}", kwargs=kwargs))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "kwargs", "method"), STAFF_PAGES, ids=PAGE_IDS)
def test_anonymous_visitors_are_sent_to_log_in(
    client: Client, name: str, kwargs: dict[str, Any], method: str
) -> None:
    response = getattr(client, method)(reverse(f"webinars_staff:{name}", kwargs=kwargs))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_staff_dashboard_links_to_micro_webinars(client: Client, author: User) -> None:
    response = logged_in(client, author).get(reverse("staff:dashboard"))
    assert reverse("webinars_staff:list") in text(response)


# ---- create, edit, publish ---------------------------------------------------------------


def test_an_author_creates_a_draft_at_the_local_time_of_the_chosen_zone(
    client: Client, author: User
) -> None:
    response = logged_in(client, author).post(reverse("webinars_staff:new"), form_data())

    webinar = Webinar.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("webinars_staff:detail", args=[webinar.pk])
    assert webinar.status == WebinarStatus.DRAFT
    assert webinar.created_by == author
    # 14:30 in Chicago in December (CST, UTC-6) is 20:30 UTC.
    assert webinar.starts_at == datetime(2026, 12, 10, 20, 30, tzinfo=UTC)
    assert webinar.time_zone == "America/Chicago"
    assert webinar.checks_planned == 3


def test_a_zone_outside_the_list_can_be_typed(client: Client, author: User) -> None:
    data = form_data(zone_choice="other", zone_other="America/Regina")
    logged_in(client, author).post(reverse("webinars_staff:new"), data)

    webinar = Webinar.objects.get()
    assert webinar.time_zone == "America/Regina"
    assert webinar.starts_at == datetime(2026, 12, 10, 20, 30, tzinfo=UTC)  # UTC-6 all year


def test_a_25_minute_session_is_refused_with_the_reason(client: Client, author: User) -> None:
    response = logged_in(client, author).post(
        reverse("webinars_staff:new"), form_data(duration_minutes="25")
    )

    assert response.status_code == 400
    assert "A micro-webinar lasts 10 to 20 minutes, not 25." in text(response)
    assert not Webinar.objects.exists()


def test_an_unknown_time_zone_is_refused_with_the_reason(client: Client, author: User) -> None:
    data = form_data(zone_choice="other", zone_other="Mars/Olympus_Mons")
    response = logged_in(client, author).post(reverse("webinars_staff:new"), data)

    assert response.status_code == 400
    assert "Mars/Olympus_Mons” is not a time zone" in text(response)
    assert not Webinar.objects.exists()


def test_an_author_edits_but_cannot_publish_or_cancel(client: Client, author: User) -> None:
    webinar = make_webinar()
    logged_in(client, author)

    form = client.get(reverse("webinars_staff:edit", args=[webinar.pk]))
    response = client.post(
        reverse("webinars_staff:edit", args=[webinar.pk]),
        form_data(title="Hand hygiene, revised", zone_choice="America/New_York"),
    )
    publish = client.post(reverse("webinars_staff:publish", args=[webinar.pk]))
    cancel = client.post(reverse("webinars_staff:cancel", args=[webinar.pk]))

    assert form.status_code == 200 and 'value="Hand hygiene in 15 minutes"' in text(form)
    assert response.status_code == 302
    assert (publish.status_code, cancel.status_code) == (403, 403)
    webinar.refresh_from_db()
    assert webinar.title == "Hand hygiene, revised"
    assert webinar.status == WebinarStatus.DRAFT


def test_an_admin_publishes_and_learners_see_it_listed(client: Client, admin: User) -> None:
    webinar = make_webinar(title="Sepsis signs in 12 minutes", duration_minutes=12)
    learner_list = reverse("webinars:list")
    assert "Sepsis signs" not in text(Client().get(learner_list))

    response = logged_in(client, admin).post(reverse("webinars_staff:publish", args=[webinar.pk]))

    assert response.status_code == 302
    webinar.refresh_from_db()
    assert webinar.status == WebinarStatus.PUBLISHED
    assert "Sepsis signs in 12 minutes" in text(Client().get(learner_list))
    staff_list = text(client.get(reverse("webinars_staff:list")))
    assert "Sepsis signs in 12 minutes" in staff_list and "0 registered" in staff_list


def test_an_admin_cancels_and_registrants_are_told(
    client: Client, admin: User, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    webinar = make_webinar(publish=True)
    registration_create(learner=make_user(email="nia@example.org"), webinar=webinar)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        logged_in(client, admin).post(reverse("webinars_staff:cancel", args=[webinar.pk]))

    webinar.refresh_from_db()
    assert webinar.status == WebinarStatus.CANCELLED
    assert [message.to for message in mailoutbox] == [["nia@example.org"]]


def test_editing_a_cancelled_webinar_shows_the_services_refusal(
    client: Client, author: User
) -> None:
    webinar = make_webinar(publish=True)
    Webinar.objects.filter(pk=webinar.pk).update(status=WebinarStatus.CANCELLED)

    response = logged_in(client, author).post(
        reverse("webinars_staff:edit", args=[webinar.pk]), form_data(title="Too late")
    )

    assert response.status_code == 400
    assert "A cancelled webinar cannot be changed." in text(response)
    webinar.refresh_from_db()
    assert webinar.title == "Hand hygiene in 15 minutes"


# ---- the credit preview -----------------------------------------------------------------


def test_the_preview_explains_each_rule_for_a_15_minute_session(
    client: Client, author: User
) -> None:
    webinar = make_webinar(credit_program=program("ama-pra-1"), checks_planned=3)

    response = logged_in(client, author).get(reverse("webinars_staff:detail", args=[webinar.pk]))

    rows = {row.program.code: row for row in response.context["preview"].rows}
    assert rows["ama-pra-1"].decision.credit == Decimal("0.25")
    assert rows["ama-pra-1"].is_chosen
    assert not rows["nasba-group-internet"].decision.eligible
    nasba_reason = (
        "nasba-group-internet needs a full 50 minutes before any credit; 15 minutes counted."
    )
    assert nasba_reason in rows["nasba-group-internet"].decision.reasons
    page = text(response)
    assert nasba_reason in page
    assert "AMA PRA Category 1 Credit™ <strong>(chosen)</strong>" in page
    assert "0.25" in page


def test_the_preview_adds_up_a_series_credited_as_a_whole(client: Client, author: User) -> None:
    nasba = program("nasba-group-internet")
    series = Series.objects.create(title="CPE sprint", credit_program=nasba)
    for day in range(1, 5):
        webinar = make_webinar(
            series=series, checks_planned=1, starts_at=timezone.now() + timedelta(days=day)
        )

    response = logged_in(client, author).get(reverse("webinars_staff:detail", args=[webinar.pk]))

    preview = response.context["preview"]
    assert preview.session_minutes == [15, 15, 15, 15]
    row = next(row for row in preview.rows if row.program == nasba)
    assert row.is_chosen and row.decision.credit == Decimal("1.2")


# ---- attendance reports ------------------------------------------------------------------


@pytest.fixture
def zoom_webinar() -> Iterator[Webinar]:
    """The Zoom fixture's session, with three registrants: two attended, one did not."""
    with time_machine.travel(BEFORE_ZOOM, tick=False):
        webinar = make_webinar(
            publish=True,
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
    webinar = make_webinar()
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"

    response = logged_in(client, author).post(
        reverse("webinars_staff:import_new", args=[webinar.pk]),
        {"file": upload("screenshot.png", png), "platform": "", "time_zone": ""},
    )

    assert response.status_code == 400
    assert "does not look like a text attendance report; export it as CSV" in text(response)
    assert not AttendanceImport.objects.exists()


def test_an_import_in_an_unknown_time_zone_is_refused(client: Client, author: User) -> None:
    webinar = make_webinar()
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


# ---- recording and follow-up ------------------------------------------------------------


def test_a_recording_url_is_attached_with_its_length(client: Client, author: User) -> None:
    webinar = make_webinar()

    response = logged_in(client, author).post(
        reverse("webinars_staff:recording", args=[webinar.pk]),
        {"url": "https://video.example/hand-hygiene.mp4", "length": "14:35"},
    )

    assert response.status_code == 302
    webinar.refresh_from_db()
    assert webinar.recording_url == "https://video.example/hand-hygiene.mp4"
    assert webinar.recording_seconds == 14 * 60 + 35


def test_a_recording_needs_a_file_or_a_url(client: Client, author: User) -> None:
    webinar = make_webinar()

    response = logged_in(client, author).post(
        reverse("webinars_staff:recording", args=[webinar.pk]), {"length": "875"}
    )

    assert response.status_code == 400
    assert "Give either a recording file or its URL." in text(response)


def test_attendees_are_enrolled_in_the_follow_up(client: Client, author: User) -> None:
    follow = make_micro_credential(title="Hand hygiene, in depth")
    start = timezone.now() - timedelta(minutes=2)
    webinar = make_webinar(publish=True, starts_at=start, follow_up=follow)
    attendee, absentee = make_user(), make_user()
    for learner in (attendee, absentee):
        registration_create(learner=learner, webinar=webinar)
    report = (
        "Email,Join Time,Leave Time\n"
        f"{attendee.email},{start.isoformat()},{(start + timedelta(minutes=12)).isoformat()}\n"
    )
    logged_in(client, author).post(
        reverse("webinars_staff:import_new", args=[webinar.pk]),
        {"file": upload("report.csv", report.encode()), "platform": "generic", "time_zone": ""},
    )

    response = client.post(reverse("webinars_staff:follow_up", args=[webinar.pk]), follow=True)

    assert "1 attendee enrolled in “Hand hygiene, in depth”." in text(response)
    assert list(Enrollment.objects.values_list("learner", flat=True)) == [attendee.pk]


# ---- credit programs ---------------------------------------------------------------------


def program_data(target: CreditProgram, **overrides: Any) -> dict[str, Any]:
    rule = target.credit_rule.to_dict()
    data = {
        "provider_name": "Bitewise Academy",
        "sponsor_id": "112233",
        "credit_type": "Medical",
        "delivery_method": target.delivery_method,
        "approver_statement": "",
        "is_active": "on",
        **{name: value for name, value in rule.items() if name not in ("code", "version")},
    }
    data = {name: "" if value is None else value for name, value in data.items()}
    for flag in ("report_alone_is_evidence", "requires_assessment", "allows_series_bundling"):
        if data[flag] is True:
            data[flag] = "on"
        else:
            data.pop(flag)
    return {**data, **overrides}


def test_the_programs_page_shows_each_rule(client: Client, author: User) -> None:
    response = logged_in(client, author).get(reverse("webinars_staff:programs"))

    page = text(response)
    assert "nasba-group-internet" in page and "3 attendance checks per credit" in page
    assert "a join/leave report alone is not enough" in page
    assert reverse("webinars_staff:program_edit", args=[program("ama-pra-1").pk]) not in page


def test_an_author_cannot_edit_a_program(client: Client, author: User) -> None:
    target = program("ama-pra-1")
    response = logged_in(client, author).post(
        reverse("webinars_staff:program_edit", args=[target.pk]), program_data(target)
    )
    assert response.status_code == 403


def test_a_zero_increment_is_refused_and_the_version_stays(client: Client, admin: User) -> None:
    target = program("ama-pra-1")

    response = logged_in(client, admin).post(
        reverse("webinars_staff:program_edit", args=[target.pk]),
        program_data(target, increment="0"),
    )

    assert response.status_code == 400
    assert "The rule is not valid: increment: must be more than 0" in text(response)
    target.refresh_from_db()
    assert (target.version, target.rule["increment"], target.provider_name) == (1, "0.25", "")


def test_a_valid_rule_edit_raises_the_version(client: Client, admin: User) -> None:
    target = program("ama-pra-1")

    response = logged_in(client, admin).post(
        reverse("webinars_staff:program_edit", args=[target.pk]),
        program_data(target, increment="0.5", minimum_minutes="30"),
    )

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.version == 2
    assert target.credit_rule.increment == Decimal("0.5")
    assert (target.provider_name, target.sponsor_id) == ("Bitewise Academy", "112233")


def test_changing_only_certificate_details_keeps_the_version(client: Client, admin: User) -> None:
    target = program("iacet-ceu")

    logged_in(client, admin).post(
        reverse("webinars_staff:program_edit", args=[target.pk]), program_data(target)
    )

    target.refresh_from_db()
    assert (target.version, target.provider_name) == (1, "Bitewise Academy")


def test_a_new_custom_program_copies_the_custom_rule(client: Client, admin: User) -> None:
    response = logged_in(client, admin).post(
        reverse("webinars_staff:program_new"), {"code": "state-board-ce"}
    )
    duplicate = client.post(reverse("webinars_staff:program_new"), {"code": "state-board-ce"})

    made = program("state-board-ce")
    assert response["Location"] == reverse("webinars_staff:program_edit", args=[made.pk])
    rule = made.credit_rule
    assert (rule.code, rule.version, rule.body, rule.unit) == (
        "state-board-ce",
        1,
        "Custom",
        "CE hour",
    )
    assert not made.is_active
    assert duplicate.status_code == 400
    assert "A program with the code “state-board-ce” exists already." in text(duplicate)
    assert CreditProgram.objects.filter(code="state-board-ce").count() == 1


# ---- Django admin ------------------------------------------------------------------------


ADMIN_MODELS = [
    "creditprogram",
    "series",
    "webinar",
    "registration",
    "attendanceimport",
    "unmatchedattendee",
    "creditaward",
]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_the_admin_lists_open(client: Client, admin: User, model: str) -> None:
    make_webinar()
    response = logged_in(client, admin).get(reverse(f"admin:webinars_{model}_changelist"))
    assert response.status_code == 200


def admin_program_data(target: CreditProgram, rule: dict[str, Any]) -> dict[str, Any]:
    return {
        "rule": json.dumps(rule),
        "provider_name": "",
        "sponsor_id": "",
        "credit_type": "",
        "delivery_method": target.delivery_method,
        "approver_statement": "",
        "is_active": "on",
    }


def test_the_admin_validates_a_rule_and_raises_its_version(client: Client, admin: User) -> None:
    target = program("ancc-contact-hours")
    url = reverse("admin:webinars_creditprogram_change", args=[target.pk])
    logged_in(client, admin)

    refused = client.post(url, admin_program_data(target, {**target.rule, "increment": "0"}))
    target.refresh_from_db()
    version_after_refusal = target.version
    saved = client.post(url, admin_program_data(target, {**target.rule, "increment": "0.5"}))

    assert refused.status_code == 200  # the admin shows its form again with the error
    assert "increment: must be more than 0" in text(refused)
    assert version_after_refusal == 1
    assert saved.status_code == 302
    target.refresh_from_db()
    assert (target.version, target.credit_rule.increment) == (2, Decimal("0.5"))
