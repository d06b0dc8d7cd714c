"""Sign-in through the association's identity providers: OpenID Connect and SAML 2.0,
and logging out of both Bitewise and the provider (OpenID Connect RP-Initiated Logout,
SAML Single Logout either way)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from bitewise.accounts.backends import PROVEN_ELSEWHERE
from bitewise.accounts.models import User
from bitewise.sso import oidc, saml, saml_logout
from bitewise.sso.config import Provider, provider_for
from bitewise.sso.refusals import refused_page
from bitewise.sso.services import Identity, SsoRefused, sso_sign_in

logger = logging.getLogger("bitewise.sso")

NEXT = "sso_next"
PROVIDER = "sso_provider"
ID_TOKEN = "sso_id_token"


def _safe_next(request: HttpRequest, target: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else resolve_url(settings.LOGIN_REDIRECT_URL)


def _callback_url(name: str, slug: str) -> str:
    # From the configured site URL, not the Host header: it is registered at the provider.
    return settings.SITE_URL.rstrip("/") + reverse(name, args=[slug])


def _signed_in(request: HttpRequest, user: User, provider: Provider, next_url: str) -> HttpResponse:
    login(request, user, backend=PROVEN_ELSEWHERE)
    request.session[PROVIDER] = provider.slug
    # What the last sign-in's protocol keeps for logging out: each sets its own again.
    request.session.pop(ID_TOKEN, None)
    request.session.pop(saml_logout.SESSION_SUBJECT, None)
    return HttpResponseRedirect(_safe_next(request, next_url))


@require_GET
def oidc_login(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_for(slug, protocol="oidc")
    request.session[NEXT] = request.GET.get("next", "")
    try:
        response = oidc.authorize_redirect(
            request, provider, redirect_uri=_callback_url("sso:oidc_callback", slug)
        )
    except SsoRefused as refusal:
        return refused_page(request, provider=slug, refusal=refusal)
    return response  # type: ignore[no-any-return]


@require_GET
def oidc_callback(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_for(slug, protocol="oidc")
    try:
        claims, id_token = oidc.callback_claims(request, provider)
        user = sso_sign_in(
            identity=Identity(provider=provider, subject=str(claims.get("sub", "")), claims=claims)
        )
    except SsoRefused as refusal:
        return refused_page(request, provider=slug, refusal=refusal)
    next_url = request.session.pop(NEXT, "")
    response = _signed_in(request, user, provider, next_url)
    request.session[ID_TOKEN] = id_token
    return response


@require_GET
def saml_login(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_for(slug, protocol="saml")
    try:
        url = saml.authn_request_url(
            request.session, provider, next_url=request.GET.get("next", "")
        )
    except SsoRefused as refusal:
        return refused_page(request, provider=slug, refusal=refusal)
    return HttpResponseRedirect(url)


@csrf_exempt  # the IdP posts it; it is bound to this session's request id and signed
@require_POST
def saml_acs(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_for(slug, protocol="saml")
    saml_response = request.POST.get("SAMLResponse", "")
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and "resent" not in request.GET:
        # A browser sends no SameSite=Lax session cookie with a POST from the IdP's site:
        # post the answer again from this site, where it does.
        return render(
            request,
            "sso/saml_continue.html",
            {
                "action": reverse("sso:saml_acs", args=[slug]) + "?resent=1",
                "saml_response": saml_response,
            },
        )
    try:
        found = saml.response_identity(request.session, provider, saml_response)
        user = sso_sign_in(
            identity=Identity(provider=provider, subject=found.subject, claims=found.attributes)
        )
    except SsoRefused as refusal:
        return refused_page(request, provider=slug, refusal=refusal)
    response = _signed_in(request, user, provider, found.next_url)
    # Kept for Single Logout: the IdP's name for the person and its session.
    request.session[saml_logout.SESSION_SUBJECT] = {
        "provider": slug,
        "name_id": found.subject,
        "format": found.name_id_format,
        "session_index": found.session_index,
    }
    return response


@require_GET
def saml_slo(request: HttpRequest, slug: str) -> HttpResponse:
    """Single Logout over HTTP-Redirect: the IdP's answer to a logout started here, or a
    logout the IdP started (answered with a LogoutResponse back to it)."""
    provider = provider_for(slug, protocol="saml")
    query = {key: request.GET[key] for key in request.GET}
    home = resolve_url(settings.LOGOUT_REDIRECT_URL)
    try:
        if "SAMLResponse" in query:
            saml_logout.logout_response_ok(request.session, provider, query)
            messages.success(request, "You are logged out here and at the identity provider.")
            return redirect(home)
        if "SAMLRequest" not in query:
            raise SsoRefused(
                "saml_missing", "The identity provider sent no logout message.", status=400
            )
        found = saml_logout.idp_logout(request.session, provider, query)
    except SsoRefused as refusal:
        return refused_page(request, provider=slug, refusal=refusal)
    if found.ends_session:
        logout(request)
        logger.info("saml single logout from the provider", extra={"provider": slug})
    return HttpResponseRedirect(found.answer_url or home)


@require_GET
def saml_metadata(request: HttpRequest, slug: str) -> HttpResponse:
    provider = provider_for(slug, protocol="saml")
    return HttpResponse(saml.metadata_xml(provider), content_type="application/samlmetadata+xml")


@require_POST
def sso_logout(request: HttpRequest) -> HttpResponse:
    """Log out here and, after an OpenID Connect sign-in, at the provider too: a page sends
    the browser on to the provider's end-session endpoint (the site's Content-Security-Policy
    lets a form lead only to this site, so a redirect from this POST would be blocked), where
    the person confirms, then comes back to the catalog."""
    slug, id_token = request.session.get(PROVIDER, ""), request.session.get(ID_TOKEN, "")
    saml_subject = request.session.get(saml_logout.SESSION_SUBJECT)
    logout(request)
    home = resolve_url(settings.LOGOUT_REDIRECT_URL)
    if isinstance(saml_subject, dict) and saml_subject.get("provider") == slug:
        return _saml_logout(request, slug, saml_subject, home)
    if not (slug and id_token):
        return redirect(home)
    try:
        provider = provider_for(slug, protocol="oidc")
    except Http404:  # the provider was removed from the configuration since
        return redirect(home)
    url = oidc.logout_url(
        provider, id_token=id_token, post_logout_redirect_uri=settings.SITE_URL.rstrip("/") + home
    )
    if not url:
        return redirect(home)
    return render(request, "sso/logged_out.html", {"provider": provider, "end_session_url": url})


def _saml_logout(
    request: HttpRequest, slug: str, subject: dict[str, str], home: str
) -> HttpResponse:
    """After a SAML sign-in: a page sends the browser on to the IdP with a LogoutRequest
    (Single Logout); its answer comes back to ``saml_slo``."""
    try:
        provider = provider_for(slug, protocol="saml")
        sent = saml_logout.logout_request_url(provider, subject)
    except Http404:  # the provider was removed from the configuration since
        return redirect(home)
    except SsoRefused as refusal:  # the IdP's metadata cannot be read now
        logger.warning(
            "saml single logout not started: %s", refusal.reason, extra={"provider": slug}
        )
        return redirect(home)
    if sent is None:
        return redirect(home)
    request_id, url = sent
    request.session[saml_logout.SESSION_LOGOUTS] = [request_id]
    return render(request, "sso/logged_out.html", {"provider": provider, "end_session_url": url})
