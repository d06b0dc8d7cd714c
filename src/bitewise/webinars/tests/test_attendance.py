"""Importing attendance reports: matched by email, visits merged, everyone else kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bitewise.accounts.models import Role
from bitewise.testing import make_user
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import (
    Attendance,
    AttendanceImport,
    CreditAward,
    Registration,
    RegistrationStatus,
    UnmatchedAttendee,
)
from bitewise.webinars.services.attendance import (
    attendance_import,
    unmatched_dismiss,
    unmatched_resolve,
)
from bitewise.webinars.tests.factories import attendance_csv, make_webinar, program

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "engines" / "attendance" / "tests" / "data"
NEW_YORK = ZoneInfo("America/New_York")
START = datetime(2026, 11, 28, 10, 0, tzinfo=NEW_YORK)


def register(webinar, *emails: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    learners = {}
    for email in emails:
        learner = make_user(email=email)
        Registration.objects.create(
            webinar=webinar, learner=learner, status=RegistrationStatus.REGISTERED
        )
        learners[email] = learner
    return learners


@pytest.fixture
def zoom_webinar():  # type: ignore[no-untyped-def]
    webinar = make_webinar(
        title="Hand hygiene in 15 minutes",
        starts_at=START,
        time_zone="America/New_York",
        credit_program=program("ama-pra-1"),
    )
    register(
        webinar,
        "maria.gonzalez@stlukes.example",
        "dev.patel@mercy-health.example",
        "chloe.martin@clinique.example",
        "never.came@example.org",
    )
    return webinar


def test_a_zoom_report_becomes_attendance_credit_and_a_list_of_what_staff_must_resolve(
    zoom_webinar,  # type: ignore[no-untyped-def]
) -> None:
    data = (FIXTURES / "zoom_participants.csv").read_bytes()

    record = attendance_import(webinar=zoom_webinar, by=None, filename="zoom.csv", data=data)

    assert (record.platform, record.encoding) == ("zoom", "utf-8-sig")
    assert record.matched == 3
    assert record.never_joined == ["never.came@example.org"]
    minutes = dict(Attendance.objects.values_list("learner__email", "minutes"))
    # Maria: the waiting-room row does not count; 09:59:55 is clipped to the 10:00 start.
    assert minutes["maria.gonzalez@stlukes.example"] == Decimal("17.03")
    # Dev left and rejoined: 6.3 + 12.67 minutes.
    assert minutes["dev.patel@mercy-health.example"] == Decimal("18.96")
    # Chloé's duplicated row counts once: 10:01-10:15.
    assert minutes["chloe.martin@clinique.example"] == Decimal("14.00")
    unmatched = set(UnmatchedAttendee.objects.values_list("email", flat=True))
    assert "education@nursing-assoc.example" in unmatched
    assert any("no email" in row["reason"] for row in record.rejected)
    credits = dict(CreditAward.objects.values_list("learner__email", "credit"))
    # AMA PRA Category 1: 15-minute minimum, 0.25 steps; capped at the 15-minute session.
    assert credits == {
        "maria.gonzalez@stlukes.example": Decimal("0.25"),
        "dev.patel@mercy-health.example": Decimal("0.25"),
    }


def test_importing_the_same_report_again_changes_nothing(zoom_webinar) -> None:  # type: ignore[no-untyped-def]
    data = (FIXTURES / "zoom_participants.csv").read_bytes()
    attendance_import(webinar=zoom_webinar, by=None, filename="zoom.csv", data=data)
    before = list(Attendance.objects.order_by("pk").values_list("intervals", "minutes"))
    unmatched_before = UnmatchedAttendee.objects.count()

    attendance_import(webinar=zoom_webinar, by=None, filename="zoom.csv", data=data)

    assert list(Attendance.objects.order_by("pk").values_list("intervals", "minutes")) == before
    assert UnmatchedAttendee.objects.count() == unmatched_before
    assert CreditAward.objects.count() == 2
    assert AttendanceImport.objects.count() == 2  # both uploads are on record


def test_teams_utf16_and_gotowebinar_reports_import(db) -> None:  # type: ignore[no-untyped-def]
    teams = make_webinar(starts_at=START, time_zone="America/New_York")
    register(teams, "priya.raman@cityhospital.example", "aisha.bello@healthtrust.example")
    record = attendance_import(
        webinar=teams,
        by=None,
        filename="teams.csv",
        data=(FIXTURES / "teams_attendance_report.csv").read_bytes(),
    )
    assert (record.platform, record.matched) == ("teams", 2)
    assert record.encoding.startswith("utf-16")

    goto = make_webinar(starts_at=START, time_zone="America/New_York")
    register(goto, "linh.nguyen@valleyclinic.example", "ruth.brown@example.net")
    record = attendance_import(
        webinar=goto,
        by=None,
        filename="goto.csv",
        data=(FIXTURES / "gotowebinar_attendee_report.csv").read_bytes(),
    )
    assert record.platform == "gotowebinar"
    assert record.matched == 1
    assert "ruth.brown@example.net" in record.never_joined
    assert any(row["email"] == "marco.rossi@example.it" for row in record.rejected)  # Nov 31


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (bytes(range(256)) * 4, "does not look like a text"),
        (b"Name,Seat\nAnn,A1\n", "email"),
        (b"PK\x03\x04" + b"\x00" * 100, "Excel"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason_and_record_nothing(
    zoom_webinar,  # type: ignore[no-untyped-def]
    data: bytes,
    message: str,
) -> None:
    with pytest.raises(WebinarError) as caught:
        attendance_import(webinar=zoom_webinar, by=None, filename="x.csv", data=data)
    assert message.lower() in str(caught.value).lower()
    assert AttendanceImport.objects.count() == 0
    assert Attendance.objects.count() == 0


def test_an_unknown_time_zone_or_platform_is_a_clear_error(zoom_webinar) -> None:  # type: ignore[no-untyped-def]
    data = (FIXTURES / "generic_attendance.csv").read_bytes()
    with pytest.raises(WebinarError, match="Cannot read"):
        attendance_import(
            webinar=zoom_webinar, by=None, filename="a.csv", data=data, time_zone="Mars/Base"
        )
    with pytest.raises(WebinarError, match="Cannot read"):
        attendance_import(
            webinar=zoom_webinar, by=None, filename="a.csv", data=data, platform="webex"
        )


def test_staff_resolve_an_unmatched_person_to_a_learner_and_credit_follows(zoom_webinar) -> None:  # type: ignore[no-untyped-def]
    staff = make_user(role=Role.AUTHOR)
    stranger = make_user(email="walk.in@example.org")
    start = START.astimezone(UTC)
    data = attendance_csv([("walk.in.personal@example.net", start, start + timedelta(minutes=15))])
    attendance_import(webinar=zoom_webinar, by=staff, filename="a.csv", data=data)
    [row] = UnmatchedAttendee.objects.all()
    assert row.minutes == Decimal("15.00")

    unmatched_resolve(unmatched=row, learner=stranger, by=staff)

    assert Attendance.objects.get(learner=stranger).minutes == Decimal("15.00")
    assert CreditAward.objects.get(learner=stranger).credit == Decimal("0.25")
    row.refresh_from_db()
    assert (row.status, row.resolved_to) == ("matched", stranger)
    with pytest.raises(WebinarError, match="resolved already"):
        unmatched_resolve(unmatched=row, learner=stranger, by=staff)


def test_dismissing_needs_a_reason_and_keeps_the_row(zoom_webinar) -> None:  # type: ignore[no-untyped-def]
    staff = make_user(role=Role.AUTHOR)
    start = START.astimezone(UTC)
    data = attendance_csv([("someone@example.net", start, start + timedelta(minutes=3))])
    attendance_import(webinar=zoom_webinar, by=staff, filename="a.csv", data=data)
    [row] = UnmatchedAttendee.objects.all()
    with pytest.raises(WebinarError, match="why"):
        unmatched_dismiss(unmatched=row, by=staff, note="  ")
    unmatched_dismiss(unmatched=row, by=staff, note="The presenter's second device")
    row.refresh_from_db()
    assert (row.status, row.note) == ("dismissed", "The presenter's second device")


def test_an_import_costs_the_same_queries_for_5_or_40_people() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (5, 40):
        webinar = make_webinar(starts_at=START, credit_program=program("ama-pra-1"))
        emails = [f"p{size}-{i}@example.org" for i in range(size)]
        register(webinar, *emails)
        start = START.astimezone(UTC)
        rows = [(e, start, start + timedelta(minutes=15)) for e in emails]
        rows += [
            (f"walk-in{size}-{i}@example.org", start, start + timedelta(minutes=5))
            for i in range(size)
        ]
        with CaptureQueriesContext(connection) as queries:
            attendance_import(webinar=webinar, by=None, filename="a.csv", data=attendance_csv(rows))
        counts.append(len(queries))
        assert CreditAward.objects.filter(webinar=webinar).count() == size
    assert counts[0] == counts[1], counts


def test_someone_on_the_waiting_list_who_joined_anyway_is_left_for_staff(zoom_webinar) -> None:  # type: ignore[no-untyped-def]
    waiting = make_user(email="waiting@example.org")
    Registration.objects.create(
        webinar=zoom_webinar, learner=waiting, status=RegistrationStatus.WAITLISTED
    )
    start = START.astimezone(UTC)
    data = attendance_csv([("waiting@example.org", start, start + timedelta(minutes=15))])
    record = attendance_import(webinar=zoom_webinar, by=None, filename="a.csv", data=data)
    assert record.matched == 0
    assert "waiting@example.org" not in record.never_joined
    assert UnmatchedAttendee.objects.filter(email="waiting@example.org").exists()
    assert not CreditAward.objects.filter(learner=waiting).exists()
