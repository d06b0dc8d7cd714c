"""Signing in through a real OpenID Provider (node-oidc-provider on 127.0.0.1): Bitewise's
side through the test client, the person's side at the provider over HTTP."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from bitewise.accounts.models import User
from bitewise.sso.models import SsoLink
from tests.sso.conftest import refusals
from tests.sso.openid_provider import OpenIdProvider, sign_in_at

pytestmark = pytest.mark.django_db(transaction=True)


def start(client: Client) -> str:
    response = client.get("/sso/oidc/association/login/?next=/today/")
    assert response.status_code == 302
    return str(response["Location"])


def back_at_bitewise(client: Client, callback_url: str) -> Any:
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def sign_in(client: Client, op: OpenIdProvider, login: str) -> Any:
    return back_at_bitewise(client, sign_in_at(op, start(client), login))


def test_a_new_member_signs_in_with_pkce_and_gets_an_account(
    oidc_configured: OpenIdProvider,
) -> None:
    client = Client()
    authorize_url = start(client)
    query = parse_qs(urlsplit(authorize_url).query)
    assert authorize_url.startswith(oidc_configured.issuer)
    assert query["code_challenge_method"] == ["S256"] and query["code_challenge"][0]
    assert query["state"][0] and query["nonce"][0]

    response = back_at_bitewise(client, sign_in_at(oidc_configured, authorize_url, "ada"))

    assert response.status_code == 302 and response["Location"] == "/today/"
    user = User.objects.get(email="ada@example.org")
    assert user.display_name == "Ada Lovelace" and not user.has_usable_password()
    assert client.session["_auth_user_id"] == str(user.pk)
    link = SsoLink.objects.get(user=user)
    assert (link.provider, link.subject) == ("association", "ada")
    assert link.last_claims["membership_tier"] == "Gold"


def test_an_existing_account_is_linked_by_its_verified_email(
    oidc_configured: OpenIdProvider, sso_log: pytest.LogCaptureFixture
) -> None:
    existing = User.objects.create_user(email="ada@example.org", password="local-pass-123")
    client = Client()

    response = sign_in(client, oidc_configured, "ada")

    assert response.status_code == 302
    assert User.objects.count() == 1
    assert SsoLink.objects.get().user == existing
    assert client.session["_auth_user_id"] == str(existing.pk)
    assert any(r.getMessage() == "sso account linked" for r in sso_log.records)


def test_an_unverified_email_is_refused_and_no_account_is_made(
    oidc_configured: OpenIdProvider, sso_log: pytest.LogCaptureFixture
) -> None:
    client = Client()

    response = sign_in(client, oidc_configured, "bob")

    assert response.status_code == 403
    assert b"has not verified your email address" in response.content
    assert refusals(sso_log) == ["unverified_email"]
    assert not User.objects.exists() and not SsoLink.objects.exists()
    assert "_auth_user_id" not in client.session


def test_an_unverified_email_does_not_take_over_the_account_with_that_address(
    oidc_configured: OpenIdProvider, sso_log: pytest.LogCaptureFixture
) -> None:
    bob = User.objects.create_user(email="bob@example.org", password="local-pass-123")
    client = Client()

    response = sign_in(client, oidc_configured, "bob")

    assert response.status_code == 403
    assert not SsoLink.objects.filter(user=bob).exists()
    assert "_auth_user_id" not in client.session


def test_a_changed_email_claim_for_a_linked_person_is_refused(
    oidc_configured: OpenIdProvider, sso_log: pytest.LogCaptureFixture
) -> None:
    victim = User.objects.create_user(email="victim@example.org", password="local-pass-123")
    assert sign_in(Client(), oidc_configured, "carol").status_code == 302
    carol = User.objects.get(email="carol@example.org")
    renamed = {"carol": {"claims": {"email": "victim@example.org", "email_verified": True}}}
    oidc_configured.start(keys=oidc_configured.keys, accounts=renamed)
    try:
        client = Client()
        response = sign_in(client, oidc_configured, "carol")
    finally:
        oidc_configured.start(keys=oidc_configured.keys)

    assert response.status_code == 403
    assert b"not the one your account here was linked with" in response.content
    assert refusals(sso_log) == ["email_changed"]
    assert "_auth_user_id" not in client.session
    assert list(SsoLink.objects.values_list("user", "email")) == [(carol.pk, "carol@example.org")]
    assert not SsoLink.objects.filter(user=victim).exists()


def test_a_replayed_callback_state_is_refused(
    oidc_configured: OpenIdProvider, sso_log: pytest.LogCaptureFixture
) -> None:
    client = Client()
    callback = sign_in_at(oidc_configured, start(client), "ada")
    assert back_at_bitewise(client, callback).status_code == 302
    other = Client()  # the same callback URL, stolen and replayed in another browser

    response = back_at_bitewise(other, callback)

    assert response.status_code == 400
    assert b"already used, has expired or was started elsewhere" in response.content
    assert refusals(sso_log) == ["state"]
    assert "_auth_user_id" not in other.session
