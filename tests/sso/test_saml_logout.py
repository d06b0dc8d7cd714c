"""SAML Single Logout against the test IdP (pysaml2's ``Server`` on 127.0.0.1): logging out
here logs out there (SP-initiated), the IdP's LogoutRequest logs out here (IdP-initiated),
and a logout message that is unsigned, altered, replayed or unsolicited is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.test import Client
from saml2.samlp import STATUS_SUCCESS, STATUS_UNKNOWN_PRINCIPAL

from bitewise.accounts.models import User
from tests.sso.conftest import SITE_URL, refusals
from tests.sso.saml_idp import SamlIdp
from tests.sso.saml_setup import saml_provider
from tests.sso.test_saml import post_back, saml_answer

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "association-saml"


@pytest.fixture
def idp(settings: Any, tmp_path: Path) -> Iterator[SamlIdp]:
    settings.SITE_URL = SITE_URL
    with saml_provider(settings, tmp_path) as running:
        yield running


def signed_in(idp: SamlIdp, user: str = "grace") -> Client:
    client = Client()
    answer = saml_answer(client, idp, user, f"{user}-password", SLUG)
    assert post_back(client, SLUG, answer).status_code == 302
    assert "_auth_user_id" in client.session
    return client


def local(url: str) -> str:
    """The path and query of a URL of this site (the test client takes no host)."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == SITE_URL, url
    return f"{parts.path}?{parts.query}"


def sp_initiated_answer(client: Client, idp: SamlIdp) -> str:
    """Log out here: the page leads to the IdP, which answers back to this site."""
    page = client.post("/sso/logout/")
    assert page.status_code == 200 and "_auth_user_id" not in client.session
    found = page.content.decode().split('href="')
    to_idp = next(p.split('"', 1)[0] for p in found if p.startswith(f"{idp.base_url}/slo/"))
    at_idp = requests.get(to_idp.replace("&amp;", "&"), allow_redirects=False, timeout=10)
    assert at_idp.status_code == 302, at_idp.text
    return local(at_idp.headers["Location"])


def test_logging_out_here_logs_out_at_the_idp(idp: SamlIdp) -> None:
    client = signed_in(idp)

    back = client.get(sp_initiated_answer(client, idp))

    assert back.status_code == 302 and back["Location"] == "/"
    assert idp.logged_out == ["member-7001"]
    assert "_auth_user_id" not in client.session


def test_a_logout_answer_is_used_once(idp: SamlIdp, sso_log: pytest.LogCaptureFixture) -> None:
    client = signed_in(idp)
    answer = sp_initiated_answer(client, idp)
    assert client.get(answer).status_code == 302

    again = client.get(answer)
    elsewhere = Client().get(answer)

    assert again.status_code == elsewhere.status_code == 400
    assert refusals(sso_log) == ["saml_unsolicited", "saml_unsolicited"]


def test_an_altered_logout_answer_is_refused(
    idp: SamlIdp, sso_log: pytest.LogCaptureFixture
) -> None:
    client = signed_in(idp)
    path, query = sp_initiated_answer(client, idp).split("?", 1)
    params = {k: v[0] for k, v in parse_qs(query).items()}
    params["RelayState"] = "/somewhere-else/"  # not what the IdP signed

    response = client.get(f"{path}?{urlencode(params)}")

    assert response.status_code == 400
    assert b"could not be trusted" in response.content
    assert refusals(sso_log) == ["saml_signature"]


def test_the_idp_logs_the_person_out_here(idp: SamlIdp) -> None:
    client = signed_in(idp)

    response = client.get(local(idp.logout_request_url("member-7001")))

    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response["Location"].startswith(idp.base_url)
    assert requests.get(response["Location"], timeout=10).status_code == 200
    assert idp.logout_answers == [STATUS_SUCCESS]


def test_a_logout_request_for_someone_else_ends_nothing(idp: SamlIdp) -> None:
    client = signed_in(idp)

    response = client.get(local(idp.logout_request_url("member-9999")))

    assert "_auth_user_id" in client.session
    assert requests.get(response["Location"], timeout=10).status_code == 200
    assert idp.logout_answers == [STATUS_UNKNOWN_PRINCIPAL]


def test_an_unsigned_logout_request_is_refused(
    idp: SamlIdp, sso_log: pytest.LogCaptureFixture
) -> None:
    client = signed_in(idp)

    response = client.get(local(idp.logout_request_url("member-7001", sign=False)))

    assert response.status_code == 400 and b"not signed" in response.content
    assert refusals(sso_log) == ["saml_signature"]
    assert "_auth_user_id" in client.session


def test_a_replayed_logout_request_is_refused(
    idp: SamlIdp, sso_log: pytest.LogCaptureFixture
) -> None:
    request = local(idp.logout_request_url("member-7001"))
    client = signed_in(idp)
    assert client.get(request).status_code == 302
    client = signed_in(idp)

    response = client.get(request)

    assert response.status_code == 400
    assert refusals(sso_log) == ["saml_unsolicited"]
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "query",
    ["", "SAMLRequest=not-base64", "SAMLResponse=bm90IHhtbA%3D%3D&SigAlg=x&Signature=eA%3D%3D"],
    ids=["nothing", "unsigned-garbage", "garbage-with-a-bad-signature"],
)
def test_a_malformed_logout_message_is_a_400(
    query: str, idp: SamlIdp, sso_log: pytest.LogCaptureFixture
) -> None:
    response = Client().get(f"/sso/saml/{SLUG}/slo/?{query}")

    assert response.status_code == 400
    assert len(refusals(sso_log)) == 1


def test_a_logout_request_signed_with_a_rotated_key_is_checked_against_fresh_metadata(
    idp: SamlIdp, settings: Any
) -> None:
    settings.BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS = 0
    client = signed_in(idp)
    idp.rotate_key()

    response = client.get(local(idp.logout_request_url("member-7001")))

    assert response.status_code == 302 and "_auth_user_id" not in client.session
    assert idp.metadata_reads == 2


def test_without_a_saml_sign_in_logging_out_stays_here(idp: SamlIdp) -> None:
    client = Client()
    client.force_login(User.objects.create_user(email="local@example.org", password="pw-12345"))

    response = client.post("/sso/logout/")

    assert response.status_code == 302 and idp.logged_out == []
    assert "_auth_user_id" not in client.session
