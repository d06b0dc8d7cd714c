"""One RSA key management for the issuers' VC-JWT keys and the LTI tool's keys: rotation
keeps older keys published, only tool keys can be withdrawn, each JWK Set shows its own."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.credentials.models import Issuer, RsaSigningKey
from bitewise.credentials.services.issuers import signing_key_rotate
from bitewise.credentials.services.rsa_keys import (
    rsa_key_current,
    rsa_key_rotate,
    rsa_key_withdraw,
)
from bitewise.engines import ob3
from bitewise.integrations.services.lti_keys import (
    lti_tool_key_create,
    lti_tool_key_withdraw,
    private_pem,
    signing_key,
)
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db
LTI = RsaSigningKey.Purpose.LTI_TOOL
VC_JWT = RsaSigningKey.Purpose.VC_JWT


@pytest.fixture
def issuer() -> Issuer:
    return Issuer.objects.create(name="Nurses Association", slug="nurses", is_default=True)


def kids(client: Client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    return [key["kid"] for key in response.json()["keys"] if key["kty"] == "RSA"]


def test_rotating_the_tool_key_keeps_the_older_one_published_and_the_new_one_signs(
    client: Client,
) -> None:
    first = signing_key()
    second = lti_tool_key_create()

    assert signing_key() == second != first
    assert kids(client, "/lti/jwks") == [first.thumbprint, second.thumbprint]
    assert ob3.RsaKey.from_pkcs8(private_pem(second).encode(), "").thumbprint == second.thumbprint

    lti_tool_key_withdraw(key=first)
    assert kids(client, "/lti/jwks") == [second.thumbprint]


def test_withdrawing_the_signing_tool_key_starts_a_new_one(client: Client) -> None:
    first = signing_key()
    lti_tool_key_withdraw(key=first)

    second = signing_key()

    assert second != first and kids(client, "/lti/jwks") == [second.thumbprint]


def test_rotating_an_issuer_keeps_every_rsa_key_in_its_jwks_and_did_document(
    client: Client, issuer: Issuer
) -> None:
    first = rsa_key_current(purpose=VC_JWT, issuer=issuer)
    signing_key_rotate(issuer=issuer)
    second = rsa_key_current(purpose=VC_JWT, issuer=issuer)

    assert second != first
    assert kids(client, "/.well-known/jwks.json") == [
        f"{issuer.did}#{first.thumbprint}",
        f"{issuer.did}#{second.thumbprint}",
    ]
    methods = {m["id"] for m in client.get("/.well-known/did.json").json()["verificationMethod"]}
    assert {first.verification_method, second.verification_method} <= methods


def test_each_jwks_shows_only_its_own_keys(client: Client, issuer: Issuer) -> None:
    tool = signing_key()
    issuers_key = rsa_key_current(purpose=VC_JWT, issuer=issuer)

    assert kids(client, "/lti/jwks") == [tool.thumbprint]
    assert kids(client, "/.well-known/jwks.json") == [f"{issuer.did}#{issuers_key.thumbprint}"]
    assert RsaSigningKey.objects.count() == 2  # one table for both


def test_an_issuers_key_cannot_be_withdrawn(issuer: Issuer) -> None:
    key = rsa_key_rotate(purpose=VC_JWT, issuer=issuer)

    with pytest.raises(ValidationError, match="stay published"):
        rsa_key_withdraw(key=key)
    key.refresh_from_db()
    assert key.withdrawn_at is None


@pytest.mark.parametrize(
    ("purpose", "with_issuer"),
    [(VC_JWT, False), (LTI, True)],
    ids=["issuer-key-without-issuer", "tool-key-with-issuer"],
)
def test_a_key_belongs_to_an_issuer_exactly_when_it_signs_vc_jwts(
    issuer: Issuer, purpose: str, with_issuer: bool
) -> None:
    with pytest.raises(ValueError, match="issuer"):
        rsa_key_current(purpose=purpose, issuer=issuer if with_issuer else None)
    fields: dict[str, Any] = {
        "purpose": purpose,
        "issuer": issuer if with_issuer else None,
        "thumbprint": "x",
        "public_jwk": {},
        "encrypted_private_key": "",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        RsaSigningKey.objects.create(**fields)


def test_only_one_tool_key_signs_at_a_time() -> None:
    signing_key()
    with pytest.raises(IntegrityError), transaction.atomic():
        RsaSigningKey.objects.create(
            purpose=LTI, thumbprint="second", public_jwk={}, encrypted_private_key=""
        )


def test_admins_make_and_withdraw_tool_keys_in_the_admin_and_cannot_withdraw_an_issuers(
    client: Client, issuer: Issuer
) -> None:
    first = signing_key()
    issuers_key = rsa_key_current(purpose=VC_JWT, issuer=issuer)
    client.force_login(make_user(role=Role.ADMIN))
    url = "/admin/credentials/rsasigningkey/"

    assert client.get(url).status_code == 200
    client.post(url, {"action": "new_lti_tool_key", "_selected_action": [first.pk]})
    second = signing_key()
    client.post(url, {"action": "withdraw_lti_tool_keys", "_selected_action": [first.pk]})
    refused = client.post(
        url,
        {"action": "withdraw_lti_tool_keys", "_selected_action": [issuers_key.pk]},
        follow=True,
    )

    assert second != first and kids(client, "/lti/jwks") == [second.thumbprint]
    assert "stay published" in refused.content.decode()
    issuers_key.refresh_from_db()
    assert issuers_key.withdrawn_at is None


def test_authors_do_not_see_the_keys(client: Client) -> None:
    client.force_login(make_user(role=Role.AUTHOR))

    assert client.get("/admin/credentials/rsasigningkey/").status_code == 403
