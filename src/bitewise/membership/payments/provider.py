"""The payment provider behind one small interface: start a hosted checkout, refund a
payment, cancel a subscription at the end of its period, and verify a webhook's signature.
Stripe (``stripe_provider.py``) is the one shipped; ``settings.BITEWISE_PAYMENT_PROVIDER``
names the class."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class ProviderError(Exception):
    """The provider could not be reached or refused the request."""


class BadSignature(Exception):
    """A webhook whose signature does not verify (forged, altered, stale, wrong secret)."""


@dataclass(frozen=True)
class CheckoutRequest:
    reference: str  # our order's reference, echoed back in the webhook
    description: str
    unit_amount: Decimal
    currency: str
    quantity: int
    customer_email: str
    success_url: str
    cancel_url: str
    interval: str = ""  # "month" / "year" for a subscription; "" for a one-off payment


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


class PaymentProvider(Protocol):
    def checkout_create(self, request: CheckoutRequest) -> CheckoutSession: ...

    def refund(self, *, payment_ref: str) -> str: ...

    def subscription_cancel_at_period_end(self, *, subscription_ref: str) -> None: ...

    def event_verify(self, *, payload: bytes, signature: str) -> dict[str, Any]: ...


def payment_provider() -> PaymentProvider:
    provider: PaymentProvider = import_string(settings.BITEWISE_PAYMENT_PROVIDER)()
    return provider


def minor_units(amount: Decimal, currency: str) -> int:
    """Stripe amounts are integers in the currency's smallest unit (cents); a few
    currencies have none (https://docs.stripe.com/currencies#zero-decimal)."""
    zero_decimal = {"JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF"}
    factor = 1 if currency.upper() in zero_decimal else 100
    return int((amount * factor).to_integral_value())
