"""The webinars API: public listings and certificates; every learner route acts on the
caller's own registrations and credit only; refusals are a 4xx with a ``detail``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.accounts.services import api_token_create
from bitewise.testing import make_skill, make_user
from bitewise.webinars.models import (
    Registration,
    RegistrationStatus,
    Series,
)
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.services.webinars import webinar_cancel
from bitewise.webinars.tests.api_support import (
    bearer,
    make_webinar,
    program,
)

pytestmark = pytest.mark.django_db


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
        assert client.get(url, headers=bearer(staff)).status_code == 404  # no `staff` scope
        secret = api_token_create(user=staff, name="s", scopes=["read", "staff"]).secret
        with_scope = client.get(url, headers={"Authorization": f"Bearer {secret}"})
        assert with_scope.json()["title"] == draft.title

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
