"""The Open Badges 3.0 API as a backpack meets it, over real HTTP: authlib's OAuth 2.0
client registers, sends the learner to consent, swaps the code with PKCE S256 and pulls
the credentials and profile."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from cryptography.fernet import Fernet
from django.test import Client
from oauth2_provider.models import AccessToken, Grant

from bitewise.credentials import keystore
from bitewise.credentials.models import IssuedCredential
from bitewise.testing import earn, make_micro_credential, make_user
from bitewise.wallets.models import RegisteredClient

READ = "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly"
PROFILE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly"
CALLBACK = "https://backpack.example/callback"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(settings, live_server, monkeypatch, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SITE_URL = live_server.url
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the test server speaks http
    keystore.reset_cache()
    learner = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, make_micro_credential())
    yield live_server.url, learner
    keystore.reset_cache()


def register(base: str, **overrides: Any) -> requests.Response:
    metadata = {
        "client_name": "Backpack",
        "client_uri": "https://backpack.example",
        "redirect_uris": [CALLBACK],
        "scope": f"{READ} {PROFILE}",
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        **overrides,
    }
    return requests.post(f"{base}/oauth/register", json=metadata, timeout=30)


def browser_of(learner: Any) -> requests.Session:
    """The learner's browser, logged in."""
    client = Client()
    client.force_login(learner)
    browser = requests.Session()
    browser.cookies.set("sessionid", client.cookies["sessionid"].value)
    return browser


def consent(browser: requests.Session, url: str) -> requests.Response:
    """Open the consent page and press Allow; returns the redirect to the backpack."""
    page = browser.get(url, allow_redirects=False, timeout=30)
    assert page.status_code == 200, page.text[:500]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    fields = {name: value.replace("&amp;", "&") for name, value in fields.items()}
    fields["allow"] = "Authorize"
    return browser.post(url, data=fields, allow_redirects=False, timeout=30)


def backpack(base: str) -> OAuth2Session:
    registered = register(base).json()
    return OAuth2Session(
        registered["client_id"],
        registered["client_secret"],
        scope=f"{READ} {PROFILE}",
        redirect_uri=CALLBACK,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
    )


def test_a_backpack_registers_gets_consent_and_pulls_the_learners_credentials(site) -> None:  # type: ignore[no-untyped-def]
    base, learner = site
    discovery = requests.get(f"{base}/ims/ob/v3p0/discovery", timeout=30).json()
    flows = discovery["components"]["securitySchemes"]["OAuth2ACG"]
    assert flows["x-imssf-registrationUrl"] == f"{base}/oauth/register"
    session = backpack(base)
    verifier = secrets.token_urlsafe(48)
    url, _ = session.create_authorization_url(
        flows["flows"]["authorizationCode"]["authorizationUrl"], code_verifier=verifier
    )

    redirect = consent(browser_of(learner), url)
    session.fetch_token(
        flows["flows"]["authorizationCode"]["tokenUrl"],
        authorization_response=redirect.headers["Location"],
        code_verifier=verifier,
    )
    credentials = session.get(f"{base}/ims/ob/v3p0/credentials?limit=10")
    profile = session.get(f"{base}/ims/ob/v3p0/profile").json()

    assert redirect.headers["Location"].startswith(CALLBACK + "?code=")
    assert credentials.status_code == 200 and credentials.headers["X-Total-Count"] == "1"
    issued = IssuedCredential.objects.get(learner=learner)
    assert credentials.json()["credential"] == [issued.document]
    assert profile["type"] == ["Profile"] and profile["email"] == learner.email
    refreshed = session.refresh_token(flows["flows"]["authorizationCode"]["refreshUrl"])
    assert refreshed["access_token"] != session.token.get("old") and "refresh_token" in refreshed


def test_a_wrong_code_verifier_gets_no_token(site) -> None:  # type: ignore[no-untyped-def]
    base, learner = site
    session = backpack(base)
    verifier = secrets.token_urlsafe(48)
    url, _ = session.create_authorization_url(f"{base}/oauth/authorize", code_verifier=verifier)
    redirect = consent(browser_of(learner), url)
    code = re.search(r"code=([^&]+)", redirect.headers["Location"])
    assert code is not None

    refused = requests.post(
        f"{base}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code[1],
            "redirect_uri": CALLBACK,
            "code_verifier": secrets.token_urlsafe(48),
        },
        auth=(session.client_id, session.client_secret),
        timeout=30,
    )

    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    assert not AccessToken.objects.exists()


def test_a_redirect_uri_that_was_not_registered_is_refused_before_consent(site) -> None:  # type: ignore[no-untyped-def]
    base, learner = site
    session = backpack(base)
    session.redirect_uri = "https://evil.example/steal"
    url, _ = session.create_authorization_url(
        f"{base}/oauth/authorize", code_verifier=secrets.token_urlsafe(48)
    )

    page = browser_of(learner).get(url, allow_redirects=False, timeout=30)

    assert page.status_code == 400 and "evil.example" not in page.headers.get("Location", "")
    assert "redirect" in page.text.lower()
    assert not Grant.objects.exists()


def test_plain_pkce_is_refused(site) -> None:  # type: ignore[no-untyped-def]
    base, learner = site
    session = backpack(base)
    session.code_challenge_method = "plain"
    url, _ = session.create_authorization_url(
        f"{base}/oauth/authorize", code_verifier=secrets.token_urlsafe(48)
    )

    page = browser_of(learner).get(url, allow_redirects=False, timeout=30)

    assert page.status_code == 400 and "S256" in page.json()["error_description"]
    assert not Grant.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"redirect_uris": ["http://backpack.example/callback"]}, "https"),
        ({"redirect_uris": ["https://elsewhere.example/cb"]}, "client_uri's host"),
        ({"client_uri": ""}, "client_uri is required"),
        ({"scope": "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert"}, "scope"),
    ],
    ids=["http-redirect", "foreign-redirect", "no-client-uri", "unsupported-scope"],
)
def test_a_bad_registration_is_refused_and_makes_no_client(
    site: Any,
    overrides: dict[str, Any],
    words: str,
) -> None:
    base, _ = site

    answer = register(base, **overrides)

    assert answer.status_code == 400 and words in answer.json()["error_description"]
    assert not RegisteredClient.objects.exists()


def test_the_api_wants_a_token_with_the_right_scope(site) -> None:  # type: ignore[no-untyped-def]
    base, _ = site

    anonymous = requests.get(f"{base}/ims/ob/v3p0/credentials", timeout=30)
    forged = requests.get(
        f"{base}/ims/ob/v3p0/credentials", headers={"Authorization": "Bearer nope"}, timeout=30
    )

    assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"] == "Bearer"
    assert anonymous.json()["imsx_codeMajor"] == "failure"
    assert forged.status_code == 401 and "invalid_token" in forged.headers["WWW-Authenticate"]


def test_a_backpack_gets_no_scope_it_did_not_register(site) -> None:  # type: ignore[no-untyped-def]
    base, learner = site
    registered = register(base, scope=READ).json()
    session = OAuth2Session(
        registered["client_id"],
        registered["client_secret"],
        scope=f"{READ} {PROFILE}",  # asks for more than it registered
        redirect_uri=CALLBACK,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
    )
    verifier = secrets.token_urlsafe(48)
    url, _ = session.create_authorization_url(f"{base}/oauth/authorize", code_verifier=verifier)

    page = browser_of(learner).get(url, allow_redirects=False, timeout=30)

    assert page.status_code == 302, page.text[:300]
    assert page.headers["Location"].startswith(CALLBACK + "?error=invalid_scope")
    assert not Grant.objects.exists() and not AccessToken.objects.exists()
