from __future__ import annotations

from decimal import Decimal

import pytest

from bitewise.engines.access.rules import Decision, Holder, Mode, Reason, Rule, decide, price_for

GOLD = 20
SILVER = 10
PRICED = Rule(Mode.PRICED, price=Decimal("49"), member_price=Decimal("19"), currency="EUR")
MEMBERS_GOLD = Rule(Mode.MEMBERS, min_tier_rank=GOLD, min_tier_name="Gold")


@pytest.mark.parametrize(
    ("rule", "holder", "expected"),
    [
        (None, Holder(), Decision(True, Reason.OPEN)),
        (Rule(Mode.OPEN), Holder(), Decision(True, Reason.OPEN)),
        (Rule(Mode.MEMBERS), Holder(), Decision(False, Reason.SIGN_IN)),
        (Rule(Mode.MEMBERS), Holder(is_signed_in=True), Decision(False, Reason.MEMBERS_ONLY)),
        (Rule(Mode.MEMBERS), Holder(True, tier_rank=0), Decision(True, Reason.MEMBERSHIP)),
        (MEMBERS_GOLD, Holder(True, tier_rank=SILVER), Decision(False, Reason.TIER)),
        (MEMBERS_GOLD, Holder(True, tier_rank=GOLD), Decision(True, Reason.MEMBERSHIP)),
        (MEMBERS_GOLD, Holder(True, is_staff=True), Decision(True, Reason.STAFF)),
        (
            PRICED,
            Holder(True),
            Decision(False, Reason.PRICED, Decimal("49"), "EUR"),
        ),
        (
            PRICED,
            Holder(True, tier_rank=SILVER),
            Decision(False, Reason.PRICED, Decimal("19"), "EUR"),
        ),
        (PRICED, Holder(True, has_grant=True), Decision(True, Reason.GRANT)),
        (PRICED, Holder(True, in_subscription=True), Decision(True, Reason.SUBSCRIPTION)),
        (
            PRICED,
            Holder(True, had_subscription=True),
            Decision(False, Reason.LAPSED, Decimal("49"), "EUR"),
        ),
        (
            Rule(Mode.PRICED, price=Decimal("49"), member_price=Decimal("0")),
            Holder(True, tier_rank=SILVER),
            Decision(True, Reason.MEMBERSHIP),
        ),
    ],
    ids=[
        "no-rule",
        "open",
        "members-visitor",
        "members-non-member",
        "members-member",
        "tier-too-low",
        "tier-enough",
        "staff",
        "priced-non-member",
        "priced-member-price",
        "priced-bought",
        "priced-subscribed",
        "priced-lapsed",
        "member-price-zero-is-included",
    ],
)
def test_decide(rule: Rule | None, holder: Holder, expected: Decision) -> None:
    decision = decide(rule, holder)
    assert (decision.allowed, decision.reason, decision.price) == (
        expected.allowed,
        expected.reason,
        expected.price,
    )
    if expected.price is not None:
        assert decision.currency == expected.currency


def test_a_priced_item_says_what_it_costs_otherwise_even_when_included() -> None:
    decision = decide(PRICED, Holder(True, in_subscription=True))
    assert decision.allowed
    assert (decision.list_price, decision.currency) == (Decimal("49"), "EUR")


def test_member_price_needs_the_rules_tier() -> None:
    rule = Rule(Mode.PRICED, min_tier_rank=GOLD, price=Decimal(50), member_price=Decimal(10))
    assert price_for(rule, Holder(tier_rank=SILVER)) == Decimal(50)
    assert price_for(rule, Holder(tier_rank=GOLD)) == Decimal(10)


def test_only_membership_and_subscription_count_as_included() -> None:
    assert Decision(True, Reason.MEMBERSHIP).is_included
    assert Decision(True, Reason.SUBSCRIPTION).is_included
    assert not Decision(True, Reason.GRANT).is_included
    assert not Decision(True, Reason.OPEN).is_included


def test_a_plan_holder_is_told_their_own_price_otherwise() -> None:
    member = decide(PRICED, Holder(True, tier_rank=SILVER, in_subscription=True))
    outsider = decide(PRICED, Holder(True, in_subscription=True))

    assert member.reason is Reason.SUBSCRIPTION and member.own_price == Decimal("19")
    assert outsider.own_price == Decimal("49")
    assert member.list_price == outsider.list_price == Decimal("49")
