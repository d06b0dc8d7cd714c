"""Create, update and expire memberships (from a roster, the API, staff or single sign-on)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.membership import audit
from bitewise.membership.models import (
    Membership,
    MembershipSource,
    MembershipStatus,
    MembershipTier,
)
from bitewise.membership.services import MembershipError
from bitewise.membership.services.rules import people_permission_check


@dataclass(frozen=True)
class MembershipChange:
    membership: Membership
    outcome: str  # "created", "updated", "unchanged" or "expired"


def tier_for(name: str) -> MembershipTier | None:
    """The tier named by slug or name (case-insensitive); None for an empty name."""
    if not name:
        return None
    tier = (
        MembershipTier.objects.filter(slug__iexact=name).first()
        or MembershipTier.objects.filter(name__iexact=name).first()
    )
    if tier is None:
        raise MembershipError(f"No membership tier called “{name[:64]}”.")
    return tier


@transaction.atomic
def membership_set(
    *,
    person: User,
    tier: MembershipTier | None,
    expires_on: date | None,
    source: str,
    member_id: str = "",
    by: User | None,
) -> MembershipChange:
    """Make the person's membership say this; idempotent (the same values again change
    nothing and audit nothing). An end date in the past expires it."""
    people_permission_check(by=by)
    if source not in MembershipSource.values:
        raise MembershipError("Unknown membership source.")
    if member_id:
        holder = Membership.objects.filter(member_id=member_id).exclude(person=person).first()
        if holder is not None:
            raise MembershipError(f"Member id {member_id} belongs to another person.")
    status = MembershipStatus.ACTIVE
    if expires_on is not None and expires_on < timezone.localdate():
        status = MembershipStatus.EXPIRED
    membership = Membership.objects.select_for_update().filter(person=person).first()
    wanted = {
        "tier_id": tier.pk if tier else None,
        "expires_on": expires_on,
        "status": status,
        "member_id": member_id or (membership.member_id if membership else ""),
    }
    if membership is None:
        membership = Membership.objects.create(person=person, source=source, **wanted)
        outcome = "created" if status == MembershipStatus.ACTIVE else "expired"
    else:
        changed = {k: v for k, v in wanted.items() if getattr(membership, k) != v}
        if not changed:
            return MembershipChange(membership, "unchanged")
        for key, value in {**changed, "source": source}.items():
            setattr(membership, key, value)
        membership.save(update_fields=[*changed, "source", "updated_at"])
        outcome = "expired" if changed.get("status") == MembershipStatus.EXPIRED else "updated"
    audit.access_changed(
        by=by,
        target=f"membership:{person.pk}",
        record=membership.pk,
        detail={
            "outcome": outcome,
            "tier": tier.slug if tier else "",
            "expires_on": expires_on,
            "status": status,
            "source": source,
        },
    )
    return MembershipChange(membership, outcome)


@transaction.atomic
def membership_end(*, membership: Membership, by: User | None) -> Membership:
    people_permission_check(by=by)
    if membership.status != MembershipStatus.CANCELLED:
        membership.status = MembershipStatus.CANCELLED
        membership.save(update_fields=["status", "updated_at"])
        audit.access_changed(
            by=by,
            target=f"membership:{membership.person_id}",
            record=membership.pk,
            detail={"outcome": "cancelled"},
        )
    return membership
