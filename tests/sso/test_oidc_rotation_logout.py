"""The provider rotates its signing key; a person logs out of Bitewise and the provider."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.test import Client

from bitewise.sso import oidc
from bitewise.sso.config import providers
from bitewise.sso.models import SsoLink
from tests.sso.conftest import SITE_URL
from tests.sso.openid_provider import (
    CLIENT_SECRET,
    OpenIdProvider,
    running_provider,
    sign_in_at,
    signing_key,
)
from tests.sso.test_oidc import back_at_bitewise, sign_in, start

pytestmark = pytest.mark.django_db(transaction=True)


def _cached_kids() -> set[str]:
    client = oidc.client_for(providers()[0])
    return {key["kid"] for key in client.server_metadata["jwks"]["keys"]}


def test_a_rotated_signing_key_is_fetched_when_a_token_names_it(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BITEWISE_TEST_OIDC_SECRET", CLIENT_SECRET)
    settings.SITE_URL = SITE_URL
    with running_provider(SITE_URL, tmp_path, [signing_key("key-1")]) as op:
        settings.BITEWISE_SSO_PROVIDERS = [op.provider_table()]
        assert sign_in(Client(), op, "ada").status_code == 302
        assert _cached_kids() == {"key-1"}

        op.start(keys=[signing_key("key-2")])  # key-1 retired, key-2 signs from now on
        client = Client()
        response = sign_in(client, op, "ada")

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert _cached_kids() == {"key-2"}
    assert SsoLink.objects.count() == 1


def test_logging_out_ends_the_session_here_and_at_the_provider(
    oidc_configured: OpenIdProvider,
) -> None:
    browser = requests.Session()  # the person's browser at the provider keeps its session
    client = Client()
    back_at_bitewise(client, sign_in_at(oidc_configured, start(client), "ada", browser))
    assert "_auth_user_id" in client.session

    response = client.post("/sso/logout/")

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    found = re.search(r'href="([^"]+)" data-autofollow', response.content.decode())
    assert found is not None
    end_session = html.unescape(found.group(1))
    query = parse_qs(urlsplit(end_session).query)
    assert end_session.startswith(f"{oidc_configured.issuer}/session/end")
    assert query["post_logout_redirect_uri"] == [f"{SITE_URL}/"]
    assert query["id_token_hint"][0].count(".") == 2
    # At the provider: "Do you want to sign-out?" then back to Bitewise's catalog.
    page = browser.get(end_session, timeout=10)
    form = re.search(r'<form[^>]*action="([^"]+)"', page.text)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', page.text)
    assert form is not None and xsrf is not None
    done = browser.post(
        urljoin(page.url, form.group(1)),
        data={"xsrf": xsrf.group(1), "logout": "yes"},
        allow_redirects=False,
        timeout=10,
    )
    assert str(done.headers["Location"]).startswith(f"{SITE_URL}/")
    # The provider's session is over: signing in again asks for the log-in form.
    again = browser.get(start(Client()), allow_redirects=True, timeout=10)
    assert 'name="login"' in again.text


def test_logging_out_after_a_password_login_stays_here(oidc_configured: OpenIdProvider) -> None:
    from bitewise.accounts.models import User

    user = User.objects.create_user(email="local@example.org", password="local-pass-123")
    client = Client()
    client.force_login(user)

    response = client.post("/sso/logout/")

    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session
