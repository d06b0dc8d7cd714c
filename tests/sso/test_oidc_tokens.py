"""ID tokens that must not sign anyone in: forged, expired, issued to another application,
or carrying another sign-in's nonce. Each comes from the real provider (or is a real one
altered) and replaces the ID token in the provider's token answer to Bitewise, as a
man in the middle or a malicious provider account would."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
import time_machine
from authlib.integrations.requests_client import OAuth2Session
from django.test import Client
from django.utils import timezone
from joserfc import jws
from joserfc.jwk import RSAKey

from bitewise.accounts.models import User
from bitewise.sso.models import SsoLink
from tests.sso.conftest import refusals
from tests.sso.openid_provider import OTHER_ID, OTHER_SECRET, OpenIdProvider, sign_in_at
from tests.sso.test_oidc import back_at_bitewise, start

pytestmark = pytest.mark.django_db(transaction=True)

Swap = Callable[[str], str]


@pytest.fixture
def token_swap(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Swap]]:
    """Append a function: the next token answer's ID token passes through it."""
    swaps: list[Swap] = []
    original = OAuth2Session.fetch_token

    def fetch_token(self: OAuth2Session, *args: Any, **kwargs: Any) -> Any:
        token = original(self, *args, **kwargs)
        if swaps:
            token["id_token"] = swaps.pop(0)(token["id_token"])
        return token

    monkeypatch.setattr(OAuth2Session, "fetch_token", fetch_token)
    yield swaps


def _segments(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    header, payload, _ = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
    )


def forged(token: str) -> str:
    """The same claims, signed by an attacker's key under the provider's key id."""
    header, payload = _segments(token)
    attacker = RSAKey.generate_key(2048, parameters={"kid": header["kid"]})
    return jws.serialize_compact(
        {"alg": "RS256", "kid": header["kid"]}, json.dumps(payload).encode(), attacker
    )


def other_apps_token(op: OpenIdProvider, *, nonce: str, login: str) -> str:
    """A genuine ID token the provider issued to another application, with the nonce of
    Bitewise's pending sign-in (the other application's owner saw it)."""
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    callback = f"{op.site_url}/sso/oidc/association/callback/"
    query = {
        "client_id": OTHER_ID,
        "response_type": "code",
        "scope": "openid email",
        "redirect_uri": callback,
        "state": "s" * 16,
        "nonce": nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    back = sign_in_at(op, f"{op.issuer}/auth?{urlencode(query)}", login)
    code = parse_qs(urlsplit(back).query)["code"][0]
    answer = requests.post(
        f"{op.issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": callback,
            "code_verifier": verifier,
        },
        auth=(OTHER_ID, OTHER_SECRET),
        timeout=10,
    )
    answer.raise_for_status()
    return str(answer.json()["id_token"])


def _refused_without_sign_in(response: Any, client: Client, words: bytes) -> None:
    assert response.status_code == 400
    assert words in response.content
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists() and not SsoLink.objects.exists()


def test_a_forged_id_token_is_refused(
    oidc_configured: OpenIdProvider, token_swap: list[Swap], sso_log: pytest.LogCaptureFixture
) -> None:
    client = Client()
    token_swap.append(forged)

    response = back_at_bitewise(client, sign_in_at(oidc_configured, start(client), "ada"))

    _refused_without_sign_in(response, client, b"signature does not match")
    assert refusals(sso_log) == ["id_token"]


def test_an_expired_id_token_is_refused(
    oidc_configured: OpenIdProvider, sso_log: pytest.LogCaptureFixture
) -> None:
    client = Client()
    callback = sign_in_at(oidc_configured, start(client), "ada")

    # The provider's ID tokens live ten minutes; this callback is handled thirty minutes on
    # (still within the hour Bitewise keeps a sign-in's state).
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        response = back_at_bitewise(client, callback)

    _refused_without_sign_in(response, client, b"it has expired")
    assert refusals(sso_log) == ["id_token"]


def test_an_id_token_issued_to_another_application_is_refused(
    oidc_configured: OpenIdProvider, token_swap: list[Swap], sso_log: pytest.LogCaptureFixture
) -> None:
    client = Client()
    authorize_url = start(client)
    nonce = parse_qs(urlsplit(authorize_url).query)["nonce"][0]
    substitute = other_apps_token(oidc_configured, nonce=nonce, login="ada")
    token_swap.append(lambda token: substitute)

    response = back_at_bitewise(client, sign_in_at(oidc_configured, authorize_url, "ada"))

    _refused_without_sign_in(response, client, b"issued to another application")
    assert refusals(sso_log) == ["id_token"]


def test_an_id_token_replayed_from_an_earlier_sign_in_is_refused(
    oidc_configured: OpenIdProvider, token_swap: list[Swap], sso_log: pytest.LogCaptureFixture
) -> None:
    earlier: list[str] = []
    token_swap.append(lambda token: earlier.append(token) or token)
    first = Client()
    assert (
        back_at_bitewise(first, sign_in_at(oidc_configured, start(first), "ada")).status_code == 302
    )
    User.objects.all().delete()
    client = Client()
    token_swap.append(lambda token: earlier[0])

    response = back_at_bitewise(client, sign_in_at(oidc_configured, start(client), "ada"))

    _refused_without_sign_in(response, client, b"its nonce does not match")
    assert refusals(sso_log) == ["id_token"]
