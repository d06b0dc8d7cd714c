"""The provider's webhooks, the only way an order is fulfilled or ended. The signature is
verified first (``payment_provider().event_verify``); the event id is recorded in the same
transaction as its effects, so a replayed or redelivered event changes nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.db import IntegrityError, transaction

from bitewise.membership.models import Order, OrderStatus, Subscription, WebhookEvent
from bitewise.membership.payments.provider import payment_provider
from bitewise.membership.services.orders import amount_matches, order_end, order_fulfil
from bitewise.membership.services.subscriptions import subscription_lapse, subscription_renew

logger = logging.getLogger(__name__)


def _checkout_completed(obj: dict[str, Any]) -> str:
    reference = (obj.get("metadata") or {}).get("order") or obj.get("client_reference_id")
    order = (
        Order.objects.filter(reference=reference).select_related("buyer").first()
        if reference
        else None
    )
    if order is None or order.checkout_session != obj.get("id"):
        return "no matching order"
    if obj.get("payment_status") not in ("paid", "no_payment_required"):
        return "not paid"
    if not amount_matches(order, obj.get("amount_total")):
        logger.warning("checkout amount differs from order %s", order.pk)
        return "amount differs from the order: not fulfilled"
    return order_fulfil(
        order=order,
        payment_ref=str(obj.get("payment_intent") or ""),
        subscription_ref=str(obj.get("subscription") or ""),
    )


def _by_payment(obj: dict[str, Any]) -> Order | None:
    payment_ref = obj.get("payment_intent")
    return Order.objects.filter(payment_ref=payment_ref).first() if payment_ref else None


def _refunded(obj: dict[str, Any]) -> str:
    order = _by_payment(obj)
    if order is None:
        return "no matching order"
    return order_end(order=order, status=OrderStatus.REFUNDED, reason="Refunded.")


def _disputed(obj: dict[str, Any]) -> str:
    order = _by_payment(obj)
    if order is None:
        return "no matching order"
    return order_end(order=order, status=OrderStatus.DISPUTED, reason="Payment disputed.")


def _invoice_paid(obj: dict[str, Any]) -> str:
    lines = (obj.get("lines") or {}).get("data") or []
    ends = [line.get("period", {}).get("end") for line in lines if line.get("period")]
    if not obj.get("subscription") or not ends:
        return "no subscription period"
    period_end = datetime.fromtimestamp(int(max(ends)), tz=UTC)
    renewed = subscription_renew(provider_ref=str(obj["subscription"]), period_end=period_end)
    return "renewed" if renewed is not None else "no matching subscription"


def _subscription_deleted(obj: dict[str, Any]) -> str:
    subscription = Subscription.objects.filter(provider_ref=obj.get("id")).first()
    if subscription is None:
        return "no matching subscription"
    subscription_lapse(subscription=subscription, reason="Ended at the provider.")
    return "lapsed"


HANDLERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "checkout.session.completed": _checkout_completed,
    "charge.refunded": _refunded,
    "charge.dispute.created": _disputed,
    "invoice.paid": _invoice_paid,
    "customer.subscription.deleted": _subscription_deleted,
}


def webhook_receive(*, payload: bytes, signature: str) -> str:
    """Verify and apply one webhook. Raises ``BadSignature``; returns what happened
    ("replayed" for an event id already applied)."""
    event = payment_provider().event_verify(payload=payload, signature=signature)
    event_id, event_type = str(event.get("id") or ""), str(event.get("type") or "")
    if not event_id:
        return "no event id"
    handler = HANDLERS.get(event_type)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = WebhookEvent.objects.create(event_id=event_id, type=event_type[:80])
        except IntegrityError:
            return "replayed"
        obj = (event.get("data") or {}).get("object") or {}
        outcome = handler(obj) if handler is not None else "ignored"
        record.outcome = outcome[:200]
        record.save(update_fields=["outcome"])
    logger.info("payment webhook %s %s: %s", event_id, event_type, outcome)
    return outcome
