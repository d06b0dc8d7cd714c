"""OAuth 2.0 for the Open Badges 3.0 API, through django-oauth-toolkit: dynamic client
registration (RFC 7591, as OB 3.0 section 6.2.2 profiles it), the authorization code grant
with PKCE S256 only (section 6.2.3), tokens and their revocation (RFC 7009), all throttled.

https://www.imsglobal.org/spec/ob/v3p0/#api-security
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oauth2_provider.models import Application
from oauth2_provider.views import AuthorizationView, RevokeTokenView, TokenView

from bitewise.accounts.addresses import client_address
from bitewise.accounts.throttle import Rule, Throttled, throttle_hit
from bitewise.wallets.limits import client_registration_rule, oauth_token_rule
from bitewise.wallets.models import RegisteredClient

MAX_REGISTRATION_BODY = 20_000
_URI_FIELDS = ("client_uri", "logo_uri", "tos_uri", "policy_uri")


def supported_scopes() -> list[str]:
    provider: dict[str, Any] = settings.OAUTH2_PROVIDER
    return [str(scope) for scope in provider["SCOPES"]]


def _throttled(rule: Rule, request: HttpRequest) -> HttpResponse | None:
    try:
        throttle_hit(rule, address=client_address(request))
    except Throttled as throttled:
        response = _error(429, "temporarily_unavailable", str(throttled))
        response["Retry-After"] = str(throttled.retry_after)
        return response
    return None


def _error(status: int, error: str, description: str) -> JsonResponse:
    """An OAuth error response (https://www.rfc-editor.org/rfc/rfc6749#section-5.2)."""
    return JsonResponse({"error": error, "error_description": description}, status=status)


_token_view = TokenView.as_view()
_revoke_view = RevokeTokenView.as_view()


@csrf_exempt
@require_POST
def token(request: HttpRequest) -> HttpResponse:
    """https://www.rfc-editor.org/rfc/rfc6749#section-3.2 ; a wrong code verifier or
    redirect URI is django-oauth-toolkit's invalid_grant, and uses up nothing."""
    return _throttled(oauth_token_rule(), request) or _token_view(request)


@csrf_exempt
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    """https://www.rfc-editor.org/rfc/rfc7009"""
    return _throttled(oauth_token_rule(), request) or _revoke_view(request)


class S256AuthorizationView(AuthorizationView):  # type: ignore[misc]
    """The consent page. OB 3.0 requires PKCE with S256
    (https://www.imsglobal.org/spec/ob/v3p0/#authorization-request); ``plain`` is refused
    before anything is asked of the learner."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("code_challenge_method") != "S256":
            return _error(
                400, "invalid_request", "code_challenge_method must be S256 (PKCE is required)"
            )
        response: HttpResponse = super().get(request, *args, **kwargs)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        application = context.get("application")
        if application is not None:
            context["registration"] = RegisteredClient.objects.filter(
                application=application
            ).first()
        return context


authorize: Callable[..., HttpResponse] = S256AuthorizationView.as_view()


@csrf_exempt
@require_POST
def register(request: HttpRequest) -> HttpResponse:
    """Dynamic client registration as OB 3.0 profiles RFC 7591
    (https://www.imsglobal.org/spec/ob/v3p0/#dynamic-client-registration): client_name,
    client_uri and https redirect_uris on the client's host are required, the scopes are
    the API's. The client is django-oauth-toolkit's (a confidential one, authorization code
    grant; its secret is stored hashed and shown only in this answer)."""
    refused = _throttled(client_registration_rule(), request)
    if refused is not None:
        return refused
    if len(request.body) > MAX_REGISTRATION_BODY:
        return _error(413, "invalid_client_metadata", "the request body is too large")
    try:
        metadata = json.loads(request.body)
    except (ValueError, RecursionError):
        return _error(400, "invalid_client_metadata", "the request body must be JSON")
    if not isinstance(metadata, dict):
        return _error(400, "invalid_client_metadata", "the request body must be a JSON object")
    problem = _metadata_problem(metadata)
    if problem:
        return _error(
            400,
            "invalid_redirect_uri" if "redirect" in problem else "invalid_client_metadata",
            problem,
        )
    scope = " ".join(_granted_scopes(metadata))
    application = Application(
        name=metadata["client_name"].strip()[:255],
        redirect_uris=" ".join(metadata["redirect_uris"]),
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        registration_source=Application.RegistrationSource.DCR,
    )
    secret = application.client_secret  # before save() hashes it
    try:
        application.full_clean()
    except ValidationError as invalid:
        return _error(400, "invalid_client_metadata", "; ".join(invalid.messages))
    with transaction.atomic():
        application.save()
        RegisteredClient.objects.create(
            application=application,
            scope=scope,
            software_id=str(metadata.get("software_id", ""))[:200],
            software_version=str(metadata.get("software_version", ""))[:100],
            **{name: str(metadata.get(name, "")) for name in _URI_FIELDS},
        )
    echoed = (*_URI_FIELDS, "software_id", "software_version")
    answer = {
        "client_id": application.client_id,
        "client_secret": secret,
        "client_id_issued_at": int(time.time()),
        "client_secret_expires_at": 0,
        "client_name": application.name,
        "redirect_uris": metadata["redirect_uris"],
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "scope": scope,
        **{name: metadata[name] for name in echoed if name in metadata},
    }
    return JsonResponse(answer, status=201)


def _granted_scopes(metadata: dict[str, Any]) -> list[str]:
    asked = str(metadata.get("scope", "")).split()
    return [scope for scope in supported_scopes() if scope in asked]


def _host(url: str) -> str | None:
    """The host of a well-formed URL (a valid port, if any, and no bracket left open)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        return None
    return parts.hostname or None


def _metadata_problem(metadata: dict[str, Any]) -> str:
    """What OB 3.0 section 6.2.2 requires of a registration request, or ""."""
    for name in ("client_name", "client_uri"):
        if not isinstance(metadata.get(name), str) or not metadata[name].strip():
            return f"{name} is required"
    for name in _URI_FIELDS:
        value = metadata.get(name)
        if value is not None and (not isinstance(value, str) or not value.startswith("https://")):
            return f"{name} must be an https URL"
    uris = metadata.get("redirect_uris")
    if not isinstance(uris, list) or not uris or not all(isinstance(u, str) for u in uris):
        return "redirect_uris must be a non-empty array of URLs"
    client_host = _host(metadata["client_uri"])
    if client_host is None:
        return "client_uri must be a valid https URL"
    for uri in uris:
        if not uri.startswith("https://") or _host(uri) != client_host:
            return f"redirect URI {uri!r} must be https on the client_uri's host"
    if not _granted_scopes(metadata):
        return "scope must name at least one of: " + " ".join(supported_scopes())
    if metadata.get("token_endpoint_auth_method", "client_secret_basic") != "client_secret_basic":
        return "token_endpoint_auth_method must be client_secret_basic"
    return ""
