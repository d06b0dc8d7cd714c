"""The webinars API: public listings and certificates; every learner route acts on the
caller's own registrations and credit only; refusals are a 4xx with a ``detail``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import Role, User
from bitewise.accounts.services import api_token_create
from bitewise.common.testing import make_skill, make_user
from bitewise.webinars.models import (
    CheckAnswer,
    CreditAward,
    CreditProgram,
    Registration,
    RegistrationStatus,
    Series,
    Viewing,
    Webinar,
)
from bitewise.webinars.services.checks import check_open
from bitewise.webinars.services.follow_up import recording_attach
from bitewise.webinars.services.programs import credit_programs_install
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.services.viewing import viewing_heartbeat
from bitewise.webinars.services.webinars import webinar_cancel, webinar_create, webinar_publish

pytestmark = pytest.mark.django_db


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').secret}"}


def post(client: Client, url: str, body: object, headers: dict[str, str]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def program(code: str) -> CreditProgram:
    credit_programs_install()
    return CreditProgram.objects.get(code=code)


def make_webinar(
    *, starts_in: timedelta = timedelta(days=2), publish: bool = True, **values: Any
) -> Webinar:
    values = {
        "title": "Sepsis in 15 minutes",
        "presenter": "Dr. Ada Moss",
        "starts_at": timezone.now() + starts_in,
        "time_zone": "America/Chicago",
        "duration_minutes": 15,
        "capacity": 0,
        "join_url": "https://meet.example.org/sepsis",
        **values,
    }
    webinar = webinar_create(by=None, **values)
    return webinar_publish(webinar=webinar) if publish else webinar


def make_recorded_webinar(**values: Any) -> Webinar:
    webinar = make_webinar(duration_minutes=20, self_study_program=program("custom"), **values)
    return recording_attach(webinar=webinar, seconds=1200, url="https://cdn.example.org/r.mp4")


def earn_self_study_credit(learner: User, webinar: Webinar) -> CreditAward:
    """Watch the whole 20-minute recording at real speed: 0.25 CE hour (custom rule)."""
    now = timezone.now()
    for start in range(0, 1200, 120):
        viewing_heartbeat(learner=learner, webinar=webinar, start=start, end=start + 120, now=now)
        now += timedelta(seconds=60)
    return CreditAward.objects.get(learner=learner, webinar=webinar)


class TestListAndDetail:
    def test_upcoming_published_webinars_are_listed_for_anyone(self, client: Client) -> None:
        series = Series.objects.create(title="Sepsis essentials")  # no service makes series
        listed = make_webinar(
            capacity=2, credit_program=program("nasba-group-internet"), series=series
        )
        registration_create(learner=make_user(), webinar=listed)
        make_webinar(title="Later", starts_in=timedelta(days=5))
        make_webinar(title="Draft", publish=False)

        body = client.get("/api/webinars").json()

        assert body["count"] == 2
        first = body["items"][0]
        assert first["id"] == str(listed.pk)
        assert (first["title"], first["presenter"]) == ("Sepsis in 15 minutes", "Dr. Ada Moss")
        # UTC, to the millisecond (JSON carries no more).
        assert first["starts_at"].endswith("Z")
        starts_at = datetime.fromisoformat(first["starts_at"])
        assert abs(starts_at - listed.starts_at) < timedelta(milliseconds=1)
        assert (first["time_zone"], first["duration_minutes"]) == ("America/Chicago", 15)
        assert (first["capacity"], first["seats_left"]) == (2, 1)
        assert first["credit_program"] == {
            "code": "nasba-group-internet",
            "name": "NASBA CPE credit",
            "unit": "CPE credit",
        }
        assert first["series"] == "Sepsis essentials"
        assert first["url"] == f"{settings.SITE_URL}/webinars/{listed.pk}/"
        assert first["has_recording"] is False
        later = body["items"][1]
        assert (later["seats_left"], later["credit_program"], later["series"]) == (None, None, None)
        assert client.get("/api/webinars?page=2&page_size=1").json()["items"][0]["title"] == "Later"

    def test_the_list_costs_the_same_queries_for_any_number_of_webinars(
        self, client: Client, django_assert_max_num_queries: Any
    ) -> None:
        series = Series.objects.create(title="Series", credit_program=program("iacet-ceu"))
        for _ in range(5):
            make_webinar(series=series, credit_program=program("ancc-contact-hours"))

        with django_assert_max_num_queries(2):
            body = client.get("/api/webinars").json()

        assert body["count"] == 5
        assert {w["credit_program"]["code"] for w in body["items"]} == {"iacet-ceu"}

    def test_a_bad_page_is_422(self, client: Client) -> None:
        assert client.get("/api/webinars?page=0").status_code == 422

    def test_detail_shows_markdown_skills_and_the_callers_own_registration(
        self, client: Client
    ) -> None:
        skill = make_skill("Sepsis care")
        webinar = make_webinar(description="Spot **sepsis** early.", skills=[skill])
        alice, bob = make_user(), make_user()
        registration_create(learner=alice, webinar=webinar)
        url = f"/api/webinars/{webinar.pk}"

        mine = client.get(url, headers=bearer(alice)).json()
        assert mine["description"] == "Spot **sepsis** early."
        assert [s["name"] for s in mine["skills"]] == ["Sepsis care"]
        assert mine["registration"] == "registered"
        assert mine["seats_left"] is None and mine["id"] == str(webinar.pk)
        assert client.get(url, headers=bearer(bob)).json()["registration"] is None
        assert client.get(url).json()["registration"] is None

    def test_a_draft_is_404_except_for_staff(self, client: Client) -> None:
        draft = make_webinar(publish=False)
        url = f"/api/webinars/{draft.pk}"

        assert client.get(url).status_code == 404
        refused = client.get(url, headers=bearer(make_user()))
        assert refused.status_code == 404 and refused.json()["detail"]
        staff = make_user(role=Role.AUTHOR)
        assert client.get(url, headers=bearer(staff)).json()["title"] == draft.title

    def test_a_made_up_token_on_a_public_read_is_401_not_anonymous(self, client: Client) -> None:
        webinar = make_webinar()
        response = client.get(
            f"/api/webinars/{webinar.pk}", headers={"Authorization": "Bearer bw_made-up"}
        )
        assert response.status_code == 401


class TestRegistration:
    def test_registering_takes_a_seat_then_the_waiting_list_when_full(
        self, client: Client, django_capture_on_commit_callbacks: Any
    ) -> None:
        webinar = make_webinar(capacity=1)
        url = f"/api/webinars/{webinar.pk}/registration"
        first, second = make_user(), make_user()

        with django_capture_on_commit_callbacks(execute=True):
            seated = client.post(url, headers=bearer(first))
            waiting = client.post(url, headers=bearer(second))

        assert seated.status_code == 201 and seated.json()["status"] == "registered"
        assert seated.json()["webinar_id"] == str(webinar.pk)
        assert seated.json()["seated_at"] is not None
        assert waiting.status_code == 201 and waiting.json()["status"] == "waitlisted"
        assert waiting.json()["seated_at"] is None
        sent = {m.to[0]: m.subject for m in mail.outbox}
        assert sent == {
            first.email: f"Registered: {webinar.title}",
            second.email: f"On the waiting list: {webinar.title}",
        }

    def test_registering_twice_changes_nothing(self, client: Client) -> None:
        webinar = make_webinar()
        auth = bearer(make_user())
        url = f"/api/webinars/{webinar.pk}/registration"
        client.post(url, headers=auth)

        again = client.post(url, headers=auth)

        assert again.status_code == 201 and again.json()["status"] == "registered"
        assert Registration.objects.filter(webinar=webinar).count() == 1

    def test_a_cancelled_webinar_refuses_registration_with_400(self, client: Client) -> None:
        webinar = webinar_cancel(webinar=make_webinar())

        response = client.post(
            f"/api/webinars/{webinar.pk}/registration", headers=bearer(make_user())
        )

        assert response.status_code == 400
        assert response.json()["detail"] == "This webinar is not open for registration."
        assert not Registration.objects.exists()

    def test_an_ended_webinar_refuses_registration_with_400(self, client: Client) -> None:
        webinar = make_webinar(starts_in=timedelta(hours=1))
        auth = bearer(make_user())

        with time_machine.travel(webinar.ends_at + timedelta(minutes=1), tick=False):
            response = client.post(f"/api/webinars/{webinar.pk}/registration", headers=auth)

        assert response.status_code == 400
        assert "ended" in response.json()["detail"]
        assert not Registration.objects.exists()

    def test_cancelling_frees_the_seat_for_the_first_on_the_waiting_list(
        self, client: Client
    ) -> None:
        webinar = make_webinar(capacity=1)
        seated, waiting = make_user(), make_user()
        registration_create(learner=seated, webinar=webinar)
        registration_create(learner=waiting, webinar=webinar)

        response = client.delete(f"/api/webinars/{webinar.pk}/registration", headers=bearer(seated))

        assert response.status_code == 200 and response.json()["status"] == "cancelled"
        promoted = Registration.objects.get(learner=waiting)
        assert promoted.status == RegistrationStatus.REGISTERED

    def test_cancelling_without_a_registration_is_404(self, client: Client) -> None:
        webinar = make_webinar()
        url = f"/api/webinars/{webinar.pk}/registration"
        auth = bearer(make_user())

        assert client.delete(url, headers=auth).status_code == 404
        client.post(url, headers=auth)
        assert client.delete(url, headers=auth).status_code == 200
        gone = client.delete(url, headers=auth)
        assert gone.status_code == 404 and gone.json()["detail"] == "Not registered"

    def test_a_learner_cannot_cancel_another_learners_registration(self, client: Client) -> None:
        webinar = make_webinar()
        alice, bob = make_user(), make_user()
        registration_create(learner=alice, webinar=webinar)

        response = client.delete(f"/api/webinars/{webinar.pk}/registration", headers=bearer(bob))

        assert response.status_code == 404
        assert Registration.objects.get(learner=alice).status == RegistrationStatus.REGISTERED

    def test_my_webinars_lists_only_the_callers_registrations(self, client: Client) -> None:
        soon, later, other = (
            make_webinar(title="Soon", starts_in=timedelta(days=1)),
            make_webinar(title="Later", starts_in=timedelta(days=3), capacity=1),
            make_webinar(title="Not mine"),
        )
        alice, bob = make_user(), make_user()
        registration_create(learner=bob, webinar=later)
        registration_create(learner=alice, webinar=soon)
        registration_create(learner=alice, webinar=later)
        registration_create(learner=bob, webinar=other)

        rows = client.get("/api/me/webinars", headers=bearer(alice)).json()

        assert [(r["webinar"]["title"], r["status"]) for r in rows] == [
            ("Soon", "registered"),
            ("Later", "waitlisted"),
        ]
        assert rows[0]["webinar"]["url"].endswith(f"/webinars/{soon.pk}/")
        assert client.get("/api/me/webinars", headers=bearer(make_user())).json() == []


class TestSessionAuth:
    def test_session_writes_need_a_csrf_token(self) -> None:
        webinar = make_webinar()
        learner = make_user()
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(learner)
        url = f"/api/webinars/{webinar.pk}/registration"

        assert browser.post(url).status_code == 403
        assert not Registration.objects.exists()

        browser.get("/")  # sets the csrftoken cookie
        token = browser.cookies["csrftoken"].value
        assert browser.post(url, headers={"X-CSRFToken": token}).status_code == 201
        assert browser.get(f"/api/webinars/{webinar.pk}").json()["registration"] == "registered"


class TestAttendanceChecks:
    @pytest.fixture
    def live(self) -> tuple[Webinar, User]:
        webinar = make_webinar(starts_in=timedelta(hours=1))
        learner = make_user()
        registration_create(learner=learner, webinar=webinar)
        return webinar, learner

    def test_typing_an_open_code_records_attendance(
        self, client: Client, live: tuple[Webinar, User]
    ) -> None:
        webinar, learner = live
        auth = bearer(learner)
        with time_machine.travel(webinar.starts_at + timedelta(minutes=5), tick=False):
            check = check_open(webinar=webinar)
            typed = " ".join(check.code.lower())  # spaces and case do not matter
            response = post(client, f"/api/webinars/{webinar.pk}/checks", {"code": typed}, auth)

        assert response.status_code == 201, response.content
        assert response.json()["code"] == check.code
        assert CheckAnswer.objects.filter(attendance_check=check, learner=learner).exists()

    def test_a_wrong_code_is_400(self, client: Client, live: tuple[Webinar, User]) -> None:
        webinar, learner = live
        auth = bearer(learner)
        with time_machine.travel(webinar.starts_at + timedelta(minutes=5), tick=False):
            check_open(webinar=webinar)
            response = post(client, f"/api/webinars/{webinar.pk}/checks", {"code": "0000"}, auth)

        assert response.status_code == 400
        assert response.json()["detail"] == "That code does not match any check in this session."
        assert not CheckAnswer.objects.exists()

    def test_a_closed_check_is_400(self, client: Client, live: tuple[Webinar, User]) -> None:
        webinar, learner = live
        auth = bearer(learner)
        with time_machine.travel(webinar.starts_at + timedelta(minutes=1), tick=False):
            check = check_open(webinar=webinar)
        with time_machine.travel(webinar.starts_at + timedelta(minutes=10), tick=False):
            response = post(
                client, f"/api/webinars/{webinar.pk}/checks", {"code": check.code}, auth
            )

        assert response.status_code == 400
        assert "closed" in response.json()["detail"]
        assert not CheckAnswer.objects.exists()

    def test_an_unregistered_learner_is_400(
        self, client: Client, live: tuple[Webinar, User]
    ) -> None:
        webinar, _ = live
        outsider = bearer(make_user())
        with time_machine.travel(webinar.starts_at + timedelta(minutes=5), tick=False):
            check = check_open(webinar=webinar)
            response = post(
                client, f"/api/webinars/{webinar.pk}/checks", {"code": check.code}, outsider
            )

        assert response.status_code == 400
        assert "registered" in response.json()["detail"]
        assert not CheckAnswer.objects.exists()

    @pytest.mark.parametrize(
        "body", [{}, {"code": 12345}, {"code": "X" * 17}], ids=["missing", "number", "too-long"]
    )
    def test_a_malformed_body_is_422(
        self, client: Client, live: tuple[Webinar, User], body: dict[str, Any]
    ) -> None:
        webinar, learner = live
        response = post(client, f"/api/webinars/{webinar.pk}/checks", body, bearer(learner))
        assert response.status_code == 422


class TestHeartbeats:
    def test_heartbeats_add_up_the_watched_seconds(self, client: Client) -> None:
        webinar = make_recorded_webinar()
        learner = make_user()
        auth = bearer(learner)
        url = f"/api/webinars/{webinar.pk}/heartbeats"

        first = post(client, url, {"start": 0, "end": 60}, auth)
        overlapping = post(client, url, {"start": 58, "end": 61}, auth)

        assert first.status_code == 200, first.content
        assert first.json() == {"watched_seconds": 60, "of_seconds": 1200}
        assert overlapping.json() == {"watched_seconds": 61, "of_seconds": 1200}
        assert Viewing.objects.get(learner=learner).watched == [[0, 61]]

    @pytest.mark.parametrize(
        ("body", "status"),
        [
            ({"start": 1150, "end": 1250}, 400),
            ({"start": 1300, "end": 1310}, 400),
            ({"start": 60, "end": 30}, 400),
            ({"start": 0, "end": 300}, 400),
            ({"start": -1, "end": 30}, 422),
            ({"start": "soon", "end": 30}, 422),
            ({"start": 0}, 422),
        ],
        ids=[
            "past-the-end",
            "after-the-end",
            "backwards",
            "span-too-long",
            "negative",
            "not-a-number",
            "missing-end",
        ],
    )
    def test_bad_positions_are_refused(
        self, client: Client, body: dict[str, Any], status: int
    ) -> None:
        webinar = make_recorded_webinar()
        learner = make_user()

        response = post(client, f"/api/webinars/{webinar.pk}/heartbeats", body, bearer(learner))

        assert response.status_code == status
        assert response.json()["detail"]
        assert not Viewing.objects.filter(learner=learner, seconds__gt=0).exists()

    def test_a_webinar_without_a_recording_is_400(self, client: Client) -> None:
        webinar = make_webinar()
        response = post(
            client,
            f"/api/webinars/{webinar.pk}/heartbeats",
            {"start": 0, "end": 10},
            bearer(make_user()),
        )
        assert response.status_code == 400
        assert response.json()["detail"] == "This webinar has no recording yet."


class TestCeCredits:
    def test_the_transcript_lists_the_callers_credit(self, client: Client) -> None:
        webinar = make_recorded_webinar(title="Sepsis recap")
        learner = make_user()
        award = earn_self_study_credit(learner, webinar)
        auth = bearer(learner)

        [row] = client.get("/api/me/ce-credits", headers=auth).json()

        assert row == {
            "date": award.activity_date.isoformat(),
            "title": "Sepsis recap (recording)",
            "provider": award.provider_name,
            "credit": "0.25",
            "unit": "CE hour",
            "credit_type": "",
            "delivery_method": "Self-study",
            "certificate_id": str(award.pk),
            "verify_url": row["verify_url"],
        }
        assert row["verify_url"].endswith(f"/ce/certificates/{award.pk}/")
        assert client.get("/api/me/ce-credits", headers=bearer(make_user())).json() == []

    def test_the_transcript_filters_by_date_and_unit(self, client: Client) -> None:
        learner = make_user()
        award = earn_self_study_credit(learner, make_recorded_webinar())
        auth = bearer(learner)
        day = award.activity_date

        def row_count(query: str) -> int:
            return len(client.get(f"/api/me/ce-credits?{query}", headers=auth).json())

        assert row_count(f"date_from={day}&date_to={day}&unit=CE hour") == 1
        assert row_count(f"date_from={day + timedelta(days=1)}") == 0
        assert row_count(f"date_to={day - timedelta(days=1)}") == 0
        assert row_count("unit=CPE credit") == 0

    @pytest.mark.parametrize(
        "query", ["date_from=yesterday", "date_to=2026-02-30", "unit=" + "x" * 81]
    )
    def test_malformed_filters_are_422(self, client: Client, query: str) -> None:
        response = client.get(f"/api/me/ce-credits?{query}", headers=bearer(make_user()))
        assert response.status_code == 422
        assert response.json()["detail"]

    def test_a_start_after_the_end_is_400(self, client: Client) -> None:
        response = client.get(
            "/api/me/ce-credits?date_from=2026-03-02&date_to=2026-03-01",
            headers=bearer(make_user()),
        )
        assert response.status_code == 400
        assert response.json()["detail"] == "date_from must be on or before date_to."


class TestCertificates:
    def test_anyone_can_verify_a_certificate_and_it_never_shows_the_email(
        self, client: Client
    ) -> None:
        learner = make_user(email="private.person@example.org")
        award = earn_self_study_credit(learner, make_recorded_webinar(title="Sepsis recap"))

        response = client.get(f"/api/certificates/{award.pk}")

        assert response.status_code == 200
        body = response.json()
        assert body == {
            "id": str(award.pk),
            "title": "Sepsis recap (recording)",
            "activity_date": award.activity_date.isoformat(),
            "credit": "0.25",
            "unit": "CE hour",
            "credit_type": "",
            "provider": award.provider_name,
            "delivery_method": "Self-study",
            "valid": True,
            "revoked_reason": "",
            "learner_name": None,
        }
        assert "private.person" not in response.content.decode()
        assert "@" not in response.content.decode()

    def test_the_learners_display_name_shows_when_set(self, client: Client) -> None:
        learner = make_user(email="nurse@example.org")
        learner.display_name = "Sam Rivera, RN"
        learner.save(update_fields=["display_name"])
        award = earn_self_study_credit(learner, make_recorded_webinar())

        response = client.get(f"/api/certificates/{award.pk}")

        assert response.json()["learner_name"] == "Sam Rivera, RN"
        assert "nurse@example.org" not in response.content.decode()

    def test_a_revoked_certificate_is_not_valid(self, client: Client) -> None:
        award = earn_self_study_credit(make_user(), make_recorded_webinar())
        # There is no revoke service yet; staff would set these two fields.
        CreditAward.objects.filter(pk=award.pk).update(
            revoked_at=timezone.now(), revoked_reason="Attendance could not be confirmed"
        )

        body = client.get(f"/api/certificates/{award.pk}").json()

        assert body["valid"] is False
        assert body["revoked_reason"] == "Attendance could not be confirmed"

    def test_an_unknown_certificate_is_404(self, client: Client) -> None:
        response = client.get("/api/certificates/00000000-0000-0000-0000-000000000000")
        assert response.status_code == 404
        assert response.json()["detail"] == "No such certificate"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/registration"),
        ("delete", "/registration"),
        ("post", "/checks"),
        ("post", "/heartbeats"),
        ("get", "/api/me/webinars"),
        ("get", "/api/me/ce-credits"),
    ],
)
def test_anonymous_callers_get_401(client: Client, method: str, path: str) -> None:
    webinar = make_webinar()
    url = path if path.startswith("/api/") else f"/api/webinars/{webinar.pk}{path}"

    response = getattr(client, method)(url)

    assert response.status_code == 401
    assert response.json()["detail"]
    assert not Registration.objects.exists()
