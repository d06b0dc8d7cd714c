"""Signing in through a real SAML 2.0 IdP (pysaml2's ``Server`` on 127.0.0.1, signing with
xmlsec1): Bitewise's side through the test client, the person's side at the IdP over HTTP."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client

from bitewise.accounts.models import User
from bitewise.sso.claims import membership_from_claims
from bitewise.sso.models import SsoLink
from tests.sso.conftest import SITE_URL, refusals
from tests.sso.saml_idp import SamlIdp
from tests.sso.saml_setup import saml_provider

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def idp(settings: Any, tmp_path: Path) -> Iterator[SamlIdp]:
    settings.SITE_URL = SITE_URL
    with saml_provider(settings, tmp_path) as running:
        yield running


def saml_answer(client: Client, idp: SamlIdp, user: str, password: str, slug: str) -> str:
    """Start at Bitewise, sign in at the IdP; the SAMLResponse it posts back."""
    start = client.get(f"/sso/saml/{slug}/login/?next=/today/")
    assert start.status_code == 302 and str(start["Location"]).startswith(idp.base_url)
    form = requests.get(start["Location"], timeout=10)
    hidden = dict(re.findall(r'name="(SAMLRequest|RelayState)" value="([^"]*)"', form.text))
    answer = requests.post(
        f"{idp.base_url}/sso/login",
        data={**hidden, "username": user, "password": password},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    action = re.search(r'action="([^"]+)"', answer.text)
    assert action is not None and urlsplit(action.group(1)).path == f"/sso/saml/{slug}/acs/"
    found = re.search(r'name="SAMLResponse" value="([^"]+)"', answer.text)
    assert found is not None
    return found.group(1)


def post_back(client: Client, slug: str, saml_response: str) -> Any:
    return client.post(f"/sso/saml/{slug}/acs/", {"SAMLResponse": saml_response})


def test_the_sp_metadata_asks_for_signed_assertions_at_the_acs(settings: Any) -> None:
    settings.SITE_URL = SITE_URL
    settings.BITEWISE_SSO_PROVIDERS = [
        {"slug": "okta", "protocol": "saml", "idp_metadata_url": "http://127.0.0.1:9/x"}
    ]

    response = Client().get("/sso/saml/okta/metadata/")

    assert response.status_code == 200
    xml = response.content.decode()
    assert 'entityID="http://localhost:8000/sso/saml/okta/metadata/"' in xml
    assert 'WantAssertionsSigned="true"' in xml
    assert 'Location="http://localhost:8000/sso/saml/okta/acs/"' in xml


def test_a_member_signs_in_through_the_idp_with_mapped_attributes(idp: SamlIdp) -> None:
    client = Client()

    response = post_back(
        client,
        "association-saml",
        saml_answer(client, idp, "grace", "grace-password", "association-saml"),
    )

    assert response.status_code == 302 and response["Location"] == "/today/"
    user = User.objects.get(email="grace@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.display_name == "Grace Hopper"
    link = SsoLink.objects.get(user=user)
    assert link.subject == "member-7001"
    found = membership_from_claims(user_id=user.pk)
    assert found is not None and found.provider == "association-saml"
    assert (found.membership.status, found.membership.tier) == ("current", "Silver")
    assert found.membership.is_active_status
    assert found.membership.expires_at is not None and found.membership.expires_at.year == 2031


def test_a_replayed_saml_response_is_refused(
    idp: SamlIdp, sso_log: pytest.LogCaptureFixture
) -> None:
    client = Client()
    answer = saml_answer(client, idp, "grace", "grace-password", "association-saml")
    assert post_back(client, "association-saml", answer).status_code == 302
    client.post("/sso/logout/")

    response = post_back(client, "association-saml", answer)

    assert response.status_code == 400
    assert b"already used or does not belong to a sign-in started here" in response.content
    assert refusals(sso_log) == ["saml_unsolicited"]
    assert "_auth_user_id" not in client.session


def test_an_unverified_email_attribute_is_refused(
    idp: SamlIdp, sso_log: pytest.LogCaptureFixture
) -> None:
    client = Client()

    response = post_back(
        client,
        "association-saml",
        saml_answer(client, idp, "henry", "henry-password", "association-saml"),
    )

    assert response.status_code == 403
    assert refusals(sso_log) == ["unverified_email"]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "signing", ["none", "response"], ids=["nothing-signed", "only-the-response-signed"]
)
def test_an_unsigned_assertion_is_refused(
    signing: str, settings: Any, tmp_path: Path, sso_log: pytest.LogCaptureFixture
) -> None:
    settings.SITE_URL = SITE_URL
    client = Client()
    with saml_provider(settings, tmp_path, slug="unsigned", signing=signing) as unsigned:
        answer = saml_answer(client, unsigned, "grace", "grace-password", "unsigned")
        response = post_back(client, "unsigned", answer)

    assert response.status_code == 400
    assert b"could not be trusted" in response.content or b"not signed" in response.content
    assert refusals(sso_log) == ["saml_signature"]
    assert not User.objects.exists() and not SsoLink.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_signed_assertion_altered_in_transit_is_refused(
    idp: SamlIdp, sso_log: pytest.LogCaptureFixture
) -> None:
    victim = User.objects.create_user(email="victim@example.org", password="local-pass-123")
    client = Client()
    answer = saml_answer(client, idp, "grace", "grace-password", "association-saml")
    xml = base64.b64decode(answer).decode()
    assert "grace@example.org" in xml
    altered = base64.b64encode(xml.replace("grace@example.org", "victim@example.org").encode())

    response = post_back(client, "association-saml", altered.decode())

    assert response.status_code == 400
    assert refusals(sso_log) in (["saml_signature"], ["saml_invalid"])
    assert "_auth_user_id" not in client.session
    assert not SsoLink.objects.exists() and User.objects.get() == victim
