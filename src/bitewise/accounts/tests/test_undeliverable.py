"""Account mail never goes to an address that can never receive mail (an LTI launch's
``…@lti.invalid`` placeholder): no reset link, no unlock link, and sign-up says the address
cannot be used; an ordinary address still gets each."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from bitewise.accounts.models import SignupRequest, Throttle, ThrottleKind
from bitewise.accounts.services.mail import account_mail_send
from bitewise.accounts.tests.test_login_lockout import fail
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db
PLACEHOLDER = "lti-1-0f1e2d3c4b5a69788796@lti.invalid"


def test_a_password_reset_for_a_placeholder_address_mails_nothing_and_reads_the_same(
    client: Client,
) -> None:
    make_user(email=PLACEHOLDER)
    make_user(email="member@example.org")

    placeholder = client.post("/accounts/password-reset/", {"email": PLACEHOLDER})
    assert mail.outbox == []
    ordinary = client.post("/accounts/password-reset/", {"email": "member@example.org"})

    assert placeholder.status_code == ordinary.status_code == 302
    assert placeholder["Location"] == ordinary["Location"]
    assert [message.to for message in mail.outbox] == [["member@example.org"]]


def test_a_locked_placeholder_account_is_locked_but_mailed_no_unlock_link(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    make_user(email=PLACEHOLDER)
    with django_capture_on_commit_callbacks(execute=True):
        fail(client, PLACEHOLDER, 5)

    assert Throttle.objects.filter(kind=ThrottleKind.ACCOUNT, locked_until__isnull=False)
    assert mail.outbox == []


def test_sign_up_with_an_address_that_can_never_receive_mail_is_refused_with_a_reason(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            "/accounts/signup/",
            {"email": "ana@clinic.invalid", "password": "a-long-unusual-passphrase"},
        )

    assert page.status_code == 400  # an invalid form, as every other
    assert "This address can never receive mail" in page.content.decode()
    assert not SignupRequest.objects.exists() and mail.outbox == []


def test_the_account_mail_sender_refuses_a_placeholder_and_sends_an_ordinary_address() -> None:
    context = {"user": None, "link": "https://learn.example.org/x", "hours": 24}

    assert account_mail_send(to=PLACEHOLDER, template="signup_confirm", context=context) is False
    assert account_mail_send(to="a@example.org", template="signup_confirm", context=context)
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
