"""One decision per (item, person): open, included in the person's membership, held
through a purchase, a seat or an all-access subscription, or refused with the reason and
the price to pay instead.

The caller gathers plain facts (the item's rule, the person's membership, grants and
subscriptions) and this module decides; every page, service and API route asks the same
question through ``decide`` so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class Mode(StrEnum):
    OPEN = "open"
    MEMBERS = "members"
    PRICED = "priced"


class Reason(StrEnum):
    OPEN = "open"  # allowed: no rule, or open to all
    STAFF = "staff"  # allowed: staff see everything
    MEMBERSHIP = "membership"  # allowed: included in the membership (tier high enough)
    SUBSCRIPTION = "subscription"  # allowed: in the pool of an active all-access plan
    GRANT = "grant"  # allowed: bought, or a seat from an employer or chapter
    SIGN_IN = "sign_in"  # refused: a visitor must sign in first
    MEMBERS_ONLY = "members_only"  # refused: members only, and not a current member
    TIER = "tier"  # refused: members of a higher tier only
    PRICED = "priced"  # refused until bought (or a member price applies)
    LAPSED = "lapsed"  # refused: the subscription that gave access has ended


@dataclass(frozen=True)
class Rule:
    mode: Mode = Mode.OPEN
    min_tier_rank: int | None = None  # members of this rank or higher (MEMBERS or member price)
    min_tier_name: str = ""
    price: Decimal | None = None  # non-member price (PRICED)
    member_price: Decimal | None = None  # None: members pay the full price; 0: included
    currency: str = "USD"


@dataclass(frozen=True)
class Holder:
    """What is known about the person; ``None`` tier rank means not a current member."""

    is_signed_in: bool = False
    is_staff: bool = False
    tier_rank: int | None = None
    has_grant: bool = False
    in_subscription: bool = False
    had_subscription: bool = False  # a subscription covering the item that has lapsed


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: Reason
    price: Decimal | None = None  # what this person would pay, when they may buy it
    currency: str = ""
    list_price: Decimal | None = None  # the non-member price of a priced item ("otherwise")
    # What this person would pay for a priced item without their plan or grant (a member: the
    # member price): "In your all-access plan · otherwise 19 USD".
    own_price: Decimal | None = None

    @property
    def is_included(self) -> bool:
        """Part of the person's membership or subscription (not open to all, not bought)."""
        return self.reason in (Reason.MEMBERSHIP, Reason.SUBSCRIPTION)


def is_member_of(rule: Rule, tier_rank: int | None) -> bool:
    if tier_rank is None:
        return False
    return rule.min_tier_rank is None or tier_rank >= rule.min_tier_rank


def price_for(rule: Rule, holder: Holder) -> Decimal | None:
    """What the person pays for a priced item: the member price when it applies to them."""
    if rule.mode is not Mode.PRICED:
        return None
    if rule.member_price is not None and is_member_of(rule, holder.tier_rank):
        return rule.member_price
    return rule.price


def decide(rule: Rule | None, holder: Holder) -> Decision:
    decision = _decide(rule, holder)
    if rule is not None and rule.mode is Mode.PRICED:
        own = price_for(rule, holder)
        return replace(decision, list_price=rule.price, currency=rule.currency, own_price=own)
    return decision


def _decide(rule: Rule | None, holder: Holder) -> Decision:
    if rule is None or rule.mode is Mode.OPEN:
        return Decision(True, Reason.OPEN)
    if holder.is_staff:
        return Decision(True, Reason.STAFF)
    if holder.has_grant:
        return Decision(True, Reason.GRANT)
    if holder.in_subscription:
        return Decision(True, Reason.SUBSCRIPTION)
    member = is_member_of(rule, holder.tier_rank)
    if rule.mode is Mode.MEMBERS:
        if member:
            return Decision(True, Reason.MEMBERSHIP)
        if holder.had_subscription:
            return Decision(False, Reason.LAPSED)
        if not holder.is_signed_in:
            return Decision(False, Reason.SIGN_IN)
        if holder.tier_rank is not None:
            return Decision(False, Reason.TIER)
        return Decision(False, Reason.MEMBERS_ONLY)
    price = price_for(rule, holder)
    if price is not None and price <= 0:
        return Decision(True, Reason.MEMBERSHIP)
    reason = Reason.LAPSED if holder.had_subscription else Reason.PRICED
    return Decision(False, reason, price, rule.currency)


MESSAGES = {
    Reason.SIGN_IN: "Log in to see whether your membership includes this.",
    Reason.MEMBERS_ONLY: "This is for members of the association only.",
    Reason.TIER: "This is for members of a higher membership tier.",
    Reason.PRICED: "This is sold separately: buy it to start.",
    Reason.LAPSED: "Your subscription has ended: renew it to carry on. Your progress is kept.",
}


def refusal_message(decision: Decision) -> str:
    return MESSAGES.get(decision.reason, "")


def is_current(*, status_active: bool, expires_at: datetime | None, now: datetime) -> bool:
    """A membership or subscription counts while active and not past its end."""
    return status_active and (expires_at is None or expires_at > now)
