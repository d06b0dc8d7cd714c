"""The learner's "add to a wallet" page and the VC-API exchange endpoint wallets call."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bitewise.accounts.addresses import client_address
from bitewise.accounts.models import User
from bitewise.accounts.throttle import Throttled, throttle_hit
from bitewise.common.links import absolute
from bitewise.credentials.selectors import access_own_credential
from bitewise.credentials.services.issuers import IssuingRefused
from bitewise.engines.certificates.qr import qr_svg
from bitewise.wallets.limits import exchange_rule
from bitewise.wallets.models import Exchange
from bitewise.wallets.services.exchanges import (
    ExchangeError,
    exchange_complete,
    exchange_create,
    exchange_request,
)

MAX_EXCHANGE_BODY = 256_000


def exchange_url(exchange: Exchange) -> str:
    return absolute(reverse("wallets:exchange", kwargs={"exchange_id": exchange.pk}))


def wallet_request_url(exchange: Exchange) -> str:
    """The Learner Credential Wallet's deep link: its request JSON names the VC-API exchange."""
    request = {
        "credential_request_origin": absolute("/"),
        "protocols": {"vcapi": exchange_url(exchange)},
    }
    return "https://lcw.app/request.html?request=" + quote(
        json.dumps(request, separators=(",", ":"))
    )


@login_required
def claim(request: HttpRequest, credential_id: UUID) -> HttpResponse:
    """GET: explain; POST: start an exchange and show its link for the wallet."""
    assert isinstance(request.user, User)
    credential = access_own_credential(credential_id=credential_id, learner=request.user)
    context: dict[str, Any] = {"credential": credential}
    if request.method == "POST":
        try:
            exchange = exchange_create(learner=request.user, credential_id=credential.pk)
        except (ExchangeError, IssuingRefused) as refused:
            context["error"] = str(refused)
            return render(request, "wallets/claim.html", context, status=400)
        wallet_url = wallet_request_url(exchange)
        context.update(
            exchange=exchange,
            exchange_url=exchange_url(exchange),
            wallet_url=wallet_url,
            # segno writes the SVG from the URL's bits alone: no text of ours is in it.
            wallet_qr=mark_safe(qr_svg(wallet_url, title="QR code for your wallet")),
        )
    return render(request, "wallets/claim.html", context)


@csrf_exempt
@require_POST
def exchange(request: HttpRequest, exchange_id: UUID) -> HttpResponse:
    """https://w3c-ccg.github.io/vc-api/#participate-in-an-exchange : ``{}`` asks for the
    presentation request; ``{"verifiablePresentation": …}`` answers it."""
    try:
        throttle_hit(exchange_rule(), address=client_address(request))
    except Throttled as throttled:
        response = _problem(429, str(throttled))
        response["Retry-After"] = str(throttled.retry_after)
        return response
    if len(request.body) > MAX_EXCHANGE_BODY:
        return _problem(413, f"The request body is over {MAX_EXCHANGE_BODY} bytes.")
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, RecursionError):
        return _problem(400, "The request body is not JSON.")
    if not isinstance(body, dict):
        return _problem(400, "The request body must be a JSON object.")
    try:
        if "verifiablePresentation" in body:
            answer = exchange_complete(
                exchange_id=exchange_id, presentation=body["verifiablePresentation"]
            )
        else:
            answer = exchange_request(exchange_id=exchange_id)
    except ExchangeError as refused:
        return _problem(refused.status, str(refused))
    except IssuingRefused as refused:
        return _problem(503, str(refused))
    return JsonResponse(answer)


def _problem(status: int, detail: str) -> JsonResponse:
    """An error as problem details (https://www.rfc-editor.org/rfc/rfc9457)."""
    titles = {400: "Bad request", 404: "Not found", 409: "Conflict", 410: "Expired"}
    return JsonResponse(
        {"title": titles.get(status, "Refused"), "status": status, "detail": detail},
        status=status,
        content_type="application/problem+json",
    )
