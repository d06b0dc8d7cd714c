"""The page and the log line for a refused sign-in."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bitewise.accounts.addresses import client_address
from bitewise.sso.services import SsoRefused

logger = logging.getLogger("bitewise.sso")


def refused_page(request: HttpRequest, *, provider: str, refusal: SsoRefused) -> HttpResponse:
    logger.warning(
        "sso sign-in refused: %s",
        refusal.reason,
        extra={
            "provider": provider,
            "reason": refusal.reason,
            "detail": str(refusal.__cause__ or ""),
            "address": client_address(request),
        },
    )
    return render(
        request,
        "sso/refused.html",
        {"message": str(refusal), "reason": refusal.reason},
        status=refusal.status,
    )
