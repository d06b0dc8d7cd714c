"""Group seats: a pool of N seats for one item or plan, taken with the enrolment code or
by someone on the pool's email list. Taking a seat is one conditional UPDATE
(``used < quantity``) plus a unique (pool, person) row in one transaction, so under any
number of concurrent requests each seat is counted exactly once and never oversold.

Seats are access given away, so giving them is checked here, whatever the entry point (the
staff page, the admin, the API, a command): staff only, and an admin only when the seats
give a plan or a priced item, or belong to a paid pool; those changes are audited as money.
A pool that a paid order bought is made for its buyer: the payment is the permission."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.membership import audit
from bitewise.membership.models import (
    AccessGrant,
    AccessMode,
    AccessRule,
    GrantSource,
    Order,
    OrderKind,
    OrderStatus,
    Plan,
    SeatAssignment,
    SeatInvite,
    SeatPool,
)
from bitewise.membership.services import MembershipError
from bitewise.membership.services.rules import access_permission_check, money_permission_check

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand


def new_code() -> str:
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))


def _is_money(*, rule: AccessRule | None, plan: Plan | None, order: Order | None) -> bool:
    """Seats that give a plan or a priced item, or that someone paid for."""
    return (
        plan is not None
        or order is not None
        or (rule is not None and rule.mode == AccessMode.PRICED)
    )


def _pool_is_money(pool: SeatPool) -> bool:
    if pool.plan_id is not None or pool.order_id is not None:
        return True
    return pool.rule is not None and pool.rule.mode == AccessMode.PRICED


def seat_permission_check(*, by: User | None, money: bool) -> None:
    """Staff give and withdraw seats; seats that are money need an admin."""
    access_permission_check(by=by)
    if money:
        money_permission_check(by=by)


def _bought_by(
    *,
    order: Order | None,
    rule: AccessRule | None,
    plan: Plan | None,
    quantity: int,
    by: User | None,
) -> bool:
    """The pool is exactly what a paid seats order bought, made once, for its buyer."""
    return (
        order is not None
        and order.status == OrderStatus.PAID
        and order.kind == OrderKind.SEATS
        and order.rule_id == (rule.pk if rule else None)
        and order.plan_id == (plan.pk if plan else None)
        and order.seats == quantity
        and (by is None or by.pk == order.buyer_id)
        and not SeatPool.objects.filter(order=order).exists()
    )


def _audit(pool: SeatPool) -> Callable[..., None]:
    return audit.money_changed if _pool_is_money(pool) else audit.access_changed


@transaction.atomic
def seat_pool_create(
    *,
    name: str,
    quantity: int,
    rule: AccessRule | None = None,
    plan: Plan | None = None,
    ends_at: datetime | None = None,
    order: Order | None = None,
    by: User | None,
) -> SeatPool:
    if quantity < 1:
        raise MembershipError("A seat pool needs at least one seat.")
    if (rule is None) == (plan is None):
        raise MembershipError("Seats are for one item or one plan.")
    if not _bought_by(order=order, rule=rule, plan=plan, quantity=quantity, by=by):
        if order is not None:
            raise MembershipError("Seats for an order are made when it is paid, once.")
        seat_permission_check(by=by, money=_is_money(rule=rule, plan=plan, order=order))
    pool = SeatPool.objects.create(
        name=name[:200],
        quantity=quantity,
        rule=rule,
        plan=plan,
        ends_at=ends_at,
        order=order,
        code=new_code(),
        created_by=by,
    )
    _audit(pool)(
        by=by,
        target=f"seats:{pool.pk}",
        record=pool.pk,
        detail={
            "outcome": "created",
            "name": pool.name,
            "quantity": quantity,
            "plan": plan.slug if plan else "",
            "rule": rule.pk if rule else "",
            "order": order.reference if order else "",
        },
    )
    return pool


@transaction.atomic
def seat_invites_add(*, pool: SeatPool, emails: Iterable[str], by: User | None) -> int:
    seat_permission_check(by=by, money=_pool_is_money(pool))
    fresh = {e.strip().lower() for e in emails if "@" in e}
    existing = set(pool.invites.values_list("email", flat=True))
    SeatInvite.objects.bulk_create(
        [SeatInvite(pool=pool, email=email) for email in sorted(fresh - existing)],
        ignore_conflicts=True,
    )
    _audit(pool)(
        by=by,
        target=f"seats:{pool.pk}",
        record=pool.pk,
        detail={"outcome": "invited", "count": len(fresh - existing)},
    )
    return len(fresh - existing)


def seat_pool_for_code(code: str) -> SeatPool:
    pool = SeatPool.objects.filter(code=code.strip().upper()).first()
    if pool is None:
        raise MembershipError(
            "That enrolment code is not valid. Check it with whoever gave it to you."
        )
    return pool


def seat_take(*, pool: SeatPool, person: User, code: str = "") -> SeatAssignment:
    """Give ``person`` one seat of ``pool``: with the pool's code, or when their address
    is on its email list. Taking it again returns the seat they have."""
    if (
        code.strip().upper() != pool.code
        and not pool.invites.filter(email__iexact=person.email).exists()
    ):
        raise MembershipError("Your address is not on this group's list; use the enrolment code.")
    held = SeatAssignment.objects.filter(pool=pool, person=person).first()
    if held is not None:
        return held
    now = timezone.now()
    if pool.ended_at is not None or (pool.ends_at is not None and pool.ends_at <= now):
        raise MembershipError("These seats have ended.")
    try:
        with transaction.atomic():
            assignment = SeatAssignment.objects.create(pool=pool, person=person)
            # The count moves only while a seat is left; 0 rows means none was.
            taken = SeatPool.objects.filter(pk=pool.pk, used__lt=F("quantity")).update(
                used=F("used") + 1
            )
            if not taken:
                raise MembershipError("All the seats are taken. Ask for more to be bought.")
            if pool.rule_id is not None:
                AccessGrant.objects.create(
                    person=person, rule_id=pool.rule_id, source=GrantSource.SEAT, seat=assignment
                )
            audit.access_changed(
                by=person,
                target=f"seats:{pool.pk}",
                record=assignment.pk,
                detail={"outcome": "seat_taken", "person": person.pk},
            )
    except IntegrityError:  # the same person, at the same moment, in another request
        return SeatAssignment.objects.get(pool=pool, person=person)
    return assignment


@transaction.atomic
def seat_release(*, assignment: SeatAssignment, by: User | None) -> None:
    """Staff withdraw a seat: its access ends and the seat is free again. Withdrawing a
    seat of a paid pool, or of one that gives a plan or a priced item, is for admins."""
    pool = SeatPool.objects.select_related("rule").get(pk=assignment.pool_id)
    seat_permission_check(by=by, money=_pool_is_money(pool))
    AccessGrant.objects.filter(seat=assignment, ended_at=None).update(
        ended_at=timezone.now(), ended_reason="Seat withdrawn."
    )
    pool_id = assignment.pool_id
    deleted, _ = SeatAssignment.objects.filter(pk=assignment.pk).delete()
    if deleted:
        SeatPool.objects.filter(pk=pool_id, used__gt=0).update(used=F("used") - 1)
        _audit(pool)(
            by=by,
            target=f"seats:{pool_id}",
            record=assignment.pk,
            detail={"outcome": "seat_withdrawn", "person": assignment.person_id},
        )


@transaction.atomic
def seat_pool_end(*, pool: SeatPool, reason: str, by: User | None) -> None:
    seat_permission_check(by=by, money=_pool_is_money(pool))
    now = timezone.now()
    if SeatPool.objects.filter(pk=pool.pk, ended_at=None).update(ended_at=now):
        AccessGrant.objects.filter(seat__pool=pool, ended_at=None).update(
            ended_at=now, ended_reason=reason[:200]
        )
        _audit(pool)(
            by=by,
            target=f"seats:{pool.pk}",
            record=pool.pk,
            detail={"outcome": "ended", "reason": reason},
        )
