"""Receipts for paid orders, sent through the outbox: one ``ReceiptEmail`` per order (the
"once"), claimed, handed over and transmitted as the badge email is (decision record
0003). A receipt is transactional: it goes out whatever the marketing unsubscribes say,
but never to an address that bounces."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bitewise.common.links import absolute
from bitewise.common.mail_addresses import UNDELIVERABLE_REASON, can_receive_mail
from bitewise.membership.models import Order, ReceiptEmail
from bitewise.reinforcement.models import DeliveryState
from bitewise.reinforcement.services.outbox import (
    mail_host,
    outbox_dispatch,
    outbox_mark,
    outbox_settle,
    transmit,
)
from bitewise.reinforcement.services.sending import (
    address_mark_bouncing,
    is_address_bouncing,
)


def receipt_plan(*, order: Order) -> ReceiptEmail:
    """Called in the fulfilling transaction; queues the sending after commit (for a buyer
    whose address can never receive mail, the receipt is made skipped, never queued)."""
    from bitewise.membership.tasks import receipt_email_send_task

    deliverable = can_receive_mail(order.buyer.email)
    defaults: dict[str, Any] = (
        {"dispatched_at": timezone.now()}
        if deliverable
        else {"state": DeliveryState.SKIPPED, "error": UNDELIVERABLE_REASON}
    )
    receipt, created = ReceiptEmail.objects.get_or_create(order=order, defaults=defaults)
    if created and deliverable:
        transaction.on_commit(partial(receipt_email_send_task.enqueue, receipt.pk))
    return receipt


def receipt_emails_send_due(*, now: datetime | None = None) -> int:
    """The scheduler's entry point: release stale claims, queue retries whose time has come."""
    from bitewise.membership.tasks import receipt_email_send_task

    return outbox_dispatch(
        ReceiptEmail, enqueue=receipt_email_send_task.enqueue, now=now or timezone.now()
    )


def _mark(receipt: ReceiptEmail, **changes: Any) -> bool:
    return outbox_mark(receipt, **changes)


def receipt_compose(receipt: ReceiptEmail) -> EmailMultiAlternatives:
    order = receipt.order
    context = {
        "order": order,
        "buyer": order.buyer,
        "account_url": absolute(reverse("membership:mine")),
    }
    message = EmailMultiAlternatives(
        subject=f"Your receipt: {order.description}",
        body=render_to_string("membership/email/receipt.txt", context),
        to=[order.buyer.email],
        headers={"Message-ID": receipt.message_id},
    )
    message.attach_alternative(
        render_to_string("membership/email/receipt.html", context), "text/html"
    )
    return message


def receipt_email_send(*, receipt_id: int) -> str:
    """Send one receipt; safe to run twice or concurrently."""
    now = timezone.now()
    claimed = (
        ReceiptEmail.objects.filter(pk=receipt_id, state=DeliveryState.PLANNED)
        .filter(Q(retry_at=None) | Q(retry_at__lte=now))
        .update(
            state=DeliveryState.SENDING,
            claimed_at=now,
            handed_at=None,
            attempts=F("attempts") + 1,
            message_id=f"<receipt-{receipt_id}@{mail_host()}>",
        )
    )
    if not claimed:
        return "taken"
    receipt = ReceiptEmail.objects.select_related("order__buyer").get(pk=receipt_id)
    if not can_receive_mail(receipt.order.buyer.email):
        _mark(receipt, state=DeliveryState.SKIPPED, error=UNDELIVERABLE_REASON)
        return "skipped"
    if is_address_bouncing(receipt.order.buyer.email):
        _mark(receipt, state=DeliveryState.SKIPPED, error="The address bounces.")
        return "skipped"
    message = receipt_compose(receipt)
    outcome, error = transmit(message, mark_handed=lambda: _mark(receipt, handed_at=timezone.now()))
    outbox_settle(
        receipt,
        outcome,
        error,
        retry_from=now,
        bounce=lambda reason: address_mark_bouncing(email=receipt.order.buyer.email, reason=reason),
    )
    return outcome.value
