"""The webinars API for attending learners: attendance checks, recording heartbeats, CE credits
and public certificates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.testing import make_user
from bitewise.webinars.models import (
    CheckAnswer,
    CreditAward,
    Viewing,
    Webinar,
)
from bitewise.webinars.services.checks import check_open
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.api_support import (
    bearer,
    earn_self_study_credit,
    make_recorded_webinar,
    make_webinar,
    post,
)

pytestmark = pytest.mark.django_db


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
            "credential_url": None,
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
