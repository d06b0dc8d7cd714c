"""Password login switched off (BITEWISE_PASSWORD_LOGIN=false): no password signs anyone in,
in the log-in page or the admin's; signing up and resetting a password are refused too."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from bitewise.accounts.models import Role, SignupRequest
from bitewise.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_login_off(settings: Any) -> None:
    settings.BITEWISE_PASSWORD_LOGIN = False


def test_the_right_password_still_logs_in_while_password_login_is_on() -> None:
    user = make_user()
    client = Client()

    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_right_password_is_refused_while_password_login_is_off(
    password_login_off: None,
) -> None:
    user = make_user()
    client = Client()

    response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})

    assert response.status_code == 403
    assert b"Password sign-in is switched off on this site" in response.content
    assert "_auth_user_id" not in client.session


def test_the_login_page_shows_no_password_form_while_it_is_off(password_login_off: None) -> None:
    response = Client().get("/accounts/login/")

    assert response.status_code == 200
    assert b'name="password"' not in response.content
    assert b"Sign up</a>" not in response.content
    assert b"Signing in is not set up on this site yet" in response.content


def test_the_admin_login_refuses_a_password_while_it_is_off(password_login_off: None) -> None:
    admin = make_user(role=Role.ADMIN)
    client = Client()

    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/accounts/signup/", {"email": "new@example.org", "password": "a-long-pass-phrase-1"}),
        ("/accounts/password-reset/", {"email": "someone@example.org"}),
    ],
    ids=["sign-up", "password-reset"],
)
def test_password_pages_are_refused_while_it_is_off(
    password_login_off: None, path: str, data: dict[str, str]
) -> None:
    make_user(email="someone@example.org")

    response = Client().post(path, data)

    assert response.status_code == 403
    assert b"Password sign-in is switched off" in response.content
    assert not SignupRequest.objects.exists()
    assert mail.outbox == []
