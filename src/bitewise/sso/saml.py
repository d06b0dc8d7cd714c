"""SAML 2.0 service provider through pysaml2 (signatures checked by Debian's xmlsec1):
SP-initiated Web Browser SSO (HTTP-Redirect request, HTTP-POST response), assertions must be
signed, every response must answer a request this browser session made (no unsolicited or
replayed responses), and metadata both ways.

SAML 2.0 Profiles section 4.1 (https://docs.oasis-open.org/security/saml/v2.0/saml-profiles-2.0-os.pdf).
"""

from __future__ import annotations

import shutil
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import create_metadata_string
from saml2.response import StatusError, UnsolicitedResponse
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.sigver import MissingKey, SignatureError

from bitewise.sso.config import Provider
from bitewise.sso.services import SsoRefused

SESSION_REQUESTS = "sso_saml_requests"  # request id -> where to go after sign-in


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
                    ]
                },
                "allow_unsolicited": False,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": signing,
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


@lru_cache(maxsize=16)
def _client(provider: Provider) -> Saml2Client:
    # Loading the IdP's metadata (from its URL) is done once per provider and process.
    return Saml2Client(config=sp_config(provider))


def client_for(provider: Provider) -> Saml2Client:
    try:
        return _client(provider)
    except Exception as exc:  # pysaml2 raises bare Exceptions for unreadable metadata
        raise SsoRefused(
            "provider_unreachable", "The identity provider cannot be reached now.", status=502
        ) from exc


def metadata_xml(provider: Provider) -> str:
    """This service provider's metadata, for the IdP: entity id, ACS, signing wishes."""
    config = sp_config(provider, with_idp=False)
    return str(create_metadata_string(None, config=config, valid=7 * 24).decode())


def authn_request_url(session: Any, provider: Provider, *, next_url: str) -> str:
    """Where to send the browser: the IdP's SSO endpoint with a new AuthnRequest, whose id
    this session remembers until the answer comes back."""
    client = client_for(provider)
    idps = list(client.metadata.identity_providers())
    if len(idps) != 1:
        raise SsoRefused(
            "provider_metadata", "The identity provider is not set up right.", status=502
        )
    request_id, info = client.prepare_for_authenticate(
        entityid=idps[0], binding=BINDING_HTTP_REDIRECT
    )
    pending = dict(session.get(SESSION_REQUESTS, {}))
    pending[request_id] = next_url
    session[SESSION_REQUESTS] = dict(list(pending.items())[-5:])  # a few tabs at most
    return str(dict(info["headers"])["Location"])


def response_identity(
    session: Any, provider: Provider, saml_response: str
) -> tuple[str, dict[str, Any], str]:
    """(subject, attributes, next URL) from the IdP's POSTed response, once pysaml2 has
    checked the assertion's signature, audience, validity window and InResponseTo."""
    if not saml_response:
        raise SsoRefused("saml_missing", "The identity provider sent no answer.", status=400)
    client = client_for(provider)
    pending: dict[str, str] = dict(session.get(SESSION_REQUESTS, {}))
    try:
        response = client.parse_authn_request_response(
            saml_response, BINDING_HTTP_POST, outstanding=pending
        )
    except UnsolicitedResponse as exc:
        raise SsoRefused(
            "saml_unsolicited",
            "This answer from the identity provider was already used or does not belong to a "
            "sign-in started here. Start again from the log-in page.",
            status=400,
        ) from exc
    except (SignatureError, MissingKey) as exc:
        raise SsoRefused(
            "saml_signature",
            "The identity provider's answer could not be trusted: its assertion is not signed "
            "by the provider's key.",
            status=400,
        ) from exc
    except StatusError as exc:
        raise SsoRefused(
            "provider_error", "The identity provider refused the sign-in.", status=400
        ) from exc
    except Exception as exc:  # pysaml2 reports bad XML, audience, time as many types
        raise SsoRefused(
            "saml_invalid",
            f"The identity provider's answer could not be trusted ({type(exc).__name__}).",
            status=400,
        ) from exc
    if response is None or response.assertion is None:
        raise SsoRefused(
            "saml_invalid", "The identity provider's answer held no assertion.", status=400
        )
    if not response.assertion.signature:
        # want_assertions_signed already refuses this; kept so the rule reads here too.
        raise SsoRefused(
            "saml_signature", "The identity provider's assertion is not signed.", status=400
        )
    next_url = pending.pop(response.in_response_to, "")
    session[SESSION_REQUESTS] = pending  # the answer is used: a replay is unsolicited
    name_id = response.name_id
    subject = str(name_id.text).strip() if name_id is not None and name_id.text else ""
    return subject, dict(response.ava), next_url
