"""Membership API: a learner's own entitlements; for another system (a staff-scoped
token), a person's entitlements and member provisioning from its roster."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from bitewise.accounts.api_auth import AUTH, STAFF_AUTH, Error
from bitewise.accounts.audit import personal_data_read
from bitewise.accounts.models import User
from bitewise.engines.access.roster import RosterError
from bitewise.membership import selectors
from bitewise.membership.models import Membership, Subscription
from bitewise.membership.services import MembershipForbidden
from bitewise.membership.services.roster import roster_import_rows

router = Router(tags=["membership"])


class MemberStatusOut(Schema):
    member_id: str
    tier: str | None
    status: str
    expires_on: date | None
    is_current: bool


class PlanSubscriptionOut(Schema):
    plan: str
    status: str
    current_period_end: datetime
    cancel_at_period_end: bool


class ItemAccessOut(Schema):
    kind: str
    id: str
    title: str
    allowed: bool
    reason: str = Field(description="open, staff, membership, subscription, grant, or why not")
    price: str | None = Field(description="What this person would pay; null when not for sale")
    list_price: str | None = Field(description="The non-member price of a priced item")
    currency: str


class EntitlementsOut(Schema):
    person_id: int
    email: str
    membership: MemberStatusOut | None
    subscriptions: list[PlanSubscriptionOut]
    items: list[ItemAccessOut] = Field(
        description="Every item that is not open to all and that the person may see"
    )


class LookupIn(Schema):
    email: str = Field(default="", max_length=254)
    member_id: str = Field(default="", max_length=64)


class MemberIn(Schema):
    member_id: str = Field(default="", max_length=64)
    email: str = Field(..., max_length=254)
    tier: str = Field(default="", max_length=64, description="A tier's slug or name")
    expires: str = Field(default="", max_length=10, description="YYYY-MM-DD; empty: no end")


class MembersIn(Schema):
    rows: list[MemberIn] = Field(..., min_length=1, max_length=10_000)


class RowOut(Schema):
    row: int
    member_id: str
    email: str
    outcome: str = Field(description="created, updated, unchanged, expired or refused")
    reason: str


class RosterOut(Schema):
    id: int
    total: int
    counts: dict[str, int]
    rows: list[RowOut]


def _entitlements(person: User) -> dict[str, Any]:
    membership = Membership.objects.filter(person=person).select_related("tier").first()
    from django.utils import timezone

    return {
        "person_id": person.pk,
        "email": person.email,
        "membership": None
        if membership is None
        else {
            "member_id": membership.member_id,
            "tier": membership.tier.slug if membership.tier else None,
            "status": membership.status,
            "expires_on": membership.expires_on,
            "is_current": membership.is_current_on(timezone.localdate()),
        },
        "subscriptions": [
            {
                "plan": s.plan.slug,
                "status": s.status,
                "current_period_end": s.current_period_end,
                "cancel_at_period_end": s.cancel_at_period_end,
            }
            for s in Subscription.objects.filter(person=person).select_related("plan")
        ],
        "items": selectors.item_access_list(person=person),
    }


@router.get("/membership/me/entitlements", response=EntitlementsOut, auth=AUTH)
def my_entitlements(request: HttpRequest) -> Any:
    """Your membership, subscriptions and what you may open of every item not open to all."""
    assert isinstance(request.user, User)
    return _entitlements(request.user)


@router.get(
    "/membership/entitlements",
    response={200: EntitlementsOut, 403: Error, 404: Error},
    auth=STAFF_AUTH,
)
def person_entitlements(request: HttpRequest, lookup: Query[LookupIn]) -> Any:
    """A person's entitlements, found by email or by the association's member id."""
    person = selectors.person_for_lookup(email=lookup.email, member_id=lookup.member_id)
    personal_data_read(request, target="api:membership.entitlements", record=person.pk)
    return _entitlements(person)


@router.post(
    "/membership/members", response={200: RosterOut, 400: Error, 403: Error}, auth=STAFF_AUTH
)
def provision_members(request: HttpRequest, payload: MembersIn) -> Any:
    """Create, update or expire memberships from the association's roster, idempotently:
    the same rows again report "unchanged". Every row is reported."""
    assert isinstance(request.user, User)
    try:
        result = roster_import_rows(by=request.user, rows=[r.dict() for r in payload.rows])
    except RosterError as exc:
        return Status(400, {"detail": str(exc)})
    except MembershipForbidden as exc:  # an author's token: managing people is for admins
        return Status(403, {"detail": str(exc)})
    return {"id": result.pk, "total": result.total, "counts": result.counts, "rows": result.report}
