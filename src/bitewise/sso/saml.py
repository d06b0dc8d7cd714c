"""SAML 2.0 service provider through pysaml2 (signatures checked by Debian's xmlsec1):
SP-initiated Web Browser SSO (HTTP-Redirect request, HTTP-POST response), assertions must be
signed, every response must answer a request this browser session made (no unsolicited or
replayed responses), and metadata both ways.

SAML 2.0 Profiles section 4.1 (https://docs.oasis-open.org/security/saml/v2.0/saml-profiles-2.0-os.pdf).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.metadata import create_metadata_string
from saml2.response import AuthnResponse, StatusError, UnsolicitedResponse
from saml2.sigver import MissingKey, SignatureError

from bitewise.sso.config import Provider
from bitewise.sso.saml_clients import client_for, client_refreshed, sp_config
from bitewise.sso.services import SsoRefused

SESSION_REQUESTS = "sso_saml_requests"  # request id -> where to go after sign-in


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


@dataclass(frozen=True)
class SamlSignIn:
    """What a checked response says: who (the NameID and the IdP's session index, kept
    for Single Logout), their attributes, and where to go next."""

    subject: str
    name_id_format: str
    session_index: str
    attributes: dict[str, Any]
    next_url: str


def _parse(client: Any, saml_response: str, pending: dict[str, str]) -> AuthnResponse | None:
    return client.parse_authn_request_response(
        saml_response, BINDING_HTTP_POST, outstanding=pending
    )


def _checked_response(
    provider: Provider, saml_response: str, pending: dict[str, str]
) -> AuthnResponse | None:
    client = client_for(provider)
    try:
        return _parse(client, saml_response, pending)
    except (SignatureError, MissingKey):
        # The IdP may have rotated its key: read its metadata again (rate-limited), once.
        fresh = client_refreshed(provider, client)
        if fresh is None:
            raise
        return _parse(fresh, saml_response, pending)


def response_identity(session: Any, provider: Provider, saml_response: str) -> SamlSignIn:
    """What the IdP's POSTed response vouches for, once pysaml2 has checked the
    assertion's signature, audience, validity window and InResponseTo."""
    if not saml_response:
        raise SsoRefused("saml_missing", "The identity provider sent no answer.", status=400)
    pending: dict[str, str] = dict(session.get(SESSION_REQUESTS, {}))
    try:
        response = _checked_response(provider, saml_response, pending)
    except SsoRefused:
        raise
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
    statements = response.assertion.authn_statement or []
    return SamlSignIn(
        subject=str(name_id.text).strip() if name_id is not None and name_id.text else "",
        name_id_format=str(name_id.format or "") if name_id is not None else "",
        session_index=str(statements[0].session_index or "") if statements else "",
        attributes=dict(response.ava),
        next_url=next_url,
    )
