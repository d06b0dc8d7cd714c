"""Real identity providers for the single sign-on tests: node-oidc-provider (npm, in this
folder) and pysaml2's IdP, both on 127.0.0.1; Bitewise configured to trust them."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bitewise.sso import saml_clients
from tests.sso.openid_provider import (
    CLIENT_SECRET,
    OpenIdProvider,
    running_provider,
    signing_key,
)

SITE_URL = "http://localhost:8000"  # the test settings' BITEWISE_SITE_URL


@pytest.fixture(scope="module")
def op(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenIdProvider]:
    folder = tmp_path_factory.mktemp("op")
    with running_provider(SITE_URL, folder, [signing_key("key-1")]) as provider:
        yield provider


@pytest.fixture
def oidc_configured(
    op: OpenIdProvider, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> OpenIdProvider:
    monkeypatch.setenv("BITEWISE_TEST_OIDC_SECRET", CLIENT_SECRET)
    settings.SITE_URL = SITE_URL
    settings.BITEWISE_SSO_PROVIDERS = [op.provider_table()]
    return op


@pytest.fixture(autouse=True)
def fresh_saml_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test reads its IdP's metadata afresh (a port, hence a metadata URL, can come
    back in a later test with another IdP behind it)."""
    monkeypatch.setattr(saml_clients, "_held", {})


@pytest.fixture
def sso_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="bitewise.sso")
    return caplog


def refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        str(getattr(record, "reason", ""))
        for record in caplog.records
        if record.name == "bitewise.sso" and record.levelno == logging.WARNING
    ]


__all__ = ["Path", "refusals"]
