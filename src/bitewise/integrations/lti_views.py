"""LTI 1.3 endpoints: OIDC third-party login, the launch, Deep Linking, our JWKS.

https://www.imsglobal.org/spec/security/v1p0/#openid_connect_launch_flow
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from bitewise.accounts.backends import PROVEN_ELSEWHERE
from bitewise.catalog.models import MicroCredential, Status
from bitewise.integrations.services.lti_deep_linking import (
    DeepLinkChoice,
    deep_link_response,
)
from bitewise.integrations.services.lti_keys import tool_jwks
from bitewise.integrations.services.lti_launch import LtiRefused, lti_resource_launch
from bitewise.integrations.services.lti_tool import DatabaseToolConf, platform_for

logger = logging.getLogger(__name__)
DEEP_LINKING = "LtiDeepLinkingRequest"


def _absolute(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def refused(request: HttpRequest, message: str, *, status: int = 400) -> HttpResponse:
    return render(request, "integrations/lti_refused.html", {"message": message}, status=status)


# pylti1p3's messages are short and name what failed; these say it for a person.
_MESSAGES = {
    "State not found": "This launch did not start from Bitewise's login step, or it expired.",
    "Invalid Nonce": "This launch's nonce was not issued for it (a replay or an expired login).",
    "Unable to find deployment": "This platform's deployment id is not registered with "
    "Bitewise. Ask the association's staff to add it.",
    "Registration not found.": "This platform is not registered with Bitewise.",
    "Could not find registration details": "This platform is not registered with Bitewise.",
    "Unable to find public key": "The launch was signed with a key the platform does not publish.",
}


def _explain(exc: Exception) -> str:
    text = str(exc)
    for start, message in _MESSAGES.items():
        if text.startswith(start):
            return message
    if text.startswith("Can't decode id_token"):
        return "The launch's id_token is not valid: its signature or dates do not check out."
    return f"The launch could not be checked: {text[:200]}"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def lti_login(request: HttpRequest) -> HttpResponse:
    """Step 1: the platform asks us to log in; we send the browser to its authorization
    endpoint with a state and nonce of ours."""
    try:
        oidc = DjangoOIDCLogin(
            request, DatabaseToolConf(), launch_data_storage=DjangoCacheDataStorage()
        )
        return oidc.redirect(_absolute(reverse("integrations:lti_launch")))  # type: ignore[no-any-return]
    except (LtiException, OIDCException) as exc:
        return refused(request, _explain(exc))


@csrf_exempt
@require_POST
def lti_launch(request: HttpRequest) -> HttpResponse:
    """Step 2: the platform posts the signed id_token."""
    launch = DjangoMessageLaunch(
        request, DatabaseToolConf(), launch_data_storage=DjangoCacheDataStorage()
    )
    try:
        claims: dict[str, Any] = launch.get_launch_data()
    except (LtiException, OIDCException) as exc:
        logger.info("lti launch refused", extra={"reason": str(exc)[:200]})
        return refused(request, _explain(exc))
    platform = platform_for(str(claims.get("iss", "")), launch.get_client_id())
    if platform is None:
        return refused(request, "This platform is not registered with Bitewise.")
    if launch.is_deep_link_launch():
        return _deep_link_picker(request, launch.get_launch_id())
    try:
        learner, url = lti_resource_launch(platform=platform, claims=claims)
    except LtiRefused as exc:
        return refused(request, str(exc))
    login(request, learner, backend=PROVEN_ELSEWHERE)
    return redirect(url)


def _deep_link_picker(request: HttpRequest, launch_id: str) -> HttpResponse:
    micro_credentials = MicroCredential.objects.filter(status=Status.PUBLISHED).prefetch_related(
        "memberships__lesson"
    )
    return render(
        request,
        "integrations/lti_pick.html",
        {"launch_id": launch_id, "micro_credentials": micro_credentials},
    )


@require_POST
def lti_deep_link(request: HttpRequest) -> HttpResponse:
    """Step 3 (Deep Linking): the instructor's picks, posted back to their platform."""
    launch_id = request.POST.get("launch_id", "")
    picks = request.POST.getlist("item")
    try:
        launch = DjangoMessageLaunch.from_cache(
            launch_id,
            request,
            DatabaseToolConf(),
            launch_data_storage=DjangoCacheDataStorage(),
        )
        if not launch.is_deep_link_launch():
            return refused(request, "This launch did not ask to pick content.")
        response = deep_link_response(
            launch=launch,
            choices=[DeepLinkChoice.parse(p) for p in picks],
            launch_url=_absolute(reverse("integrations:lti_launch")),
        )
    except LtiRefused as exc:
        return refused(request, str(exc))
    except (LtiException, OIDCException):
        return refused(request, "This content picker has expired. Start again from your course.")
    page = render(
        request,
        "integrations/lti_return.html",
        {"return_url": response.return_url, "jwt": response.jwt, "count": len(picks)},
    )
    # The form goes back to the platform: allow that one origin as a form target.
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(response.return_url))
    page._csp_config = {  # type: ignore[attr-defined]
        **settings.SECURE_CSP,
        "form-action": [CSP.SELF, origin],
    }
    return page


@require_GET
def lti_jwks(request: HttpRequest) -> JsonResponse:
    """Our public keys, for platforms to check client assertions and deep-link responses."""
    response = JsonResponse(tool_jwks())
    response["Access-Control-Allow-Origin"] = "*"
    return response
