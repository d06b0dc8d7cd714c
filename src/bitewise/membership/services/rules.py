"""Staff set who may open an item and what it costs, and define all-access plans. Prices
and plans are money: admins only. Every change is audited and bumps the catalog version
(the visitors' cached catalog shows prices) and the access rules' version
(``membership.rule_cache``: every access check reads the rules from the cache)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Model

from bitewise.accounts.models import User
from bitewise.catalog.cache import catalog_changed
from bitewise.catalog.models import MicroCredential
from bitewise.membership import audit
from bitewise.membership.entitlements import KINDS
from bitewise.membership.models import AccessMode, AccessRule, MembershipTier, Plan
from bitewise.membership.rule_cache import rules_changed
from bitewise.membership.services import MembershipError, MembershipForbidden

CURRENCIES = {"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "JPY"}


def money_permission_check(*, by: User | None) -> None:
    """``None`` is the operator at the server (the demo, a command), never a web request."""
    if by is not None and not by.is_staff_admin:
        raise MembershipForbidden("Only an admin can change prices, plans and orders.")


def people_permission_check(*, by: User | None) -> None:
    """Memberships, rosters and tiers are managing people: admins only (docs/security.md,
    "Roles"). ``None`` is the operator at the server or a sign-in applying its own claims."""
    if by is not None and not by.is_staff_admin:
        raise MembershipForbidden("Only an admin can manage members, rosters and tiers.")


def access_permission_check(*, by: User | None) -> None:
    if by is not None and not by.is_staff:
        raise MembershipForbidden("Staff only.")


@transaction.atomic
def access_rule_set(
    *,
    target: Model,
    mode: str,
    by: User | None,
    min_tier: MembershipTier | None = None,
    price: Decimal | None = None,
    member_price: Decimal | None = None,
    currency: str = "USD",
) -> AccessRule:
    """Set the item's rule (creating it). Priced rules need an admin and a price."""
    access_permission_check(by=by)
    if mode not in AccessMode.values:
        raise MembershipError("Choose open, members only or priced.")
    currency = currency.upper()
    if mode == AccessMode.PRICED:
        money_permission_check(by=by)
        if price is None or price < 0 or (member_price is not None and member_price < 0):
            raise MembershipError("A priced item needs a price of 0 or more.")
        if member_price is not None and member_price > price:
            raise MembershipError("The member price cannot be above the non-member price.")
        if currency not in CURRENCIES:
            raise MembershipError(f"Use one of these currencies: {', '.join(sorted(CURRENCIES))}.")
    else:
        price = member_price = None
    kind = KINDS[type(target)]
    rule = AccessRule.objects.select_for_update().filter(**{kind: target}).first()
    before = _values(rule) if rule else {}
    if rule is not None and rule.mode == AccessMode.PRICED and mode != AccessMode.PRICED:
        money_permission_check(by=by)  # taking a price away is a money change too
    rule = rule or AccessRule(**{kind: target})
    rule.mode, rule.min_tier, rule.price, rule.member_price, rule.currency = (
        mode,
        min_tier,
        price,
        member_price,
        currency,
    )
    rule.save()
    after = _values(rule)
    if after != before:
        record = (
            audit.money_changed
            if AccessMode.PRICED in (mode, before.get("mode"))
            else audit.access_changed
        )
        record(
            by=by,
            target=f"rule:{kind}:{target.pk}",
            record=rule.pk,
            detail={
                **{f"before_{k}": v for k, v in before.items()},
                **after,
            },
        )
        catalog_changed()
        rules_changed()
    return rule


def _values(rule: AccessRule) -> dict[str, str]:
    return {
        "mode": rule.mode,
        "min_tier": rule.min_tier.slug if rule.min_tier else "",
        "price": str(rule.price if rule.price is not None else ""),
        "member_price": str(rule.member_price if rule.member_price is not None else ""),
        "currency": rule.currency,
    }


@transaction.atomic
def plan_save(
    *,
    plan: Plan,
    micro_credentials: Iterable[MicroCredential],
    by: User | None,
) -> Plan:
    money_permission_check(by=by)
    if plan.price is None or plan.price < 0:
        raise MembershipError("A plan needs a price of 0 or more.")
    plan.currency = plan.currency.upper()
    if plan.currency not in CURRENCIES:
        raise MembershipError(f"Use one of these currencies: {', '.join(sorted(CURRENCIES))}.")
    is_new = plan.pk is None
    plan.save()
    pool = list(micro_credentials)
    plan.micro_credentials.set(pool)
    audit.money_changed(
        by=by,
        target=f"plan:{plan.slug}",
        record=plan.pk,
        detail={
            "outcome": "created" if is_new else "updated",
            "price": plan.price,
            "currency": plan.currency,
            "interval": plan.interval,
            "is_active": plan.is_active,
            "pool": ",".join(str(mc.pk) for mc in pool),
        },
    )
    catalog_changed()
    return plan


@transaction.atomic
def tier_save(*, slug: str, name: str, rank: int, by: User | None) -> MembershipTier:
    people_permission_check(by=by)
    tier, _ = MembershipTier.objects.update_or_create(
        slug=slug, defaults={"name": name, "rank": rank}
    )
    audit.access_changed(
        by=by, target=f"tier:{slug}", record=tier.pk, detail={"name": name, "rank": rank}
    )
    # A rule names its tier's rank and name (cached), and the catalog shows the name.
    rules_changed()
    catalog_changed()
    return tier
