"""Demo membership: two tiers, the demo learner as a member, one members-only and one
priced micro-credential, an annual all-access plan and a chapter's seats. Payments in the
demo go to whatever BITEWISE_STRIPE_API_BASE names (the local Stripe stand-in, see
docs/membership.md); nothing here calls it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential
from bitewise.membership.models import Interval, Plan, SeatPool
from bitewise.membership.services.members import membership_set
from bitewise.membership.services.rules import access_rule_set, plan_save, tier_save
from bitewise.membership.services.seats import seat_pool_create

MEMBERS_ONLY = "revenue-recognition-essentials"
PRICED = "clean-month-end-close"
PLAN = "all-access-annual"


def load_membership(*, learner: User, micro_credentials: dict[str, MicroCredential]) -> None:
    """Create what is missing; safe to run again."""
    member = tier_save(slug="member", name="Member", rank=10, by=None)
    tier_save(slug="fellow", name="Fellow", rank=20, by=None)
    membership_set(
        person=learner,
        tier=member,
        expires_on=timezone.localdate() + timedelta(days=365),
        source="roster",
        member_id="DEMO-0001",
        by=None,
    )
    if MEMBERS_ONLY in micro_credentials:
        access_rule_set(target=micro_credentials[MEMBERS_ONLY], mode="members", by=None)
    if PRICED in micro_credentials:
        access_rule_set(
            target=micro_credentials[PRICED],
            mode="priced",
            price=Decimal("39.00"),
            member_price=Decimal("19.00"),
            currency="USD",
            by=None,
        )
    plan = Plan.objects.filter(slug=PLAN).first() or Plan(
        slug=PLAN, name="All access, annual", interval=Interval.YEAR, price=Decimal("120.00")
    )
    plan = plan_save(plan=plan, micro_credentials=micro_credentials.values(), by=None)
    if not SeatPool.objects.filter(plan=plan, name="Northern chapter").exists():
        seat_pool_create(
            name="Northern chapter",
            quantity=10,
            plan=plan,
            ends_at=timezone.now() + timedelta(days=365),
            by=None,
        )
