"""All-access subscriptions: started and renewed by the provider's verified webhooks,
cancelled at period end by the subscriber, lapsed when the paid period is over. A lapse
pauses access to the plan's pool; enrolments, completions and badges are never touched."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.membership import audit
from bitewise.membership.models import Plan, Subscription, SubscriptionStatus
from bitewise.membership.payments.provider import payment_provider
from bitewise.membership.services import MembershipError


@transaction.atomic
def subscription_start(
    *, person: User, plan: Plan, provider_ref: str, period_end: datetime
) -> Subscription:
    """Start (or restart, after a lapse) the person's subscription to ``plan``."""
    subscription = Subscription.objects.select_for_update().filter(person=person, plan=plan).first()
    if subscription is None:
        subscription = Subscription.objects.create(
            person=person, plan=plan, provider_ref=provider_ref, current_period_end=period_end
        )
    else:
        subscription.provider_ref = provider_ref
        subscription.current_period_end = period_end
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.cancel_at_period_end = False
        subscription.lapsed_at = None
        subscription.save()
    audit.money_changed(
        by=None,
        target=f"subscription:{subscription.pk}",
        record=provider_ref,
        detail={"outcome": "started", "plan": plan.slug, "period_end": period_end},
    )
    return subscription


@transaction.atomic
def subscription_renew(*, provider_ref: str, period_end: datetime) -> Subscription | None:
    subscription = (
        Subscription.objects.select_for_update().filter(provider_ref=provider_ref).first()
    )
    if subscription is None or period_end <= subscription.current_period_end:
        return subscription  # unknown, or an older invoice arriving late
    subscription.current_period_end = period_end
    subscription.status = SubscriptionStatus.ACTIVE
    subscription.lapsed_at = None
    subscription.save(update_fields=["current_period_end", "status", "lapsed_at"])
    audit.money_changed(
        by=None,
        target=f"subscription:{subscription.pk}",
        record=provider_ref,
        detail={"outcome": "renewed", "period_end": period_end},
    )
    return subscription


def subscription_cancel(*, subscription: Subscription, by: User) -> Subscription:
    """Cancel at the end of the paid period: access lasts until then, nothing renews."""
    if by.pk != subscription.person_id and not by.is_staff_admin:
        raise MembershipError("Only the subscriber or an admin can cancel a subscription.")
    if subscription.cancel_at_period_end:
        return subscription
    # The provider first, outside our transaction: if it refuses, nothing changes here.
    payment_provider().subscription_cancel_at_period_end(subscription_ref=subscription.provider_ref)
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(cancel_at_period_end=True)
        audit.money_changed(
            by=by,
            target=f"subscription:{subscription.pk}",
            record=subscription.provider_ref,
            detail={"outcome": "cancel_at_period_end"},
        )
    subscription.refresh_from_db()
    return subscription


@transaction.atomic
def subscription_lapse(*, subscription: Subscription, reason: str) -> bool:
    lapsed = Subscription.objects.filter(
        pk=subscription.pk, status=SubscriptionStatus.ACTIVE
    ).update(status=SubscriptionStatus.LAPSED, lapsed_at=timezone.now())
    if lapsed:
        audit.access_changed(
            by=None,
            target=f"subscription:{subscription.pk}",
            record=subscription.provider_ref,
            detail={"outcome": "lapsed", "reason": reason},
        )
    return bool(lapsed)


def subscriptions_lapse_due(*, now: datetime | None = None) -> int:
    """The scheduler's entry point: mark subscriptions whose paid period is over. Access
    already stops at ``current_period_end`` without it; this records the lapse."""
    now = now or timezone.now()
    due = Subscription.objects.filter(status=SubscriptionStatus.ACTIVE, current_period_end__lte=now)
    return sum(subscription_lapse(subscription=s, reason="Period ended.") for s in due)
