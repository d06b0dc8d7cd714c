"""Builders for membership tests, made through the services."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from django.db.models import Model

from bitewise.accounts.models import User
from bitewise.membership.models import AccessRule, MembershipTier, Plan
from bitewise.membership.services.members import membership_set
from bitewise.membership.services.rules import access_rule_set, plan_save, tier_save

_seq = itertools.count(1)


def make_tier(name: str = "Gold", rank: int = 20) -> MembershipTier:
    return tier_save(slug=name.lower(), name=name, rank=rank, by=None)


def make_member(
    person: User, *, tier: MembershipTier | None = None, expires_on: date | None = None
) -> None:
    membership_set(person=person, tier=tier, expires_on=expires_on, source="staff", by=None)


def members_only(target: Model, *, tier: MembershipTier | None = None) -> AccessRule:
    return access_rule_set(target=target, mode="members", min_tier=tier, by=None)


def priced(
    target: Model, price: str = "49.00", member_price: str | None = "19.00", currency: str = "USD"
) -> AccessRule:
    return access_rule_set(
        target=target,
        mode="priced",
        price=Decimal(price),
        member_price=Decimal(member_price) if member_price is not None else None,
        currency=currency,
        by=None,
    )


def make_plan(*micro_credentials: Model, interval: str = "month", price: str = "15") -> Plan:
    n = next(_seq)
    return plan_save(
        plan=Plan(
            slug=f"all-access-{n}", name=f"All access {n}", interval=interval, price=Decimal(price)
        ),
        micro_credentials=micro_credentials,  # type: ignore[arg-type]
        by=None,
    )
