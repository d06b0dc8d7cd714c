"""The payment provider's webhook endpoint: no session, no CSRF token; the signature is
the only credential, checked before anything is read."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bitewise.membership.payments.provider import BadSignature, ProviderError
from bitewise.membership.services.webhooks import webhook_receive

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        outcome = webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except BadSignature as exc:
        logger.warning("payment webhook refused: %s", exc)
        return JsonResponse({"detail": "The signature does not verify."}, status=400)
    except (ProviderError, ValueError) as exc:
        logger.warning("payment webhook unreadable: %s", exc)
        return JsonResponse({"detail": "The event could not be read."}, status=400)
    return JsonResponse({"outcome": outcome})
