from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.test import Client

from bitewise.accounts.models import ApiToken, User
from bitewise.accounts.services import api_token_create
from bitewise.testing import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"email": "not-an-email", "password": "a-long-unusual-passphrase"}, "valid email"),
        ({"email": "new@example.org", "password": "123"}, "too short"),
        ({"email": "new@example.org", "password": "password123"}, "too common"),
    ],
    ids=["bad-email", "short-password", "common-password"],
)
def test_bad_sign_ups_are_refused_with_a_message(
    client: Client, form: dict[str, str], message: str
) -> None:
    response = client.post("/accounts/signup/", form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_production_settings_hash_passwords_with_argon2(settings) -> None:  # type: ignore[no-untyped-def]
    from bitewise.settings import base

    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS  # the fixture also resets hasher caches
    user = User(email="x@example.org")
    user.set_password("a-long-unusual-passphrase")
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password("a-long-unusual-passphrase")


def test_log_in_with_email_and_password(client: Client) -> None:
    make_user(email="member@example.org")
    bad = client.post("/accounts/login/", {"username": "member@example.org", "password": "wrong"})
    assert bad.status_code == 200 and "correct" in bad.content.decode()
    good = client.post("/accounts/login/", {"username": "member@example.org", "password": PASSWORD})
    assert good.status_code == 302


def test_password_reset_by_email_sets_a_new_password(client: Client) -> None:
    make_user(email="forgetful@example.org")
    assert "Email me a reset link" in client.get("/accounts/password-reset/").content.decode()
    client.post("/accounts/password-reset/", {"email": "forgetful@example.org"})
    [message] = mail.outbox
    link = re.search(r"http://[^/]+(/accounts/reset/\S+)", message.body)
    assert link is not None

    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    new = "another-long-passphrase-42"
    done = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert User.objects.get().check_password(new)


def test_password_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(
    client: Client,
) -> None:
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_learner_creates_and_revokes_a_token_on_the_web(client: Client) -> None:
    learner = make_user()
    client.post("/accounts/login/", {"username": learner.email, "password": PASSWORD})
    form = {"name": "LMS", "scopes": ["read"], "days": "30"}
    page = client.post("/accounts/tokens/", form).content.decode()
    secret = re.search(r"(bw_[\w-]+)", page)
    assert secret is not None
    token = ApiToken.objects.get(user=learner)
    assert token.key_hash != secret.group(1)  # only a hash is stored

    client.post(f"/accounts/tokens/{token.pk}/revoke")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_learner_cannot_revoke_someone_elses_token(client: Client) -> None:
    alice, bob = make_user(), make_user()
    issued = api_token_create(user=alice, name="alice")
    client.force_login(bob)
    assert client.post(f"/accounts/tokens/{issued.token.pk}/revoke").status_code == 404
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None
    assert "alice" not in client.get("/accounts/tokens/").content.decode()
