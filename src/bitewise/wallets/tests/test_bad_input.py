"""Bad input to the wallet endpoints gets a 400 with the spec's error, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from bitewise.testing import make_user

pytestmark = pytest.mark.django_db
READ = "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly"


def registration(**overrides: object) -> dict[str, object]:
    return {
        "client_name": "Backpack",
        "client_uri": "https://backpack.example",
        "redirect_uris": ["https://backpack.example/callback"],
        "scope": READ,
        **overrides,
    }


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"client_uri": "https://[::1"}, id="unclosed-bracket-client"),
        pytest.param({"redirect_uris": ["https://[::1/cb"]}, id="unclosed-bracket-redirect"),
        pytest.param(
            {"redirect_uris": ["https://backpack.example:99999/cb"]}, id="port-out-of-range"
        ),
        pytest.param({"client_uri": "https://"}, id="no-host"),
    ],
)
def test_a_malformed_url_in_a_registration_is_refused(overrides: dict[str, object]) -> None:
    response = Client().post(
        "/oauth/register", registration(**overrides), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"] in ("invalid_client_metadata", "invalid_redirect_uri")


def test_a_well_formed_registration_still_registers() -> None:
    response = Client().post("/oauth/register", registration(), content_type="application/json")

    assert response.status_code == 201


@pytest.mark.parametrize(
    "query",
    ["offset=99999999999999999999", "offset=-1", "offset=%C2%B2", "limit=0", "limit=abc"],
)
def test_a_page_out_of_range_is_a_400(query: str) -> None:
    application = Application.objects.create(
        name="w",
        client_type="confidential",
        authorization_grant_type="authorization-code",
        redirect_uris="https://w.example/cb",
    )
    AccessToken.objects.create(
        user=make_user(),
        application=application,
        token="token-for-bad-input",
        expires=timezone.now() + timedelta(hours=1),
        scope=READ,
    )

    response = Client().get(
        f"/ims/ob/v3p0/credentials?{query}", headers={"Authorization": "Bearer token-for-bad-input"}
    )

    assert response.status_code == 400
    assert "offset" in response.json()["imsx_description"]
