"""Log-in throttling: wrong passwords lock the account and the address, the right password
is refused while locked, and the lock ends by time, by the emailed link or by an admin."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import AuditAction, AuditEntry, Role, Throttle, ThrottleKind
from bitewise.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def log_in(client: Client, email: str, password: str, address: str = "192.0.2.10"):  # type: ignore[no-untyped-def]
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, REMOTE_ADDR=address
    )


def fail(client: Client, email: str, times: int, address: str = "192.0.2.10") -> None:
    for _ in range(times):
        log_in(client, email, "not-the-password", address)


def test_the_right_password_after_fifty_wrong_ones_is_refused(client: Client) -> None:
    make_user(email="member@example.org")
    fail(client, "member@example.org", 50)

    response = log_in(client, "member@example.org", PASSWORD)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Too many failed log-ins for this account. Try again in 15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_fifth_wrong_password_locks_and_says_when_to_retry(client: Client) -> None:
    make_user(email="member@example.org")
    fail(client, "member@example.org", 4)
    fourth = log_in(client, "member@example.org", "still-wrong")
    assert fourth.status_code == 429  # that was the fifth failure: the lock starts now
    assert "Try again in 15 minutes" in fourth.content.decode()
    assert Throttle.objects.get(kind=ThrottleKind.ACCOUNT).locked_until is not None


def test_four_wrong_passwords_then_the_right_one_logs_in_and_forgives_them(
    client: Client,
) -> None:
    make_user(email="member@example.org")
    fail(client, "member@example.org", 4)

    assert log_in(client, "member@example.org", PASSWORD).status_code == 302
    assert not Throttle.objects.filter(kind=ThrottleKind.ACCOUNT).exists()


def test_a_form_sent_without_a_password_does_not_forgive_earlier_failures(
    client: Client,
) -> None:
    make_user(email="member@example.org")
    fail(client, "member@example.org", 4)
    client.post("/accounts/login/", {"username": "member@example.org", "password": ""})

    fifth = log_in(client, "member@example.org", "wrong-again")

    assert fifth.status_code == 429


def test_the_lock_ends_by_itself_after_the_lockout_time(client: Client) -> None:
    make_user(email="member@example.org")
    with time_machine.travel(NOW, tick=False):
        fail(client, "member@example.org", 5)
    with time_machine.travel(NOW + timedelta(minutes=14), tick=False):
        assert log_in(client, "member@example.org", PASSWORD).status_code == 429
    with time_machine.travel(NOW + timedelta(minutes=15, seconds=1), tick=False):
        assert log_in(client, "member@example.org", PASSWORD).status_code == 302


def test_one_address_guessing_across_many_accounts_is_locked(client: Client) -> None:
    victim = make_user(email="victim@example.org")
    for n in range(20):
        log_in(client, f"guess{n}@example.org", "password1", "203.0.113.5")

    refused = log_in(client, victim.email, PASSWORD, "203.0.113.5")
    assert refused.status_code == 429
    assert "from your network" in refused.content.decode()
    # The account itself is not locked: its holder logs in from elsewhere.
    assert log_in(Client(), victim.email, PASSWORD, "198.51.100.1").status_code == 302


def test_a_forwarded_header_does_not_get_around_the_address_lock(client: Client) -> None:
    for n in range(20):
        client.post(
            "/accounts/login/",
            {"username": f"guess{n}@example.org", "password": "x"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    assert log_in(client, "another@example.org", "x", "203.0.113.5").status_code == 429


def test_an_unknown_address_is_locked_the_same_way_and_nobody_is_mailed(
    client: Client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        fail(client, "nobody@example.org", 5)
    refused = log_in(client, "nobody@example.org", "x")
    assert refused.status_code == 429
    assert "Too many failed log-ins for this account" in refused.content.decode()
    assert mail.outbox == []


def test_the_holder_is_mailed_a_one_time_unlock_link_that_ends_the_lock(
    client: Client, django_capture_on_commit_callbacks, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://learn.example.org"
    make_user(email="member@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        fail(client, "member@example.org", 5)
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert message.subject == "Log-in to your Bitewise account is locked"
    link = re.search(r"https://learn\.example\.org(/accounts/unlock/[\w-]+/)", message.body)
    assert link is not None, message.body

    page = client.get(link.group(1))
    assert page.status_code == 200 and "Unlock my account" in page.content.decode()
    assert log_in(client, "member@example.org", PASSWORD).status_code == 429  # GET unlocks nothing

    unlocked = client.post(link.group(1), REMOTE_ADDR="192.0.2.10")
    assert unlocked.status_code == 302
    assert log_in(client, "member@example.org", PASSWORD).status_code == 302

    again = Client().post(link.group(1))
    assert again.status_code == 400
    assert "already been used" in again.content.decode()


def test_an_admin_clears_a_lock_from_the_user_list_and_it_is_audited(client: Client) -> None:
    member = make_user(email="member@example.org")
    admin = make_user(role=Role.ADMIN)
    fail(client, "member@example.org", 5)

    staff = Client()
    staff.force_login(admin)
    response = staff.post(
        "/admin/accounts/user/",
        {"action": "clear_locks", "_selected_action": [member.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "1 lock(s) or counter(s) cleared" in response.content.decode()
    assert log_in(client, "member@example.org", PASSWORD).status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.LOCK_CLEARED)
    assert (entry.actor, entry.record) == (admin, "member@example.org")
    assert entry.target == "throttle:login:account"


def test_an_admin_clears_an_address_lock_from_the_lock_list(client: Client) -> None:
    admin = make_user(role=Role.ADMIN)
    for n in range(20):
        log_in(client, f"guess{n}@example.org", "x", "203.0.113.5")
    counter = Throttle.objects.get(kind=ThrottleKind.ADDRESS, subject="203.0.113.5")

    staff = Client()
    staff.force_login(admin)
    listed = staff.get("/admin/accounts/throttle/?locked=yes")
    assert "203.0.113.5" in listed.content.decode()
    staff.post("/admin/accounts/throttle/", {"action": "clear", "_selected_action": [counter.pk]})

    assert not Throttle.objects.filter(pk=counter.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.LOCK_CLEARED, actor=admin).count() == 1


def test_an_author_cannot_clear_locks(client: Client) -> None:
    member = make_user(email="member@example.org")
    fail(client, "member@example.org", 5)
    author = Client()
    author.force_login(make_user(role=Role.AUTHOR))

    response = author.post(
        "/admin/accounts/user/", {"action": "clear_locks", "_selected_action": [member.pk]}
    )

    assert response.status_code == 403
    assert Throttle.objects.filter(locked_until__isnull=False).count() == 1
    assert not AuditEntry.objects.exists()


def test_the_admin_log_in_page_is_locked_too(client: Client) -> None:
    admin = make_user(role=Role.ADMIN, email="boss@example.org")
    for _ in range(5):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": admin.email, "password": "wrong"},
            REMOTE_ADDR="192.0.2.10",
        )
    refused = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin.email, "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )
    assert "Too many failed log-ins for this account" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_learner_with_the_right_password_on_the_admin_page_is_not_counted(
    client: Client,
) -> None:
    learner = make_user(email="member@example.org")
    for _ in range(6):
        client.post("/admin/login/", {"username": learner.email, "password": PASSWORD})

    assert not Throttle.objects.exists()
    assert log_in(client, learner.email, PASSWORD).status_code == 302


def test_confirming_the_password_counts_against_the_same_lock(client: Client) -> None:
    member = make_user(email="member@example.org")
    client.force_login(member)
    for _ in range(5):
        client.post("/accounts/confirm-password/", {"password": "wrong"})
    refused = client.post("/accounts/confirm-password/", {"password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many failed log-ins" in refused.content.decode()
    assert log_in(Client(), member.email, PASSWORD).status_code == 429
