"""Staff pages: events, campaigns, steps, registration one by one and from a CSV."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.reinforcement.models import Event, EventRegistration, RegistrationSource, Step
from bitewise.reinforcement.tests.factories import make_campaign, make_event, make_learner
from bitewise.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def staff_client(role: str = Role.AUTHOR) -> Client:
    client = Client()
    assert client.login(email=make_user(role=role).email, password=PASSWORD)
    return client


def future_event() -> Event:
    return make_event(starts_at=datetime.now(UTC) + timedelta(days=30))


def test_staff_create_an_event_in_its_zone_a_campaign_and_a_step() -> None:
    client = staff_client()

    response = client.post(
        "/staff/reinforcement/",
        {
            "title": "Board exam",
            "kind": "exam",
            "starts_at": "2026-10-25T09:30",
            "time_zone": "Europe/Berlin",
        },
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert event.starts_at == datetime(
        2026, 10, 25, 8, 30, tzinfo=UTC
    )  # 09:30 CET, after the switch
    client.post(f"/staff/reinforcement/events/{event.pk}/campaigns", {"title": "Prep"})
    campaign = event.campaigns.get()
    client.post(
        f"/staff/reinforcement/events/{event.pk}/campaigns/{campaign.pk}/steps",
        {
            "offset_days": -7,
            "offset_hours": 0,
            "kind": "message",
            "subject": "A week to go",
            "message": "Review the key terms.",
        },
    )
    assert Step.objects.get().subject == "A week to go"


def test_a_step_outside_the_offset_range_or_without_content_is_refused() -> None:
    client = staff_client()
    campaign = make_campaign(future_event(), offsets=[])
    url = f"/staff/reinforcement/events/{campaign.event_id}/campaigns/{campaign.pk}/steps"

    too_early = client.post(
        url,
        {"offset_days": -20, "offset_hours": 0, "kind": "message", "subject": "x", "message": "y"},
    )
    no_lesson = client.post(
        url, {"offset_days": 1, "offset_hours": 0, "kind": "lesson", "subject": "x"}
    )

    assert too_early.status_code == 400 and no_lesson.status_code == 400
    assert "Pick the micro-lesson" in no_lesson.content.decode()
    assert not Step.objects.exists()


def test_a_csv_with_bad_rows_imports_the_good_rows_and_lists_the_bad_ones() -> None:
    event = future_event()
    for email in ("ana@example.org", "ben@example.org", "cy@example.org"):
        make_learner(email=email)
    data = (
        b"email,name\n"
        b"ana@example.org,Ana\n"
        b"not-an-address,Nobody\n"
        b"BEN@example.org,Ben\n"
        b"ana@example.org,Ana again\n"
        b"stranger@example.org,Unknown\n"
        b",Empty\n"
        b"cy@example.org,Cy\n"
    )
    upload = SimpleUploadedFile("members.csv", data, content_type="text/csv")

    response = staff_client(Role.ADMIN).post(
        f"/staff/reinforcement/events/{event.pk}/registrations.csv", {"file": upload}
    )

    assert response.status_code == 200
    registered = set(EventRegistration.objects.values_list("learner__email", flat=True))
    assert registered == {"ana@example.org", "ben@example.org", "cy@example.org"}
    assert set(EventRegistration.objects.values_list("source", flat=True)) == {
        RegistrationSource.CSV
    }
    report = response.context["report"]
    assert [(bad.row, bad.reason) for bad in report.bad] == [
        (3, "Not an email address."),
        (5, "Same address as row 2."),
        (6, "No active Bitewise account uses it."),
        (7, "No email address in this row."),
    ]
    assert "3 registered" in response.content.decode()


def test_an_excel_file_is_refused_as_a_whole_with_a_message() -> None:
    event = future_event()
    upload = SimpleUploadedFile("members.xlsx", b"PK\x03\x04rest", content_type="application/zip")

    response = staff_client(Role.ADMIN).post(
        f"/staff/reinforcement/events/{event.pk}/registrations.csv", {"file": upload}
    )

    assert response.status_code == 400
    assert "not a .csv file" in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_an_admin_registers_a_learner_by_email() -> None:
    event = future_event()
    learner = make_learner(email="dee@example.org")

    staff_client(Role.ADMIN).post(
        f"/staff/reinforcement/events/{event.pk}/registrations", {"email": "dee@example.org"}
    )

    assert EventRegistration.objects.get().learner == learner


def test_learners_cannot_use_the_staff_pages() -> None:
    event = future_event()
    client = Client()
    assert client.login(email=make_learner().email, password=PASSWORD)

    assert client.get("/staff/reinforcement/").status_code == 403
    learner_post = client.post(
        f"/staff/reinforcement/events/{event.pk}/registrations", {"email": "x@example.org"}
    )
    assert learner_post.status_code == 403
    assert Client().get("/staff/reinforcement/").status_code == 302  # to the login


def test_the_event_page_counts_each_steps_outbox_by_state() -> None:
    from bitewise.reinforcement.services.scheduling import deliveries_plan
    from bitewise.reinforcement.tests.factories import register

    start = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)
    event = make_event(starts_at=start)
    make_campaign(event, offsets=[-1])
    for _ in range(2):
        register(event, make_learner(), at=start - timedelta(days=30))
    deliveries_plan(now=datetime(2026, 3, 8, 8, 30, tzinfo=UTC))

    page = staff_client().get(f"/staff/reinforcement/events/{event.pk}/").content.decode()

    assert "2 planned" in page
