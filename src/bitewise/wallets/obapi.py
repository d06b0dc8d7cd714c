"""The Open Badges 3.0 API a backpack or other host calls with a learner's OAuth token:
getCredentials and getProfile, and the service description document that tells a client
where to register, authorize and get tokens.

https://www.imsglobal.org/spec/ob/v3p0/#api ; errors are Imsx_StatusInfo
(https://www.imsglobal.org/spec/ob/v3p0/#imsx_statusinfo). upsertCredential and putProfile are
not offered: Bitewise issues credentials, it does not host ones issued elsewhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET
from oauth2_provider.oauth2_backends import get_oauthlib_core

from bitewise.accounts.models import User
from bitewise.common.links import absolute
from bitewise.credentials.models import IssuedCredential
from bitewise.engines.ob3.contexts import CREDENTIALS_V2, OB_V3P0
from bitewise.engines.text.numbers import whole_number

SCOPE = "https://purl.imsglobal.org/spec/ob/v3p0/scope/"
CREDENTIAL_READ = SCOPE + "credential.readonly"
PROFILE_READ = SCOPE + "profile.readonly"
MAX_LIMIT = 100

Handler = Callable[[HttpRequest, User], HttpResponse]


def status_info(status: int, minor: str, description: str) -> JsonResponse:
    return JsonResponse(
        {
            "imsx_codeMajor": "failure",
            "imsx_severity": "error",
            "imsx_description": description,
            "imsx_codeMinor": {
                "imsx_codeMinorField": [
                    {
                        "imsx_codeMinorFieldName": "TargetEndSystem",
                        "imsx_codeMinorFieldValue": minor,
                    }
                ]
            },
        },
        status=status,
    )


def requires_scope(scope: str) -> Callable[[Handler], Callable[[HttpRequest], HttpResponse]]:
    """A bearer access token with ``scope``, checked by django-oauth-toolkit; 401 with a
    WWW-Authenticate challenge otherwise (https://www.rfc-editor.org/rfc/rfc6750#section-3)."""

    def decorate(handler: Handler) -> Callable[[HttpRequest], HttpResponse]:
        @wraps(handler)
        def view(request: HttpRequest) -> HttpResponse:
            valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[scope])
            token = getattr(oauth_request, "access_token", None)
            user = getattr(token, "user", None)
            if not valid or not isinstance(user, User) or not user.is_active:
                has_token = request.headers.get("Authorization", "").startswith("Bearer ")
                if has_token and token is not None and not token.allow_scopes([scope]):
                    response = status_info(403, "forbidden", f"The token lacks the scope {scope}.")
                    response["WWW-Authenticate"] = (
                        f'Bearer error="insufficient_scope", scope="{scope}"'
                    )
                    return response
                response = status_info(
                    401, "unauthorizedrequest", "A valid bearer access token is required."
                )
                response["WWW-Authenticate"] = (
                    'Bearer error="invalid_token"' if has_token else "Bearer"
                )
                return response
            return handler(request, user)

        return require_GET(view)

    return decorate


@requires_scope(CREDENTIAL_READ)
def credentials(request: HttpRequest, user: User) -> HttpResponse:
    """getCredentials (https://www.imsglobal.org/spec/ob/v3p0/#getcredentials): the learner's
    credentials, newest first, as signed JSON-LD; ``limit``, ``offset`` and ``since``, with
    X-Total-Count and Link headers."""
    limit = whole_number(request.GET.get("limit", "20"), digits=4)
    offset = whole_number(request.GET.get("offset", "0"), digits=9)
    if limit is None or offset is None or not 1 <= limit <= MAX_LIMIT:
        return status_info(
            400,
            "invalid_query_parameter",
            f"limit must be 1 to {MAX_LIMIT}; offset 0 to 999999999",
        )
    held = IssuedCredential.objects.filter(learner=user).order_by("-issued_at", "pk")
    since = request.GET.get("since")
    if since is not None:
        moment = _datetime(since)
        if moment is None:
            return status_info(
                400, "invalid_query_parameter", "since must be a date-time with a time zone"
            )
        held = held.filter(issued_at__gte=moment)
    total = held.count()
    page = [credential.document for credential in held[offset : offset + limit]]
    response = JsonResponse({"credential": page})
    response["X-Total-Count"] = str(total)
    links = _links(request, total, limit, offset)
    if links:
        response["Link"] = links
    return response


def _datetime(value: str) -> datetime | None:
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _links(request: HttpRequest, total: int, limit: int, offset: int) -> str:
    """https://www.imsglobal.org/spec/ob/v3p0/#pagination (RFC 8288 Link header)."""
    base = absolute(request.path)
    extra = {k: v for k, v in request.GET.items() if k not in ("limit", "offset")}

    def link(at: int, rel: str) -> str:
        return f'<{base}?{urlencode({**extra, "limit": limit, "offset": at})}>; rel="{rel}"'

    last = max(0, (total - 1) // limit * limit)
    links = []
    if offset + limit < total:
        links.append(link(offset + limit, "next"))
    if offset > 0:
        links.append(link(max(0, offset - limit), "prev"))
    links += [link(0, "first"), link(last, "last")]
    return ", ".join(links)


@requires_scope(PROFILE_READ)
def profile(request: HttpRequest, user: User) -> HttpResponse:
    """getProfile (https://www.imsglobal.org/spec/ob/v3p0/#getprofile): the learner as an
    OB 3.0 Profile; its id is their DID when they have one."""
    profile_id = user.did or f"urn:uuid:{uuid.uuid5(_PROFILES, f'{settings.SITE_URL}/{user.pk}')}"
    document: dict[str, Any] = {
        "@context": [CREDENTIALS_V2, OB_V3P0],
        "id": profile_id,
        "type": ["Profile"],
        "email": user.email,
    }
    if user.display_name:
        document["name"] = user.display_name
    return JsonResponse(document)


_PROFILES = uuid.UUID("0c3e6f7a-1b2d-4e5f-8a9b-7c6d5e4f3a2b")


def _security(scope: str) -> list[dict[str, list[str]]]:
    return [{"OAuth2ACG": [scope]}]


@require_GET
def discovery(request: HttpRequest) -> HttpResponse:
    """The ServiceDescriptionDocument (https://www.imsglobal.org/spec/ob/v3p0/#service-discovery):
    an OpenAPI 3.0 document naming the registration, authorization and token URLs."""
    scopes = settings.OAUTH2_PROVIDER["SCOPES"]
    ok = {"200": {"description": "OK"}, "401": {"description": "Unauthorized"}}
    document = {
        "openapi": "3.0.1",
        "info": {
            "title": f"{settings.BITEWISE_ISSUER_NAME} Open Badges API",
            "version": "3.0",
            "termsOfService": absolute("/"),
            "x-imssf-privacyPolicyUrl": absolute("/"),
        },
        "servers": [{"url": absolute("/ims/ob/v3p0"), "description": "Open Badges 3.0 API"}],
        "paths": {
            "/credentials": {
                "get": {
                    "operationId": "getCredentials",
                    "security": _security(CREDENTIAL_READ),
                    "responses": ok,
                }
            },
            "/profile": {
                "get": {
                    "operationId": "getProfile",
                    "security": _security(PROFILE_READ),
                    "responses": ok,
                }
            },
        },
        "components": {
            "securitySchemes": {
                "OAuth2ACG": {
                    "type": "oauth2",
                    "description": "OAuth 2.0 authorization code grant with PKCE (S256)",
                    "x-imssf-registrationUrl": absolute(reverse("wallets:oauth_register")),
                    "flows": {
                        "authorizationCode": {
                            "authorizationUrl": absolute(reverse("wallets:oauth_authorize")),
                            "tokenUrl": absolute(reverse("wallets:oauth_token")),
                            "refreshUrl": absolute(reverse("wallets:oauth_token")),
                            "x-imssf-revocationUrl": absolute(reverse("wallets:oauth_revoke")),
                            "scopes": scopes,
                        }
                    },
                }
            }
        },
    }
    response = JsonResponse(document)
    response["Access-Control-Allow-Origin"] = "*"
    return response
