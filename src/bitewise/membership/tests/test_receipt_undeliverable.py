"""A receipt is never mailed to an address that can never receive mail (an LTI launch's
``…@lti.invalid`` placeholder): the row is made skipped with the reason, nothing queued."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from bitewise.accounts.models import User
from bitewise.common.mail_addresses import UNDELIVERABLE_REASON
from bitewise.membership.models import Order, OrderKind, OrderStatus
from bitewise.membership.services.receipts import (
    receipt_email_send,
    receipt_emails_send_due,
    receipt_plan,
)
from bitewise.reinforcement.models import DeliveryState
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def paid_order(email: str) -> Order:
    return Order.objects.create(
        buyer=make_user(email=email),
        kind=OrderKind.ITEM,
        description="Medication safety",
        amount=Decimal("49.00"),
        currency="USD",
        status=OrderStatus.PAID,
    )


def test_a_placeholder_buyer_gets_no_receipt_and_the_row_says_why(
    django_capture_on_commit_callbacks: Any,
) -> None:
    placeholder, ordinary = paid_order("lti-1-0f1e2d3c4b@lti.invalid"), paid_order("a@example.org")

    with django_capture_on_commit_callbacks(execute=True) as queued:
        skipped = receipt_plan(order=placeholder)
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        sent = receipt_plan(order=ordinary)

    assert (skipped.state, skipped.error) == (DeliveryState.SKIPPED, UNDELIVERABLE_REASON)
    assert receipt_email_send(receipt_id=skipped.pk) == "taken"
    assert receipt_emails_send_due() == 0
    sent.refresh_from_db()
    assert sent.state == DeliveryState.SENT
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


def test_a_receipt_still_planned_for_a_placeholder_address_is_skipped_at_sending(
    django_capture_on_commit_callbacks: Any,
) -> None:
    order = paid_order("a@example.org")
    with django_capture_on_commit_callbacks(execute=False):
        receipt = receipt_plan(order=order)
    User.objects.filter(pk=order.buyer_id).update(email="lti-1-0f1e2d3c4b@lti.invalid")

    assert receipt_email_send(receipt_id=receipt.pk) == "skipped"

    receipt.refresh_from_db()
    assert (receipt.state, receipt.error, receipt.handed_at) == (
        DeliveryState.SKIPPED,
        UNDELIVERABLE_REASON,
        None,
    )
    assert mail.outbox == []
