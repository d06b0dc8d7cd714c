"""The admin's "Change password" page counts wrong current passwords like failed log-ins:
they lock the account and the address, the right one is refused while locked, with a
message saying when to try again (never a 500), and the lock holds on the log-in page too."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import Role, Throttle, ThrottleKind, User
from bitewise.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW = "a-brand-new-passphrase"
ADDRESS = "192.0.2.44"


def staff_browser(user: User) -> Client:
    browser = Client()
    assert browser.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD}, REMOTE_ADDR=ADDRESS
    ).status_code in (200, 302)
    return browser


def change(browser: Client, old: str, address: str = ADDRESS):  # type: ignore[no-untyped-def]
    return browser.post(
        "/admin/password_change/",
        {"old_password": old, "new_password1": NEW, "new_password2": NEW},
        REMOTE_ADDR=address,
    )


def test_wrong_current_passwords_lock_the_change_and_the_right_one_is_refused_while_locked(
    settings,  # type: ignore[no-untyped-def]
) -> None:
    admin = make_user(role=Role.ADMIN)
    browser = staff_browser(admin)
    page = browser.get("/admin/password_change/")
    assert page.status_code == 200 and "Bitewise staff admin" in page.content.decode()
    now = timezone.now().replace(microsecond=0)

    with time_machine.travel(now, tick=False):
        wrong = [change(browser, f"guess-{n}").status_code for n in range(4)]
        fifth = change(browser, "guess-5")
        right = change(browser, PASSWORD)
        log_in = Client().post("/accounts/login/", {"username": admin.email, "password": PASSWORD})

    assert wrong == [200, 200, 200, 200]  # the form again, "incorrect"
    for refused in (fifth, right):
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) > 0
        assert "Too many failed log-ins for this account. Try again in 15 minutes" in (
            refused.content.decode()
        )
    assert Throttle.objects.get(kind=ThrottleKind.ACCOUNT).locked_until is not None
    assert log_in.status_code == 429  # one lock, wherever the password is typed
    admin.refresh_from_db()
    assert admin.check_password(PASSWORD) and not admin.check_password(NEW)

    with time_machine.travel(now + timedelta(minutes=16), tick=False):
        assert change(browser, PASSWORD).status_code == 302
    admin.refresh_from_db()
    assert admin.check_password(NEW)


def test_guesses_count_against_the_address_across_accounts(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BITEWISE_LOCKOUT_ADDRESS_FAILURES = 3
    first, second = make_user(role=Role.ADMIN), make_user(role=Role.AUTHOR)
    one, two = staff_browser(first), staff_browser(second)

    change(one, "guess-1", address="198.51.100.9")
    change(two, "guess-2", address="198.51.100.9")
    third = change(two, "guess-3", address="198.51.100.9")
    elsewhere = change(one, PASSWORD, address="203.0.113.5")

    assert third.status_code == 429
    assert "from your network" in third.content.decode()
    assert elsewhere.status_code == 302


def test_the_right_current_password_forgives_earlier_wrong_ones() -> None:
    admin = make_user(role=Role.ADMIN)
    browser = staff_browser(admin)
    for n in range(4):
        change(browser, f"guess-{n}")
    assert Throttle.objects.get(kind=ThrottleKind.ACCOUNT, subject=admin.email).count == 4

    assert change(browser, PASSWORD).status_code == 302
    assert not Throttle.objects.filter(kind=ThrottleKind.ACCOUNT, subject=admin.email).exists()
