"""`bitewise createadmin`: create or promote an admin, refuse bad input."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from bitewise.accounts.models import Role, User


@pytest.mark.django_db
def test_createadmin_creates_an_admin_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BITEWISE_ADMIN_PASSWORD", "a-long-admin-passphrase")
    call_command("createadmin", "--email", "Director@Example.org")
    admin = User.objects.get()
    assert (admin.email, admin.role, admin.is_superuser) == (
        "director@example.org",
        Role.ADMIN,
        True,
    )
    assert admin.check_password("a-long-admin-passphrase")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("not-an-email", "a-long-admin-passphrase", "Not an email"),
        ("a@b.org", "short", "10 characters"),
    ],
)
def test_createadmin_refuses_bad_input(
    monkeypatch: pytest.MonkeyPatch, email: str, password: str, message: str
) -> None:
    monkeypatch.setenv("BITEWISE_ADMIN_PASSWORD", password)
    with pytest.raises(CommandError, match=message):
        call_command("createadmin", "--email", email)
    assert not User.objects.exists()
