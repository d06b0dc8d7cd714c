"""The SAML IdP's metadata is read again when it may have changed: at once when the IdP
rotated its signing key (rate-limited), and after BITEWISE_SSO_SAML_METADATA_SECONDS.
Against the test IdP (pysaml2's ``Server`` on 127.0.0.1), which rotates its key for real."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

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


def sign_in(idp: SamlIdp) -> Any:
    client = Client()
    return post_back(client, SLUG, saml_answer(client, idp, "grace", "grace-password", SLUG))


def test_a_rotated_idp_key_is_picked_up_from_its_metadata(
    idp: SamlIdp, settings: Any, sso_log: pytest.LogCaptureFixture
) -> None:
    settings.BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS = 0
    assert sign_in(idp).status_code == 302
    assert idp.metadata_reads == 1

    idp.rotate_key()
    response = sign_in(idp)

    assert response.status_code == 302, response.content
    assert idp.metadata_reads == 2  # read again once, on the signature that did not check
    assert refusals(sso_log) == []
    assert any(
        r.name == "bitewise.sso" and getattr(r, "why", "") == "signature" for r in sso_log.records
    )


def test_the_metadata_is_not_read_again_more_often_than_allowed(
    idp: SamlIdp, settings: Any, sso_log: pytest.LogCaptureFixture
) -> None:
    settings.BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS = 3600
    assert sign_in(idp).status_code == 302
    idp.rotate_key()

    refused = [sign_in(idp).status_code for _ in range(3)]

    assert refused == [400, 400, 400]
    assert refusals(sso_log) == ["saml_signature"] * 3
    assert idp.metadata_reads == 1  # forged-looking answers cannot make it hammer the IdP


def test_an_answer_signed_with_the_retired_key_is_refused_after_the_rotation(
    idp: SamlIdp, settings: Any, sso_log: pytest.LogCaptureFixture
) -> None:
    settings.BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS = 0
    client = Client()
    old_answer = saml_answer(client, idp, "grace", "grace-password", SLUG)  # the old key
    idp.rotate_key()
    assert sign_in(idp).status_code == 302  # the metadata with the new key is read
    User.objects.all().delete()

    response = post_back(client, SLUG, old_answer)

    assert response.status_code == 400
    assert refusals(sso_log) == ["saml_signature"]
    # Read at the start, on the rotation, and once more on the old key (to no avail).
    assert idp.metadata_reads == 3 and not User.objects.exists()


def test_the_metadata_is_read_again_after_its_time(idp: SamlIdp, settings: Any) -> None:
    settings.BITEWISE_SSO_SAML_METADATA_SECONDS = 0  # every message reads it again
    assert sign_in(idp).status_code == 302
    reads = idp.metadata_reads

    idp.rotate_key()  # no failed signature needed: the next read has the new key
    assert sign_in(idp).status_code == 302

    assert reads == 2 and idp.metadata_reads == 4  # the request and the answer, each time


def test_an_unreachable_idp_keeps_the_metadata_held(
    idp: SamlIdp, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bitewise.sso")
    assert sign_in(idp).status_code == 302
    settings.BITEWISE_SSO_SAML_METADATA_SECONDS = 0
    reads = idp.metadata_reads
    idp.metadata_unavailable = True

    response = sign_in(idp)

    assert response.status_code == 302  # the metadata held still checks the answer
    assert idp.metadata_reads > reads
    assert any("saml metadata not refreshed" in r.getMessage() for r in caplog.records)
