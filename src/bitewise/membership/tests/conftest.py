"""The local Stripe stand-in (not Stripe: see payments/stripe_standin.py), started on
127.0.0.1 for a test, with the API base pointed at it; and delivery of what it sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from bitewise.membership.payments.stripe_standin import SentEvent, StripeStandIn


@pytest.fixture
def stripe_standin(settings: Any) -> Iterator[StripeStandIn]:
    standin = StripeStandIn(webhook_secret=settings.BITEWISE_STRIPE_WEBHOOK_SECRET)
    settings.BITEWISE_STRIPE_API_BASE = standin.start()
    yield standin
    standin.stop()


def deliver(client: Client, sent: SentEvent, *, header: str | None = None) -> Any:
    """POST a stand-in event to our webhook, as Stripe would."""
    return client.post(
        "/membership/stripe/webhook",
        data=sent.payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sent.header if header is None else header,
    )
