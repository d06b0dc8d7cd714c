"""Password reset: links from BITEWISE_SITE_URL whatever the Host header says; requests
throttled; a new password revokes every API token and ends a log-in lock."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from bitewise.accounts.models import ApiToken, Throttle, ThrottleKind, User
from bitewise.accounts.services import api_token_create
from bitewise.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW = "another-long-passphrase-42"


@pytest.fixture(autouse=True)
def public_site(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://learn.example.org"
    settings.ALLOWED_HOSTS = ["learn.example.org", "evil.example.com", "testserver"]


def reset_link(body: str) -> str:
    found = re.search(r"(https?://[^/\s]+)(/accounts/reset/\S+)", body)
    assert found is not None, body
    assert found.group(1) == "https://learn.example.org"
    return found.group(2)


def set_new_password(client: Client, link: str, password: str = NEW) -> None:
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302


def test_a_forged_host_header_does_not_reach_the_reset_link(client: Client) -> None:
    make_user(email="member@example.org")

    client.post(
        "/accounts/password-reset/",
        {"email": "member@example.org"},
        HTTP_HOST="evil.example.com",
        HTTP_X_FORWARDED_HOST="evil.example.com",
    )

    [message] = mail.outbox
    assert "evil.example.com" not in message.body
    reset_link(message.body)


def test_a_reset_revokes_every_api_token_and_says_why(client: Client) -> None:
    member = make_user(email="member@example.org")
    issued = api_token_create(user=member, name="LMS")
    client.post("/accounts/password-reset/", {"email": member.email})

    set_new_password(client, reset_link(mail.outbox[0].body))

    token = ApiToken.objects.get()
    assert token.revoked_at is not None and token.revoked_reason == "reset"
    refused = Client().get("/api/me/progress", headers={"Authorization": f"Bearer {issued.secret}"})
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"] and "(reset)" in refused.json()["detail"]
    assert User.objects.get().check_password(NEW)


def test_a_reset_ends_a_log_in_lock(client: Client) -> None:
    member = make_user(email="member@example.org")
    for _ in range(5):
        client.post("/accounts/login/", {"username": member.email, "password": "wrong"})
    assert Throttle.objects.filter(kind=ThrottleKind.ACCOUNT, locked_until__isnull=False)
    client.post("/accounts/password-reset/", {"email": member.email})

    set_new_password(client, reset_link(mail.outbox[-1].body))

    logged_in = Client().post("/accounts/login/", {"username": member.email, "password": NEW})
    assert logged_in.status_code == 302


def test_reset_requests_for_one_address_are_throttled(client: Client) -> None:
    make_user(email="member@example.org")
    for n in range(3):
        Client().post(
            "/accounts/password-reset/",
            {"email": "member@example.org"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )

    refused = Client().post(
        "/accounts/password-reset/", {"email": "member@example.org"}, REMOTE_ADDR="192.0.2.1"
    )

    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_reset_requests_from_one_address_are_throttled_whatever_the_email(
    client: Client,
) -> None:
    for n in range(10):
        client.post("/accounts/password-reset/", {"email": f"x{n}@example.org"})

    refused = client.post("/accounts/password-reset/", {"email": "another@example.org"})

    assert refused.status_code == 429
    assert "from your network" in refused.content.decode()


def test_an_old_password_no_longer_logs_in_after_a_reset(client: Client) -> None:
    member = make_user(email="member@example.org")
    client.post("/accounts/password-reset/", {"email": member.email})
    set_new_password(client, reset_link(mail.outbox[0].body))

    old = Client().post("/accounts/login/", {"username": member.email, "password": PASSWORD})
    assert old.status_code == 200
