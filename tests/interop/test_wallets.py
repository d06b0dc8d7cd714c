"""Wallet delivery and VC-JWT, checked by independent implementations over real HTTP:
Digital Bazaar's libraries act as the wallet (did:key, a signed DID Authentication
presentation, verifying the credential it receives), panva's jose checks our VC-JWTs
against the published JWK Set and DID document, and 1EdTech's JSON Schema checks both."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.fernet import Fernet
from django.utils import timezone

from bitewise.credentials import keystore
from bitewise.credentials.models import IssuedCredential
from bitewise.credentials.services.exports import credential_jwt
from bitewise.credentials.services.local_issuers import database_issuers
from bitewise.credentials.services.verification import verify_bytes
from bitewise.engines import ob3
from bitewise.testing import earn, make_micro_credential, make_skill, make_user
from bitewise.wallets.models import Exchange
from bitewise.wallets.services.exchanges import exchange_create
from bitewise.wallets.views import exchange_url

HERE = Path(__file__).parent
JWT_CLAIMS = {"iss", "jti", "sub", "nbf", "exp", "iat", "aud"}
pytestmark = pytest.mark.django_db(transaction=True)


def node(script: str, *args: str, stdin: str = "") -> dict[str, Any]:
    finished = subprocess.run(
        ["node", str(HERE / script), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    result: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture
def issued(settings, live_server, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.BITEWISE_KEY_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.SITE_URL = live_server.url
    keystore.reset_cache()
    learner = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        earn(learner, make_micro_credential(skills=[make_skill("Handoffs")], validity_months=12))
    yield IssuedCredential.objects.get(learner=learner)
    keystore.reset_cache()


def wallet(
    exchange: Exchange, live_server: Any, mode: str = "honest", suite: str = "eddsa-rdfc-2022"
) -> dict[str, Any]:
    did_document = f"{live_server.url}/.well-known/did.json"
    return node(
        "wallet.mjs",
        exchange_url(exchange),
        "--did-document",
        did_document,
        "--mode",
        mode,
        "--suite",
        suite,
    )


def test_a_digital_bazaar_wallet_claims_a_badge_bound_to_its_did_key(
    issued: IssuedCredential, live_server: Any
) -> None:
    exchange = exchange_create(learner=issued.learner, credential_id=issued.pk)

    outcome = wallet(exchange, live_server)

    assert (outcome["requestStatus"], outcome["status"]) == (200, 200), outcome["body"]
    [delivered] = outcome["body"]["verifiablePresentation"]["verifiableCredential"]
    assert delivered["credentialSubject"]["id"] == outcome["did"]
    assert outcome["verified"] is True, outcome["error"]  # Digital Bazaar's verifier
    assert ob3.check_schema(delivered) == ob3.Check("schema", True)  # 1EdTech's schema
    _, ours = verify_bytes(json.dumps(delivered).encode(), local=database_issuers)
    assert ours.status == ob3.VALID, ours.reason
    issued.refresh_from_db()
    assert issued.document == delivered, "the published credential is the bound one"
    assert delivered["id"] == issued.document["id"]
    assert delivered["credentialStatus"]["statusListIndex"] == str(issued.status_index)
    exchange.refresh_from_db()
    assert (exchange.state, exchange.holder_did) == ("complete", outcome["did"])


@pytest.mark.parametrize(
    ("mode", "status", "words"),
    [
        ("wrong-challenge", 400, "challenge"),
        ("wrong-domain", 400, "domain"),
        ("tampered", 400, "signature"),
        ("skip-request", 409, "presentation request first"),
    ],
    ids=["wrong-challenge", "wrong-domain", "bad-signature", "no-request"],
)
def test_a_wallet_that_does_not_prove_its_did_gets_a_clear_error_and_changes_nothing(
    issued: IssuedCredential, live_server: Any, mode: str, status: int, words: str
) -> None:
    before = json.dumps(issued.document, sort_keys=True)
    exchange = exchange_create(learner=issued.learner, credential_id=issued.pk)

    outcome = wallet(exchange, live_server, mode)

    assert outcome["status"] == status and words in outcome["body"]["detail"], outcome["body"]
    issued.refresh_from_db()
    assert json.dumps(issued.document, sort_keys=True) == before
    exchange.refresh_from_db()
    assert exchange.state != "complete" and exchange.holder_did == ""


def test_a_presentation_signed_with_ed25519_signature_2020_as_lcw_signs_it_is_accepted(
    issued: IssuedCredential, live_server: Any
) -> None:
    exchange = exchange_create(learner=issued.learner, credential_id=issued.pk)

    outcome = wallet(exchange, live_server, suite="ed25519-2020")

    sent = outcome["sent"]
    assert sent["proof"]["type"] == "Ed25519Signature2020" and "cryptosuite" not in sent["proof"]
    assert sent["@context"] == [
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/security/suites/ed25519-2020/v1",
    ]
    assert (outcome["requestStatus"], outcome["status"]) == (200, 200), outcome["body"]
    [delivered] = outcome["body"]["verifiablePresentation"]["verifiableCredential"]
    assert delivered["credentialSubject"]["id"] == outcome["did"]
    assert outcome["verified"] is True, outcome["error"]
    exchange.refresh_from_db()
    assert (exchange.state, exchange.holder_did) == ("complete", outcome["did"])


@pytest.mark.parametrize(
    ("mode", "words"),
    [("tampered", "signature does not match"), ("wrong-challenge", "challenge")],
)
def test_an_altered_ed25519_signature_2020_presentation_is_refused_with_a_clear_error(
    issued: IssuedCredential, live_server: Any, mode: str, words: str
) -> None:
    before = json.dumps(issued.document, sort_keys=True)
    exchange = exchange_create(learner=issued.learner, credential_id=issued.pk)

    outcome = wallet(exchange, live_server, mode, suite="ed25519-2020")

    assert outcome["sent"]["proof"]["type"] == "Ed25519Signature2020"
    assert outcome["status"] == 400, outcome["body"]
    detail = outcome["body"]["detail"]
    assert detail.startswith("The presentation does not prove control of a DID") and words in detail
    issued.refresh_from_db()
    assert json.dumps(issued.document, sort_keys=True) == before
    exchange.refresh_from_db()
    assert exchange.state != "complete" and exchange.holder_did == ""


def test_an_expired_or_used_exchange_is_refused(issued: IssuedCredential, live_server: Any) -> None:
    expired = exchange_create(learner=issued.learner, credential_id=issued.pk)
    Exchange.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    used = exchange_create(learner=issued.learner, credential_id=issued.pk)
    first = wallet(used, live_server)
    bound = IssuedCredential.objects.get(pk=issued.pk).document

    late = wallet(expired, live_server)
    again = wallet(used, live_server)

    assert late["requestStatus"] == 410 and "expired" in late["body"]["detail"]
    assert again["requestStatus"] == 409 and "complete" in again["body"]["detail"]
    assert IssuedCredential.objects.get(pk=issued.pk).document == bound
    assert bound["credentialSubject"]["id"] == first["did"]


@pytest.mark.parametrize("alg", ["RS256", "EdDSA"])
def test_jose_verifies_our_vc_jwt_through_the_jwks_and_the_did_document(
    issued: IssuedCredential, live_server: Any, alg: str
) -> None:
    token = requests.get(
        f"{live_server.url}/credentials/{issued.pk}.jwt?alg={alg}", timeout=30
    ).text
    jwks = requests.get(f"{live_server.url}/.well-known/jwks.json", timeout=30).json()
    did_document = requests.get(f"{live_server.url}/.well-known/did.json", timeout=30).json()

    outcome = node(
        "jwt.mjs", stdin=json.dumps({"token": token, "jwks": jwks, "didDocument": did_document})
    )

    assert outcome["viaJwks"] and outcome["viaDid"], outcome["error"]
    assert outcome["header"]["alg"] == alg and outcome["header"]["kid"].startswith(
        issued.issuer.did + "#"
    )
    payload = outcome["payload"]
    assert payload["sub"] == payload["credentialSubject"]["id"]
    assert (payload["iss"], payload["jti"]) == (issued.issuer.did, issued.document["id"])
    credential = {name: value for name, value in payload.items() if name not in JWT_CLAIMS}
    assert ob3.check_schema(credential) == ob3.Check("schema", True)
    assert credential_jwt(issued, alg) == token
    kind, ours = verify_bytes(token.encode(), local=database_issuers)
    assert (kind, ours.status) == ("jwt", ob3.VALID), ours.reason


def test_jose_refuses_a_jwt_whose_payload_was_changed(
    issued: IssuedCredential, live_server: Any
) -> None:
    header, payload, signature = credential_jwt(issued, "RS256").split(".")
    claims = json.loads(ob3.jwk.b64url_decode(payload))
    claims["name"] = "Brain Surgery"
    forged = ob3.jwk.b64url_encode(json.dumps(claims).encode())
    jwks = requests.get(f"{live_server.url}/.well-known/jwks.json", timeout=30).json()
    did_document = requests.get(f"{live_server.url}/.well-known/did.json", timeout=30).json()

    outcome = node(
        "jwt.mjs",
        stdin=json.dumps(
            {"token": f"{header}.{forged}.{signature}", "jwks": jwks, "didDocument": did_document}
        ),
    )

    assert not outcome["viaJwks"] and not outcome["viaDid"]
    assert "signature" in outcome["error"]
