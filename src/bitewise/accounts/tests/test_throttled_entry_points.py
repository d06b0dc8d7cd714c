"""Throttles on the anonymous verifier (/api/verify, /api/verify/file) and on guessed
attendance-check codes (web page and API)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from bitewise.accounts.services import api_token_create
from bitewise.testing import make_user
from bitewise.webinars.models import CheckAnswer, Webinar
from bitewise.webinars.services.checks import check_open
from bitewise.webinars.services.registration import registration_create
from bitewise.webinars.tests.api_support import make_webinar

pytestmark = pytest.mark.django_db

NOT_A_CREDENTIAL = {"credential": {"type": ["VerifiableCredential"]}}


def verify(client: Client, address: str = "192.0.2.20"):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/verify",
        data=json.dumps(NOT_A_CREDENTIAL),
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def verify_file(client: Client, address: str = "192.0.2.20"):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("badge.json", json.dumps(NOT_A_CREDENTIAL["credential"]).encode())
    return client.post("/api/verify/file", {"file": upload}, REMOTE_ADDR=address)


def test_verification_is_rate_limited_per_address_across_both_routes(
    client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.BITEWISE_VERIFY_PER_MINUTE = 4
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False):
        statuses = [verify(client).status_code, verify_file(client).status_code]
        statuses += [verify(client).status_code, verify_file(client).status_code]
        refused_json, refused_file = verify(client), verify_file(client)
        elsewhere = verify(client, "198.51.100.8")

    assert statuses == [200, 200, 200, 200]
    for refused in (refused_json, refused_file):
        assert refused.status_code == 429
        assert "Too many verification requests from your network" in refused.json()["detail"]
        assert 0 < int(refused["Retry-After"]) <= 60
    assert elsewhere.status_code == 200
    with time_machine.travel(now + timedelta(minutes=1, seconds=1), tick=False):
        assert verify(client).status_code == 200


@pytest.fixture
def live() -> tuple[Webinar, object]:
    webinar = make_webinar(starts_in=timedelta(hours=1))
    learner = make_user()
    registration_create(learner=learner, webinar=webinar)
    return webinar, learner


def test_guessing_attendance_codes_over_the_api_locks_the_learner(client: Client, live) -> None:  # type: ignore[no-untyped-def]
    webinar, learner = live
    auth = {"Authorization": f"Bearer {api_token_create(user=learner, name='t').secret}"}
    url = f"/api/webinars/{webinar.pk}/checks"

    def answer(code: str, address: str = "192.0.2.30"):  # type: ignore[no-untyped-def]
        return client.post(
            url,
            data=json.dumps({"code": code}),
            content_type="application/json",
            headers=auth,
            REMOTE_ADDR=address,
        )

    with time_machine.travel(webinar.starts_at + timedelta(minutes=5), tick=False):
        check = check_open(webinar=webinar)
        wrong = [answer(f"ZZZZ{n}").status_code for n in range(10)]
        right = answer(check.code, "198.51.100.9")  # even from elsewhere: the account is locked

    assert wrong == [400] * 10
    assert right.status_code == 429
    assert "Too many refused attendance codes for this account" in right.json()["detail"]
    assert not CheckAnswer.objects.exists()


def test_guessing_attendance_codes_on_the_page_is_refused_with_a_429(client: Client, live) -> None:  # type: ignore[no-untyped-def]
    webinar, learner = live
    client.force_login(learner)
    url = f"/webinars/{webinar.pk}/check"

    with time_machine.travel(webinar.starts_at + timedelta(minutes=5), tick=False):
        check = check_open(webinar=webinar)
        for n in range(10):
            assert client.post(url, {"code": f"ZZZZ{n}"}).status_code == 302
        refused = client.post(url, {"code": check.code})

    assert refused.status_code == 429
    assert "Too many refused attendance codes" in refused.content.decode()
    assert not CheckAnswer.objects.exists()


def test_many_learners_guessing_from_one_address_are_locked_together(client: Client, live) -> None:  # type: ignore[no-untyped-def]
    webinar, _ = live
    with time_machine.travel(webinar.starts_at + timedelta(minutes=5), tick=False):
        check = check_open(webinar=webinar)
        for n in range(30):
            guesser = make_user()
            registration_create(learner=guesser, webinar=webinar)
            browser = Client()
            browser.force_login(guesser)
            browser.post(f"/webinars/{webinar.pk}/check", {"code": f"ZZZZ{n % 9}"})
        newcomer = make_user()
        registration_create(learner=newcomer, webinar=webinar)
        client.force_login(newcomer)
        refused = client.post(f"/webinars/{webinar.pk}/check", {"code": check.code})

    assert refused.status_code == 429
    assert "from your network" in refused.content.decode()
