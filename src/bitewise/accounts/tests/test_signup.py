"""Sign-up answers the same whether or not an address has an account; the emailed link
makes the account; sign-ups are throttled."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import SignupRequest, User
from bitewise.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-unusual-passphrase"


@pytest.fixture(autouse=True)
def public_site(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://learn.example.org"


SignUp = Callable[..., Any]


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks) -> SignUp:  # type: ignore[no-untyped-def]
    """POST the sign-up form; its mail goes out after commit, as in production."""

    def post(client: Client, email: str, password: str = NEW_PASSWORD, **extra: str) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/accounts/signup/",
                {"email": email, "password": password, "display_name": "Ana"},
                follow=True,
                **extra,
            )

    return post


def confirm_link(body: str) -> str:
    found = re.search(r"https://learn\.example\.org(/accounts/signup/[\w-]+/)", body)
    assert found is not None, body
    return found.group(1)


def test_a_taken_and_a_free_address_get_the_same_page(client: Client, sign_up: SignUp) -> None:
    make_user(email="taken@example.org")
    visitor_one, visitor_two = Client(), Client()

    taken = sign_up(visitor_one, "taken@example.org")
    free = sign_up(visitor_two, "free@example.org")

    assert taken.status_code == free.status_code == 200
    assert taken.redirect_chain == free.redirect_chain == [("/accounts/signup/sent/", 302)]
    pages = [
        r.content.decode().replace(e, "ADDRESS")
        for r, e in ((taken, "taken@example.org"), (free, "free@example.org"))
    ]
    assert pages[0] == pages[1]
    assert "Check your email" in pages[1]
    assert "_auth_user_id" not in visitor_one.session
    assert "_auth_user_id" not in visitor_two.session


def test_each_address_gets_one_mail_the_holder_a_warning_the_newcomer_a_link(
    client: Client, sign_up: SignUp
) -> None:
    holder = make_user(email="taken@example.org")

    sign_up(Client(), "Taken@Example.org")
    sign_up(Client(), "free@example.org")

    warning, welcome = mail.outbox
    assert warning.to == ["taken@example.org"]
    assert warning.subject == "Someone tried to sign up with your address"
    assert "https://learn.example.org/accounts/password-reset/" in warning.body
    assert welcome.to == ["free@example.org"]
    assert welcome.subject == "Finish signing up for Bitewise"
    confirm_link(welcome.body)
    holder.refresh_from_db()
    assert holder.check_password(PASSWORD)  # the attempt changed nothing
    assert User.objects.count() == 1  # no account until the link is followed


def test_following_the_link_makes_the_account_with_the_chosen_password_and_logs_in(
    client: Client, sign_up: SignUp
) -> None:
    sign_up(client, "Nurse@Example.org")
    link = confirm_link(mail.outbox[0].body)

    page = client.get(link)
    assert page.status_code == 200 and "nurse@example.org" in page.content.decode()
    assert not User.objects.exists()  # a mail scanner's GET makes nothing

    done = client.post(link, follow=True)

    user = User.objects.get()
    assert (user.email, user.display_name, user.role) == ("nurse@example.org", "Ana", "learner")
    assert user.check_password(NEW_PASSWORD)
    assert "Welcome to Bitewise" in done.content.decode()
    assert client.get("/me/progress/").status_code == 200


def test_the_link_works_once(client: Client, sign_up: SignUp) -> None:
    sign_up(client, "new@example.org")
    link = confirm_link(mail.outbox[0].body)
    client.post(link)

    again = Client().post(link)

    assert again.status_code == 400
    assert "already been used" in again.content.decode()
    assert User.objects.count() == 1


def test_the_link_expires_after_a_day(client: Client, sign_up: SignUp) -> None:
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        sign_up(client, "new@example.org")
    link = confirm_link(mail.outbox[0].body)

    with time_machine.travel(now + timedelta(hours=24, minutes=1), tick=False):
        late = Client().post(link)

    assert late.status_code == 400
    assert "expired" in late.content.decode()
    assert not User.objects.exists()


def test_a_second_link_for_an_address_that_got_an_account_meanwhile_is_refused(
    client: Client, sign_up: SignUp
) -> None:
    sign_up(Client(), "new@example.org")
    sign_up(Client(), "new@example.org")
    first, second = (confirm_link(m.body) for m in mail.outbox)
    Client().post(first)

    refused = Client().post(second)

    assert refused.status_code == 400
    assert "already has an account" in refused.content.decode()
    assert User.objects.count() == 1


def test_a_made_up_link_is_a_400_with_a_way_on(client: Client) -> None:
    response = client.get("/accounts/signup/not-a-real-token/")
    assert response.status_code == 400
    assert "Sign up again" in response.content.decode()


def test_sign_ups_for_one_address_are_throttled_so_nobody_is_mail_bombed(
    client: Client, sign_up: SignUp
) -> None:
    for n in range(3):
        sign_up(Client(), "target@example.org", REMOTE_ADDR=f"198.51.100.{n}")

    refused = Client().post(
        "/accounts/signup/",
        {"email": "target@example.org", "password": NEW_PASSWORD},
        REMOTE_ADDR="198.51.100.99",
    )

    assert refused.status_code == 429
    assert "Too many sign-ups for this account" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert len(mail.outbox) == 3
    assert SignupRequest.objects.count() == 3


def test_sign_ups_from_one_address_are_throttled(client: Client, sign_up: SignUp) -> None:
    for n in range(10):
        sign_up(Client(), f"new{n}@example.org", REMOTE_ADDR="203.0.113.5")

    refused = Client().post(
        "/accounts/signup/",
        {"email": "one-more@example.org", "password": NEW_PASSWORD},
        REMOTE_ADDR="203.0.113.5",
    )

    assert refused.status_code == 429
    assert "from your network" in refused.content.decode()
    assert not SignupRequest.objects.filter(email="one-more@example.org").exists()
