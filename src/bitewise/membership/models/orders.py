"""Orders paid through the payment provider, the webhook events that fulfil them (one row
per provider event id: a replay is recognised), and the receipt email of each paid order."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from bitewise.membership.models.access import AccessRule
from bitewise.membership.models.plans import Plan


class OrderKind(models.TextChoices):
    ITEM = "item", "One item"
    SUBSCRIPTION = "subscription", "All-access subscription"
    SEATS = "seats", "Group seats"


class OrderStatus(models.TextChoices):
    PENDING = "pending", "Waiting for payment"
    PAID = "paid", "Paid"
    REFUNDED = "refunded", "Refunded"
    DISPUTED = "disputed", "Disputed"
    EXPIRED = "expired", "Checkout expired"


class Order(models.Model):
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    kind = models.CharField(max_length=12, choices=OrderKind.choices)
    rule = models.ForeignKey(
        AccessRule, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="orders"
    )
    seats = models.PositiveIntegerField(default=0)
    seat_pool_name = models.CharField(max_length=200, blank=True)
    description = models.CharField(max_length=250)
    amount = models.DecimalField(max_digits=11, decimal_places=2)
    currency = models.CharField(max_length=3)
    status = models.CharField(
        max_length=9, choices=OrderStatus.choices, default=OrderStatus.PENDING
    )
    checkout_session = models.CharField(max_length=120, unique=True, null=True, blank=True)
    payment_ref = models.CharField(max_length=120, blank=True, db_index=True)  # payment intent
    subscription_ref = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.description} · {self.amount} {self.currency} · {self.status}"


class WebhookEvent(models.Model):
    """A verified provider event, recorded before it is acted on; its id is the "once"."""

    event_id = models.CharField(max_length=120, unique=True)
    type = models.CharField(max_length=80)
    received_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


class ReceiptEmail(models.Model):
    """The receipt of a paid order, sent through the outbox like the badge email (claim,
    hand over, transmit; decision record 0003). One per order."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="receipt")
    state = models.CharField(max_length=8, default="planned")  # DeliveryState values
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    handed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"{self.order_id} · {self.state}"
