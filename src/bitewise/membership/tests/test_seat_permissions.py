"""Giving seats away is giving access away: staff only, and admins only where the seats give
a plan or a priced item or belong to a paid pool, checked in the services whatever the entry
point (the staff page, the admin, a command) and audited as money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from bitewise.accounts.models import AuditEntry, Role
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import (
    AccessGrant,
    Order,
    OrderKind,
    OrderStatus,
    SeatAssignment,
    SeatInvite,
    SeatPool,
)
from bitewise.membership.services import MembershipError, MembershipForbidden
from bitewise.membership.services.seats import (
    seat_invites_add,
    seat_pool_create,
    seat_pool_end,
    seat_release,
    seat_take,
)
from bitewise.membership.tests.factories import make_plan, members_only, priced
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def test_an_author_cannot_give_away_a_priced_item_as_seats(client: Client) -> None:
    mc = make_micro_credential()
    priced(mc, price="49.00", member_price=None)
    author = make_user(role=Role.AUTHOR)
    client.force_login(author)

    response = client.post(
        "/staff/membership/seats/",
        {"name": "free", "quantity": "100000", "kind": "micro-credential", "key": mc.slug},
    )

    assert response.status_code == 403
    assert "Only an admin" in response.content.decode()
    assert not SeatPool.objects.exists()
    assert not AuditEntry.objects.filter(actor=author, target__startswith="seats:").exists()


def test_an_author_cannot_give_away_the_paid_plan_as_seats(client: Client) -> None:
    plan = make_plan(make_micro_credential(), price="120")
    client.force_login(make_user(role=Role.AUTHOR))

    response = client.post(
        "/staff/membership/seats/",
        {"name": "free", "quantity": "5", "plan": str(plan.pk), "emails": "a@example.org"},
    )

    assert response.status_code == 403
    assert "Only an admin" in response.content.decode()
    assert not SeatPool.objects.exists() and not SeatInvite.objects.exists()


def test_an_author_still_gives_seats_of_a_members_only_item(client: Client) -> None:
    mc = make_micro_credential()
    members_only(mc)
    author = make_user(role=Role.AUTHOR)
    client.force_login(author)

    response = client.post(
        "/staff/membership/seats/",
        {"name": "Chapter", "quantity": "3", "kind": "micro-credential", "key": mc.slug},
    )

    pool = SeatPool.objects.get()
    assert response.status_code == 302 and pool.quantity == 3
    entry = AuditEntry.objects.get(actor=author, target=f"seats:{pool.pk}")
    assert entry.action == "access_changed" and entry.detail["outcome"] == "created"


def test_an_admin_gives_seats_of_a_priced_item_audited_as_money(client: Client) -> None:
    mc = make_micro_credential()
    priced(mc, price="49.00", member_price=None)
    admin = make_user(role=Role.ADMIN)
    client.force_login(admin)

    response = client.post(
        "/staff/membership/seats/",
        {
            "name": "Sponsored",
            "quantity": "2",
            "kind": "micro-credential",
            "key": mc.slug,
            "emails": "nurse@example.org",
        },
    )

    pool = SeatPool.objects.get()
    assert response.status_code == 302
    outcomes = set(
        AuditEntry.objects.filter(
            actor=admin, target=f"seats:{pool.pk}", action="money_changed"
        ).values_list("detail__outcome", flat=True)
    )
    assert outcomes == {"created", "invited"}


def test_the_services_refuse_whatever_the_entry_point() -> None:
    mc = make_micro_credential()
    rule = priced(mc, price="49.00", member_price=None)
    plan = make_plan(mc)
    author, learner = make_user(role=Role.AUTHOR), make_user()
    given = seat_pool_create(name="Given", quantity=2, plan=plan, by=None)

    with pytest.raises(MembershipForbidden, match="Only an admin"):
        seat_pool_create(name="x", quantity=1, rule=rule, by=author)
    with pytest.raises(MembershipForbidden, match="Only an admin"):
        seat_pool_create(name="x", quantity=1, plan=plan, by=author)
    with pytest.raises(MembershipForbidden, match="Staff only"):
        seat_pool_create(
            name="x", quantity=1, rule=members_only(make_micro_credential()), by=learner
        )
    with pytest.raises(MembershipForbidden, match="Only an admin"):
        seat_invites_add(pool=given, emails=["a@example.org"], by=author)
    with pytest.raises(MembershipForbidden, match="Only an admin"):
        seat_pool_end(pool=given, reason="no", by=author)

    assert list(SeatPool.objects.values_list("name", flat=True)) == ["Given"]
    assert not SeatInvite.objects.exists()
    assert SeatPool.objects.get().ended_at is None


def _paid_pool(*, seats: int = 2) -> tuple[SeatPool, Order]:
    """A pool made as the paid-order webhook makes it: for the buyer, once."""
    mc = make_micro_credential()
    members_only(mc)
    plan = make_plan(mc, price="12.00")
    buyer = make_user(email="hr@hospital.example")
    order = Order.objects.create(
        buyer=buyer,
        kind=OrderKind.SEATS,
        plan=plan,
        seats=seats,
        seat_pool_name="St Mary's",
        description="seats",
        amount=Decimal("24.00"),
        currency="USD",
        status=OrderStatus.PAID,
    )
    pool = seat_pool_create(name="St Mary's", quantity=seats, plan=plan, order=order, by=buyer)
    return pool, order


def test_a_paid_order_makes_its_pool_once_and_nothing_else_does() -> None:
    pool, order = _paid_pool()

    with pytest.raises(MembershipError):  # the same order again
        seat_pool_create(name="again", quantity=2, plan=order.plan, order=order, by=None)
    unpaid = Order.objects.create(
        buyer=order.buyer,
        kind=OrderKind.SEATS,
        plan=order.plan,
        seats=50,
        description="seats",
        amount=Decimal("600.00"),
        currency="USD",
    )
    with pytest.raises(MembershipError):  # not paid (yet)
        seat_pool_create(name="early", quantity=50, plan=order.plan, order=unpaid, by=order.buyer)

    assert list(SeatPool.objects.all()) == [pool]
    entry = AuditEntry.objects.get(target=f"seats:{pool.pk}")
    assert (entry.action, entry.actor) == ("money_changed", order.buyer)


def test_an_author_cannot_withdraw_a_seat_of_a_paid_pool(client: Client) -> None:
    pool, _ = _paid_pool()
    nurse = make_user(email="nurse@example.org")
    seat = seat_take(pool=pool, person=nurse, code=pool.code)
    client.force_login(make_user(role=Role.AUTHOR))

    refused = client.post(f"/staff/membership/seats/assignments/{seat.pk}/withdraw")

    assert refused.status_code == 403
    assert "Only an admin" in refused.content.decode()
    assert SeatAssignment.objects.filter(pk=seat.pk).exists()
    assert SeatPool.objects.get().used == 1
    with pytest.raises(MembershipForbidden):
        seat_release(assignment=seat, by=make_user())

    admin = make_user(role=Role.ADMIN)
    client.force_login(admin)
    withdrawn = client.post(f"/staff/membership/seats/assignments/{seat.pk}/withdraw")

    assert withdrawn.status_code == 302
    assert SeatPool.objects.get().used == 0
    assert AuditEntry.objects.filter(
        actor=admin, action="money_changed", detail__outcome="seat_withdrawn"
    ).exists()


def test_withdrawing_a_priced_items_seat_ends_its_access_for_an_admin_only() -> None:
    mc = make_micro_credential()
    rule = priced(mc, price="49.00", member_price=None)
    pool = seat_pool_create(name="Sponsored", quantity=1, rule=rule, by=None)
    nurse = make_user()
    seat = seat_take(pool=pool, person=nurse, code=pool.code)

    with pytest.raises(MembershipForbidden):
        seat_release(assignment=seat, by=make_user(role=Role.AUTHOR))
    assert decision_for(person=nurse, target=mc).allowed

    seat_release(assignment=seat, by=make_user(role=Role.ADMIN))
    assert not decision_for(person=nurse, target=mc).allowed
    assert not AccessGrant.objects.filter(seat__pool=pool, ended_at=None).exists()


def test_the_admin_cannot_add_change_or_delete_seat_pools(client: Client) -> None:
    pool = seat_pool_create(
        name="Given", quantity=2, plan=make_plan(make_micro_credential()), by=None
    )
    client.force_login(make_user(role=Role.ADMIN))

    assert client.get("/admin/membership/seatpool/").status_code == 200
    assert client.get("/admin/membership/seatpool/add/").status_code == 403
    changed = client.post(
        f"/admin/membership/seatpool/{pool.pk}/change/", {"name": "x", "quantity": "99"}
    )
    deleted = client.post(f"/admin/membership/seatpool/{pool.pk}/delete/", {"post": "yes"})

    assert changed.status_code == 403 and deleted.status_code == 403
    assert SeatPool.objects.get().quantity == 2
