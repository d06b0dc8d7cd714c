"""Stripe Checkout through the official ``stripe`` library: sessions, refunds, cancelling
a subscription at period end, and webhook signatures checked by ``stripe.Webhook``."""

from __future__ import annotations

import json
from typing import Any

import stripe
from django.conf import settings

from bitewise.membership.payments.provider import (
    BadSignature,
    CheckoutRequest,
    CheckoutSession,
    ProviderError,
    minor_units,
)


class StripeProvider:
    def __init__(self) -> None:
        if not settings.BITEWISE_STRIPE_SECRET_KEY:
            raise ProviderError("Payments are not set up (BITEWISE_STRIPE_SECRET_KEY is empty).")
        base = settings.BITEWISE_STRIPE_API_BASE
        self.client = stripe.StripeClient(
            settings.BITEWISE_STRIPE_SECRET_KEY,
            base_addresses={"api": base} if base else None,
            max_network_retries=2,
        )

    def checkout_create(self, request: CheckoutRequest) -> CheckoutSession:
        price_data: dict[str, Any] = {
            "currency": request.currency.lower(),
            "unit_amount": minor_units(request.unit_amount, request.currency),
            "product_data": {"name": request.description},
        }
        if request.interval:
            price_data["recurring"] = {"interval": request.interval}
        params: dict[str, Any] = {
            "mode": "subscription" if request.interval else "payment",
            "line_items": [{"price_data": price_data, "quantity": request.quantity}],
            "client_reference_id": request.reference,
            "metadata": {"order": request.reference},
            "customer_email": request.customer_email,
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
        }
        try:
            session = self.client.v1.checkout.sessions.create(params=params)  # type: ignore[arg-type]
        except stripe.StripeError as exc:
            raise ProviderError(f"The payment provider refused the checkout: {exc}") from exc
        return CheckoutSession(id=session.id, url=str(session.url))

    def refund(self, *, payment_ref: str) -> str:
        try:
            refund = self.client.v1.refunds.create(params={"payment_intent": payment_ref})
        except stripe.StripeError as exc:
            raise ProviderError(f"The payment provider refused the refund: {exc}") from exc
        return str(refund.id)

    def subscription_cancel_at_period_end(self, *, subscription_ref: str) -> None:
        try:
            self.client.v1.subscriptions.update(
                subscription_ref, params={"cancel_at_period_end": True}
            )
        except stripe.StripeError as exc:
            raise ProviderError(f"The payment provider refused to cancel: {exc}") from exc

    def event_verify(self, *, payload: bytes, signature: str) -> dict[str, Any]:
        """The event, once ``stripe.Webhook`` has checked its signature and timestamp
        (https://docs.stripe.com/webhooks#verify-events)."""
        secret = settings.BITEWISE_STRIPE_WEBHOOK_SECRET
        if not secret:
            raise BadSignature("No webhook secret is configured.")
        try:
            stripe.Webhook.construct_event(payload, signature, secret)
        except (stripe.SignatureVerificationError, ValueError) as exc:
            raise BadSignature(str(exc) or "Bad signature.") from exc
        event: dict[str, Any] = json.loads(payload)
        return event
