"""SAML 2.0 Single Logout through pysaml2, HTTP-Redirect binding both ways:

- SP-initiated: logging out here sends the browser to the IdP with a LogoutRequest for the
  NameID and session index of the sign-in; the IdP's LogoutResponse comes back to
  ``/sso/saml/<slug>/slo/`` and must answer a request this browser session made.
- IdP-initiated: a LogoutRequest from the IdP at the same address ends this browser's
  session when it names the person signed in here, and is answered with a LogoutResponse.

Every logout message from the IdP must carry a valid query signature (RSA with SHA-256 or
stronger) by a certificate of the IdP's metadata (read again once when it does not check:
a rotated key). A request is used once. SAML 2.0 Profiles section 4.4, Bindings 3.4.4.1."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from saml2 import BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.response import StatusError
from saml2.s_utils import status_message_factory, success_status_factory
from saml2.saml import NameID
from saml2.samlp import STATUS_UNKNOWN_PRINCIPAL
from saml2.sigver import RSACrypto, verify_redirect_signature
from saml2.xmldsig import SIG_RSA_SHA256, SIG_RSA_SHA384, SIG_RSA_SHA512

from bitewise.sso.config import Provider
from bitewise.sso.saml_clients import client_for, client_refreshed
from bitewise.sso.services import SsoRefused

SESSION_SUBJECT = "sso_saml_subject"  # provider, NameID, format, session index
SESSION_LOGOUTS = "sso_saml_logouts"  # LogoutRequest ids sent from this session
SEEN_SECONDS = 2 * 24 * 3600  # pysaml2 accepts messages issued within a day either way
SIGNATURE_ALGORITHMS = {SIG_RSA_SHA256, SIG_RSA_SHA384, SIG_RSA_SHA512}  # no SHA-1


def subject_of(session: Mapping[str, Any], provider: Provider) -> dict[str, str] | None:
    found = session.get(SESSION_SUBJECT)
    if isinstance(found, dict) and found.get("provider") == provider.slug:
        return found
    return None


def _idp(client: Saml2Client) -> str:
    idps = list(client.metadata.identity_providers())
    if len(idps) != 1:
        raise SsoRefused(
            "provider_metadata", "The identity provider is not set up right.", status=502
        )
    return str(idps[0])


def _signing(provider: Provider) -> bool:
    return bool(provider.sp_key_file and provider.sp_cert_file)


def logout_request_url(provider: Provider, subject: Mapping[str, str]) -> tuple[str, str] | None:
    """(request id, URL at the IdP) for a LogoutRequest of ``subject``; ``None`` when the
    IdP offers no Single Logout over HTTP-Redirect."""
    client = client_for(provider)
    idp = _idp(client)
    services = client.metadata.single_logout_service(idp, BINDING_HTTP_REDIRECT, "idpsso")
    if not services:
        return None
    destination = str(services[0]["location"])
    index = subject.get("session_index", "")
    request_id, request = client.create_logout_request(
        destination,
        idp,
        name_id=NameID(format=subject.get("format") or None, text=subject["name_id"]),
        session_indexes=[index] if index else None,
        sign=False,  # HTTP-Redirect signs the query, not the XML
    )
    info = client.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(request),
        destination,
        sign=_signing(provider),
        sigalg=SIG_RSA_SHA256,
    )
    return str(request_id), str(dict(info["headers"])["Location"])


def _query_signed(client: Saml2Client, issuer: str, kind: str, query: Mapping[str, str]) -> bool:
    if not query.get("Signature") or query.get("SigAlg") not in SIGNATURE_ALGORITHMS:
        return False
    message = {kind: query[kind], "SigAlg": query["SigAlg"], "Signature": query["Signature"]}
    if "RelayState" in query:
        message["RelayState"] = query["RelayState"]
    # Without a key of its own the service provider has no crypto backend: verifying
    # needs none (the IdP's certificate is the key).
    backend = client.sec.sec_backend or RSACrypto(None)
    for _name, cert in client.metadata.certs(issuer, "idpsso", "signing"):
        try:
            if verify_redirect_signature(message, backend, cert):
                return True
        except Exception:  # pysaml2: an unknown algorithm, a malformed signature
            continue
    return False


def _refuse_unsigned(provider: Provider, client: Saml2Client, kind: str, query: Any) -> None:
    issuer = _idp(client)
    if _query_signed(client, issuer, kind, query):
        return
    fresh = client_refreshed(provider, client)  # the IdP may have rotated its key
    if fresh is not None and _query_signed(fresh, _idp(fresh), kind, query):
        return
    raise SsoRefused(
        "saml_signature",
        "The identity provider's logout message could not be trusted: it is not signed by "
        "the provider's key.",
        status=400,
    )


def _invalid(exc: Exception) -> SsoRefused:
    return SsoRefused(
        "saml_invalid",
        f"The identity provider's logout message could not be read ({type(exc).__name__}).",
        status=400,
    )


def logout_response_ok(session: Any, provider: Provider, query: Mapping[str, str]) -> None:
    """Check the IdP's answer to our LogoutRequest: signed, answering a request of this
    session (used once), and a success; ``SsoRefused`` otherwise."""
    client = client_for(provider)
    _refuse_unsigned(provider, client, "SAMLResponse", query)
    try:
        response = client.parse_logout_request_response(
            query["SAMLResponse"], BINDING_HTTP_REDIRECT
        )
    except StatusError as exc:
        raise SsoRefused(
            "provider_error",
            "You are logged out here, but the identity provider did not confirm logging you "
            "out there.",
            status=400,
        ) from exc
    except Exception as exc:  # pysaml2 reports bad XML, destination, time as many types
        raise _invalid(exc) from exc
    pending = list(session.get(SESSION_LOGOUTS, []))
    answered = getattr(response, "in_response_to", None)
    if response is None or answered not in pending:
        raise SsoRefused(
            "saml_unsolicited",
            "This logout answer was already used or does not belong to a logout started here.",
            status=400,
        )
    pending.remove(answered)
    session[SESSION_LOGOUTS] = pending


@dataclass(frozen=True)
class IdpLogout:
    ends_session: bool  # the request names the person signed in here
    answer_url: str  # the LogoutResponse, at the IdP ("" when it offers no SLO endpoint)


def idp_logout(
    session: Mapping[str, Any], provider: Provider, query: Mapping[str, str]
) -> IdpLogout:
    """Check an IdP-initiated LogoutRequest (signed, addressed here, fresh, used once) and
    say whether it ends this browser's session; ``SsoRefused`` for anything else."""
    client = client_for(provider)
    _refuse_unsigned(provider, client, "SAMLRequest", query)
    try:
        request = client.parse_logout_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
    except Exception as exc:  # pysaml2 reports bad XML, destination, time as many types
        raise _invalid(exc) from exc
    message = request.message if request is not None else None
    issuer = message.issuer.text if message is not None and message.issuer is not None else ""
    if message is None or message.name_id is None or issuer != _idp(client):
        raise _invalid(ValueError("not a LogoutRequest of this provider"))
    if not cache.add(f"sso:saml:logout:{provider.slug}:{message.id}", 1, SEEN_SECONDS):
        raise SsoRefused("saml_unsolicited", "This logout request was already used.", status=400)
    subject = subject_of(session, provider)
    ends = subject is not None and subject.get("name_id") == str(message.name_id.text).strip()
    status = (
        success_status_factory()
        if ends or subject is None
        else status_message_factory("Not signed in here", STATUS_UNKNOWN_PRINCIPAL)
    )
    try:
        args = client.response_args(message, [BINDING_HTTP_REDIRECT])
    except Exception:  # no SLO endpoint at the IdP for the answer
        return IdpLogout(ends_session=ends, answer_url="")
    response = client.create_logout_response(
        message, bindings=[BINDING_HTTP_REDIRECT], status=status, sign=False
    )
    info = client.apply_binding(
        args["binding"],
        str(response),
        args["destination"],
        query.get("RelayState", ""),
        response=True,
        sign=_signing(provider),
        sigalg=SIG_RSA_SHA256,
    )
    return IdpLogout(ends_session=ends, answer_url=str(dict(info["headers"])["Location"]))
