"""pysaml2's service provider for each configured SAML IdP, with the IdP's metadata (its
endpoints and signing certificates) read again when it may have changed: after
``BITEWISE_SSO_SAML_METADATA_SECONDS``, and at once when a message's signature does not
check against the certificates held (the IdP rotated its key), but not more often than
every ``BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS`` (a flood of forged messages cannot make
Bitewise hammer the IdP). When the IdP cannot be reached, the metadata held is kept."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT

from bitewise.sso.config import Provider
from bitewise.sso.services import SsoRefused

logger = logging.getLogger("bitewise.sso")


def _url(name: str, slug: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[slug])


def sp_config(provider: Provider, *, with_idp: bool = True) -> SPConfig:
    """pysaml2's configuration of this service provider; ``with_idp`` loads the IdP's
    metadata too (fetching it when it is a URL)."""
    metadata: dict[str, Any] = {}
    if with_idp and provider.idp_metadata_url:
        metadata = {"remote": [{"url": provider.idp_metadata_url}]}
    elif with_idp:
        metadata = {"local": [provider.idp_metadata_file]}
    signing = bool(provider.sp_key_file and provider.sp_cert_file)
    config: dict[str, Any] = {
        "entityid": _url("sso:saml_metadata", provider.slug),
        "xmlsec_binary": shutil.which("xmlsec1"),
        **({"metadata": metadata} if metadata else {}),
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": provider.label,
                "endpoints": {
                    "assertion_consumer_service": [
                        (_url("sso:saml_acs", provider.slug), BINDING_HTTP_POST)
                    ],
                    "single_logout_service": [
                        (_url("sso:saml_slo", provider.slug), BINDING_HTTP_REDIRECT)
                    ],
                },
                "allow_unsolicited": False,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": signing,
                "logout_requests_signed": signing,
                "name_id_format": NAMEID_FORMAT_PERSISTENT,
            }
        },
    }
    if signing:
        config["key_file"], config["cert_file"] = provider.sp_key_file, provider.sp_cert_file
        config["encryption_keypairs"] = [
            {"key_file": provider.sp_key_file, "cert_file": provider.sp_cert_file}
        ]
    sp = SPConfig()
    sp.load(config)
    return sp


@dataclass
class _Held:
    client: Saml2Client
    loaded_at: float  # time.monotonic() of the last read (or failed try)


_held: dict[Provider, _Held] = {}
_lock = threading.Lock()


def _load(provider: Provider) -> Saml2Client:
    try:
        return Saml2Client(config=sp_config(provider))
    except Exception as exc:  # pysaml2 raises bare Exceptions for unreadable metadata
        raise SsoRefused(
            "provider_unreachable", "The identity provider cannot be reached now.", status=502
        ) from exc


def _reload(provider: Provider, held: _Held | None, why: str) -> Saml2Client:
    try:
        client = _load(provider)
    except SsoRefused:
        if held is None:
            raise
        logger.warning(
            "saml metadata not refreshed: %s", provider.slug, extra={"provider": provider.slug}
        )
        held.loaded_at = time.monotonic()  # try again after the retry interval, not before
        return held.client
    _held[provider] = _Held(client=client, loaded_at=time.monotonic())
    if held is not None:
        logger.info(
            "saml metadata refreshed (%s): %s",
            why,
            provider.slug,
            extra={"provider": provider.slug, "why": why},
        )
    return client


def client_for(provider: Provider) -> Saml2Client:
    """The provider's pysaml2 client, its IdP metadata at most
    BITEWISE_SSO_SAML_METADATA_SECONDS old (``SsoRefused`` 502 when it was never read)."""
    with _lock:
        held = _held.get(provider)
        age = time.monotonic() - held.loaded_at if held else 0.0
        if held is not None and age < settings.BITEWISE_SSO_SAML_METADATA_SECONDS:
            return held.client
        return _reload(provider, held, "expired")


def client_refreshed(provider: Provider, stale: Saml2Client) -> Saml2Client | None:
    """A client with the IdP's metadata read again, after a signature that did not check
    with ``stale``; ``None`` when nothing new can be had (read too recently, or the IdP
    cannot be reached), so the caller refuses the message as it is."""
    with _lock:
        held = _held.get(provider)
        if held is not None and held.client is not stale:
            return held.client  # another request refreshed it already
        age = time.monotonic() - held.loaded_at if held else float("inf")
        if age < settings.BITEWISE_SSO_SAML_METADATA_RETRY_SECONDS:
            return None
        client = _reload(provider, held, "signature")
        return None if client is stale else client
