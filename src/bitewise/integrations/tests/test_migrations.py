"""What the migrations make of LTI tool keys made before there was one RSA key table."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from jwcrypto.jwk import JWK

from bitewise.credentials import keystore
from bitewise.credentials.models import RsaSigningKey
from bitewise.integrations.models import LtiPlatform
from bitewise.integrations.services.lti_keys import private_pem, signing_key
from bitewise.integrations.services.lti_tool import registration_for

BEFORE = [
    ("integrations", "0001_initial"),
    ("credentials", "0005_rsa_keys_and_random_status_indexes"),
]
T0 = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


def old_tool_key(apps: Any, *, days: int, active: bool) -> dict[str, Any]:
    """A key as the LTI tool made them before: PKCS#8 PEM encrypted, jwcrypto's kid."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = json.loads(JWK.from_pem(pem).export_public())
    public.update({"alg": "RS256", "use": "sig"})
    LtiToolKey = apps.get_model("integrations", "LtiToolKey")
    key = LtiToolKey.objects.create(
        kid=public["kid"],
        private_key=keystore.encrypt_seed(pem),
        public_jwk=public,
        is_active=active,
        retired_at=None if active else T0 + timedelta(days=days + 1),
    )
    LtiToolKey.objects.filter(pk=key.pk).update(created_at=T0 + timedelta(days=days))
    return public


@pytest.mark.django_db(transaction=True)
def test_tool_keys_keep_their_kids_what_was_published_and_which_key_signs(
    client: Client,
) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    withdrawn = old_tool_key(apps, days=0, active=False)
    older = old_tool_key(apps, days=10, active=True)
    newest = old_tool_key(apps, days=20, active=True)
    published_before = [
        {name: jwk[name] for name in ("kty", "n", "e", "kid", "alg", "use")}
        for jwk in (older, newest)
    ]

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    keys = {k.thumbprint: k for k in RsaSigningKey.objects.filter(purpose="lti_tool")}
    assert set(keys) == {withdrawn["kid"], older["kid"], newest["kid"]}
    assert keys[withdrawn["kid"]].withdrawn_at == T0 + timedelta(days=1)
    assert keys[older["kid"]].retired_at == T0 + timedelta(days=20)  # when newest took over
    assert keys[older["kid"]].withdrawn_at is None
    assert keys[newest["kid"]].created_at == T0 + timedelta(days=20)
    # The JWKS endpoint publishes the same keys under the same kids
    assert client.get("/lti/jwks").json()["keys"] == published_before
    # and the newest key still signs, its private key read from the stored PEM.
    assert signing_key().thumbprint == newest["kid"]
    platform = LtiPlatform.objects.create(
        name="Moodle",
        issuer="https://moodle.example.org",
        client_id="c1",
        auth_login_url="https://moodle.example.org/auth",
        auth_token_url="https://moodle.example.org/token",
        keyset_url="https://moodle.example.org/jwks",
    )
    registration = registration_for(platform)
    assert registration.get_tool_private_key() == private_pem(keys[newest["kid"]])
    assert JWK.from_pem(registration.get_tool_private_key().encode()).thumbprint() == newest["kid"]


@pytest.mark.django_db(transaction=True)
def test_migrating_back_restores_the_tool_keys_with_their_kids() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    withdrawn = old_tool_key(apps, days=0, active=False)
    newest = old_tool_key(apps, days=20, active=True)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    executor.loader.build_graph()
    executor.migrate(BEFORE)

    LtiToolKey = executor.loader.project_state(BEFORE).apps.get_model("integrations", "LtiToolKey")
    restored = {k.kid: k for k in LtiToolKey.objects.all()}
    assert set(restored) == {withdrawn["kid"], newest["kid"]}
    assert restored[newest["kid"]].is_active and not restored[withdrawn["kid"]].is_active
    assert restored[newest["kid"]].public_jwk["n"] == newest["n"]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_platform_trusted_to_link_by_email_keeps_that_trust_as_asserting_verified_emails() -> (
    None
):
    before = [("integrations", "0002_lti_tool_keys_into_rsa_signing_keys")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    OldPlatform = executor.loader.project_state(before).apps.get_model(
        "integrations", "LtiPlatform"
    )
    for client_id, trusted in (("trusted", True), ("untrusted", False)):
        OldPlatform.objects.create(
            name=client_id,
            issuer="https://moodle.example.org",
            client_id=client_id,
            auth_login_url="https://moodle.example.org/auth",
            auth_token_url="https://moodle.example.org/token",
            keyset_url="https://moodle.example.org/jwks",
            link_by_email=trusted,
        )

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    trust = dict(LtiPlatform.objects.values_list("client_id", "asserts_verified_emails"))
    assert trust == {"trusted": True, "untrusted": False}
