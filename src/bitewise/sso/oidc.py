"""OpenID Connect relying party through Authlib: discovery, authorization code with PKCE
(S256), state and nonce, ID token checks (signature against the provider's JWKS, fetched
again when a token names a key not yet seen, so the provider can rotate keys; issuer,
audience, expiry, nonce) and RP-initiated logout.

OpenID Connect Core 1.0 section 3.1 (https://openid.net/specs/openid-connect-core-1_0.html),
RFC 7636 (PKCE), RP-Initiated Logout 1.0.
"""

from __future__ import annotations

from typing import Any

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from joserfc.errors import JoseError

from bitewise.sso.config import Provider
from bitewise.sso.services import SsoRefused

# One client per provider and process: its discovery document and key set are fetched once
# and kept (the key set fetched again when a token is signed by a key it lacks).
_clients: dict[Provider, DjangoOAuth2App] = {}

TOKEN_ERRORS: dict[str, str] = {
    "BadSignatureError": "its signature does not match the provider's keys",
    "InvalidKeyIdError": "it is signed with a key the provider does not publish",
    "ExpiredTokenError": "it has expired",
    "InvalidTokenError": "it is not valid yet",
}
CLAIM_ERRORS: dict[str, str] = {
    "aud": "it was issued to another application",
    "azp": "it was issued to another application",
    "nonce": "it belongs to another sign-in (its nonce does not match)",
    "iss": "it was issued by another provider",
    "at_hash": "it does not belong with the access token",
}


def client_for(provider: Provider) -> DjangoOAuth2App:
    client = _clients.get(provider)
    if client is None:
        client = OAuth().register(
            name=provider.slug,
            client_id=provider.client_id,
            client_secret=provider.client_secret,
            server_metadata_url=provider.discovery_url,
            client_kwargs={"scope": provider.scopes, "code_challenge_method": "S256"},
        )
        assert isinstance(client, DjangoOAuth2App)
        _clients[provider] = client
    return client


def _token_problem(exc: Exception) -> str:
    name = type(exc).__name__
    if name in TOKEN_ERRORS:
        return TOKEN_ERRORS[name]
    claim = getattr(exc, "claim", "")
    return CLAIM_ERRORS.get(claim, f"its {claim or 'content'} failed the checks")


def authorize_redirect(request: Any, provider: Provider, *, redirect_uri: str) -> Any:
    """The redirect to the provider's authorization endpoint; Authlib makes state, nonce
    and the PKCE verifier and keeps them in the session."""
    try:
        return client_for(provider).authorize_redirect(request, redirect_uri)
    except (requests.RequestException, ValueError) as exc:
        raise SsoRefused(
            "provider_unreachable", "The identity provider cannot be reached now.", status=502
        ) from exc


def callback_claims(request: Any, provider: Provider) -> tuple[dict[str, Any], str]:
    """The checked ID token's claims and the raw ID token (for logout), from the provider's
    redirect back. Refuses a missing, used or foreign state, an error from the provider, and
    every ID token that fails a check."""
    client = client_for(provider)
    state = request.GET.get("state", "")
    if not state or client.framework.get_state_data(request.session, state) is None:
        client.framework.clear_state_data(request.session, state)
        raise SsoRefused(
            "state",
            "This sign-in link was already used, has expired or was started elsewhere. "
            "Start again from the log-in page.",
            status=400,
        )
    try:
        token = client.authorize_access_token(request)
    except OAuthError as exc:
        raise SsoRefused(
            "provider_error",
            f"The identity provider refused the sign-in ({exc.error}).",
            status=400,
        ) from exc
    except (JoseError, ValueError) as exc:
        raise SsoRefused(
            "id_token",
            f"The identity provider's answer could not be trusted: {_token_problem(exc)}.",
            status=400,
        ) from exc
    except requests.RequestException as exc:
        raise SsoRefused(
            "provider_unreachable", "The identity provider cannot be reached now.", status=502
        ) from exc
    userinfo = token.get("userinfo")
    if not token.get("id_token") or userinfo is None:
        # Authlib checks an ID token only when there is one: without one there is no proof.
        raise SsoRefused("id_token", "The identity provider's answer held no ID token.", status=400)
    return dict(userinfo), str(token["id_token"])


def logout_url(provider: Provider, *, id_token: str, post_logout_redirect_uri: str) -> str:
    """The provider's end-session URL (RP-Initiated Logout 1.0 section 2), or "" if the
    provider publishes none."""
    client = client_for(provider)
    try:
        metadata = client.load_server_metadata()
    except requests.RequestException:
        return ""
    if not metadata.get("end_session_endpoint"):
        return ""
    result = client.create_logout_url(
        post_logout_redirect_uri=post_logout_redirect_uri, id_token_hint=id_token
    )
    return str(result["url"])
