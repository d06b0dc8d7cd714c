"""Text with a NUL character is refused with a message, never sent to the database (where
PostgreSQL fails on it: a 500), wherever it comes in: a path, a query string, a JSON body."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from bitewise.accounts.models import ApiToken
from bitewise.accounts.services import api_token_create
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/catalog?max_minutes=120&q=%C2%81%00",
        "/api/search?q=%00W",
        "/api/micro-credentials/a%00b",
    ],
)
def test_an_api_query_or_path_with_nul_is_a_422(client: Client, url: str) -> None:
    make_micro_credential()

    response = client.get(url)

    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]


def test_a_json_body_with_nul_is_a_422_and_nothing_is_saved(client: Client) -> None:
    learner = make_user()
    secret = api_token_create(user=learner, name="first").secret

    response = client.post(
        "/api/me/tokens",
        data=json.dumps({"name": "lap\u0000top"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )

    assert response.status_code == 422
    assert "NUL" in response.json()["detail"]
    assert ApiToken.objects.filter(user=learner).count() == 1


@pytest.mark.parametrize("url", ["/?q=%00", "/m/a%00b/", "/search/?q=x%00"])
def test_a_web_page_asked_with_nul_is_a_400(client: Client, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_text_without_nul_goes_through(client: Client) -> None:
    make_micro_credential(title="Hand hygiene")

    response = client.get("/api/catalog?q=hygiene")

    assert response.status_code == 200 and response.json()["count"] == 1
