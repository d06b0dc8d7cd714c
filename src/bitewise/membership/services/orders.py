"""Orders: a hosted checkout is started here, and fulfilled only by the provider's
signature-verified webhooks (``webhooks.py``). A refund or a dispute ends exactly the
access its order granted: the item's grant, the seat pool, or the subscription."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.membership import audit
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import (
    AccessGrant,
    AccessMode,
    AccessRule,
    GrantSource,
    Interval,
    Order,
    OrderKind,
    OrderStatus,
    Plan,
    SeatPool,
    Subscription,
)
from bitewise.membership.payments.provider import CheckoutRequest, ProviderError, payment_provider
from bitewise.membership.services import MembershipError
from bitewise.membership.services.receipts import receipt_plan
from bitewise.membership.services.seats import seat_pool_create, seat_pool_end
from bitewise.membership.services.subscriptions import subscription_lapse, subscription_start

MAX_SEATS = 1000
PERIOD = {Interval.MONTH: timedelta(days=31), Interval.YEAR: timedelta(days=366)}


def _title(rule: AccessRule) -> str:
    return str(getattr(rule.target, "title", "")) or "Access"


def checkout_start(
    *,
    buyer: User,
    success_url: str,
    cancel_url: str,
    rule: AccessRule | None = None,
    plan: Plan | None = None,
    seats: int = 0,
    seat_pool_name: str = "",
) -> Order:
    """Create a pending order and the provider's hosted checkout for it (``order.checkout_url``
    is where the buyer goes; ``{ORDER}`` in ``success_url`` becomes the order's reference).
    Nothing is granted here."""
    interval = ""
    if seats:
        if not 1 <= seats <= MAX_SEATS:
            raise MembershipError(f"Buy between 1 and {MAX_SEATS} seats at once.")
        if not seat_pool_name.strip():
            raise MembershipError("Name the employer or chapter the seats are for.")
        kind = OrderKind.SEATS
    elif plan is not None:
        kind = OrderKind.SUBSCRIPTION
    else:
        kind = OrderKind.ITEM
    if plan is not None:
        if not plan.is_active:
            raise MembershipError("This plan is no longer offered.")
        unit, currency, description = plan.price, plan.currency, plan.name
        interval = "" if seats else plan.interval
    elif rule is not None and rule.mode == AccessMode.PRICED and rule.price is not None:
        decision = decision_for(person=buyer, target=rule.target)
        if kind == OrderKind.ITEM and decision.allowed:
            raise MembershipError("You already have access to this.")
        unit = rule.price if seats else (decision.price or rule.price)
        currency, description = rule.currency, _title(rule)
    else:
        raise MembershipError("This is not for sale.")
    if seats:
        description = f"{seats} seats: {description} ({seat_pool_name.strip()[:80]})"
    order = Order.objects.create(
        buyer=buyer,
        kind=kind,
        rule=rule,
        plan=plan,
        seats=seats,
        seat_pool_name=seat_pool_name.strip()[:200],
        description=description[:250],
        amount=unit * max(seats, 1),
        currency=currency,
    )
    try:
        session = payment_provider().checkout_create(
            CheckoutRequest(
                reference=str(order.reference),
                description=description,
                unit_amount=unit,
                currency=currency,
                quantity=max(seats, 1),
                customer_email=buyer.email,
                success_url=success_url.replace("{ORDER}", str(order.reference)),
                cancel_url=cancel_url,
                interval=interval,
            )
        )
    except ProviderError:
        Order.objects.filter(pk=order.pk).update(status=OrderStatus.EXPIRED)
        raise
    Order.objects.filter(pk=order.pk).update(checkout_session=session.id)
    order.checkout_session = session.id
    order.checkout_url = session.url  # type: ignore[attr-defined]
    return order


def order_fulfil(*, order: Order, payment_ref: str, subscription_ref: str) -> str:
    """Mark the order paid and grant what it bought; runs in the webhook's transaction.
    The conditional update is the "once": a second delivery finds it paid already."""
    now = timezone.now()
    paid = Order.objects.filter(pk=order.pk, status=OrderStatus.PENDING).update(
        status=OrderStatus.PAID,
        paid_at=now,
        payment_ref=payment_ref,
        subscription_ref=subscription_ref,
    )
    if not paid:
        return f"order already {order.status}"
    order.refresh_from_db()
    if order.kind == OrderKind.ITEM:
        assert order.rule is not None
        AccessGrant.objects.create(
            person=order.buyer, rule=order.rule, source=GrantSource.PURCHASE, order=order
        )
    elif order.kind == OrderKind.SUBSCRIPTION:
        assert order.plan is not None
        subscription_start(
            person=order.buyer,
            plan=order.plan,
            provider_ref=subscription_ref or f"order:{order.reference}",
            period_end=now + PERIOD[Interval(order.plan.interval)],
        )
    else:
        seat_pool_create(
            name=order.seat_pool_name,
            quantity=order.seats,
            rule=order.rule,
            plan=order.plan,
            ends_at=now + timedelta(days=366) if order.plan else None,
            order=order,
            by=order.buyer,
        )
    audit.money_changed(
        by=None,
        target=f"order:{order.pk}",
        record=order.reference,
        detail={"outcome": "paid", "amount": order.amount, "currency": order.currency},
    )
    receipt_plan(order=order)
    return "fulfilled"


def order_end(*, order: Order, status: str, reason: str) -> str:
    """A refund or a dispute: end the access this order gave (never badges or progress)."""
    ended = Order.objects.filter(pk=order.pk, status=OrderStatus.PAID).update(
        status=status, ended_at=timezone.now()
    )
    if not ended:
        return f"order already {order.status}"
    AccessGrant.objects.filter(order=order, ended_at=None).update(
        ended_at=timezone.now(), ended_reason=reason[:200]
    )
    pool = SeatPool.objects.filter(order=order).first()
    if pool is not None:
        seat_pool_end(pool=pool, reason=reason, by=None)
    if order.subscription_ref:
        subscription = Subscription.objects.filter(provider_ref=order.subscription_ref).first()
        if subscription is not None:
            subscription_lapse(subscription=subscription, reason=reason)
    audit.money_changed(
        by=None,
        target=f"order:{order.pk}",
        record=order.reference,
        detail={"outcome": status, "reason": reason},
    )
    return status


def order_refund(*, order: Order, by: User) -> str:
    """An admin asks the provider to refund; access ends when its webhook confirms it."""
    if not by.is_staff_admin:
        raise MembershipError("Only an admin can refund an order.")
    if order.status != OrderStatus.PAID or not order.payment_ref:
        raise MembershipError("Only a paid one-off payment can be refunded here.")
    refund_ref = payment_provider().refund(payment_ref=order.payment_ref)
    with transaction.atomic():
        audit.money_changed(
            by=by,
            target=f"order:{order.pk}",
            record=order.reference,
            detail={"outcome": "refund_requested", "refund": refund_ref, "amount": order.amount},
        )
    return refund_ref


def amount_matches(order: Order, amount_total: object) -> bool:
    from bitewise.membership.payments.provider import minor_units

    try:
        return int(str(amount_total)) == minor_units(Decimal(order.amount), order.currency)
    except ValueError:
        return False
