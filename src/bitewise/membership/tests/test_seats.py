"""Group seats: bought through the checkout or given by staff, taken with the enrolment
code or from the email list, counted exactly once even when many take them at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from bitewise.accounts.models import AuditEntry, Role
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import SeatAssignment, SeatPool
from bitewise.membership.payments.stripe_standin import StripeStandIn
from bitewise.membership.services import MembershipError
from bitewise.membership.services.seats import seat_pool_create, seat_take
from bitewise.membership.tests.conftest import deliver
from bitewise.membership.tests.factories import make_plan, members_only
from bitewise.testing import make_micro_credential, make_user, run_at_once


def test_an_employer_buys_seats_and_a_colleague_takes_one_with_the_code(
    client: Client, stripe_standin: StripeStandIn, db: None
) -> None:
    mc = make_micro_credential()
    members_only(mc)
    plan = make_plan(mc, price="12.00")
    client.force_login(make_user(email="hr@hospital.example"))

    response = client.post(
        f"/membership/plans/{plan.slug}/seats", {"name": "St Mary's Hospital", "seats": "3"}
    )
    session_id = response["Location"].rsplit("/", 1)[-1]
    assert stripe_standin.sessions[session_id]["amount_total"] == 3600
    deliver(client, stripe_standin.pay(session_id))
    pool = SeatPool.objects.get()
    nurse = make_user()
    client.force_login(nurse)
    assert not decision_for(person=nurse, target=mc).allowed

    taken = client.post("/membership/seats/", {"code": pool.code.lower()})

    assert taken.status_code == 302
    assert decision_for(person=nurse, target=mc).reason == "subscription"
    assert SeatPool.objects.get().used == 1


def test_the_email_list_takes_seats_without_the_code_and_nobody_else_does(db: None) -> None:
    mc = make_micro_credential()
    rule = members_only(mc)
    pool = seat_pool_create(name="Northern chapter", quantity=5, rule=rule, by=None)
    pool.invites.create(email="listed@example.org")
    listed, stranger = make_user(email="listed@example.org"), make_user()

    seat_take(pool=pool, person=listed)
    with pytest.raises(MembershipError, match="not on this group's list"):
        seat_take(pool=pool, person=stranger)

    assert decision_for(person=listed, target=mc).reason == "grant"
    assert not decision_for(person=stranger, target=mc).allowed


def test_a_full_pool_refuses_and_taking_twice_counts_once(db: None) -> None:
    rule = members_only(make_micro_credential())
    pool = seat_pool_create(name="Team", quantity=1, rule=rule, by=None)
    first, second = make_user(), make_user()

    seat_take(pool=pool, person=first, code=pool.code)
    seat_take(pool=pool, person=first, code=pool.code)
    with pytest.raises(MembershipError, match="All the seats are taken"):
        seat_take(pool=pool, person=second, code=pool.code)

    assert SeatPool.objects.get().used == 1
    assert SeatAssignment.objects.count() == 1


def test_a_bad_code_says_so(client: Client, db: None) -> None:
    client.force_login(make_user())
    response = client.post("/membership/seats/", {"code": "NOPE-NOPE-NOPE"})
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_staff_see_seat_use_and_withdraw_a_seat(client: Client, db: None) -> None:
    mc = make_micro_credential()
    rule = members_only(mc)
    pool = seat_pool_create(name="Chapter", quantity=2, rule=rule, by=None)
    nurse = make_user(email="nurse@example.org")
    seat = seat_take(pool=pool, person=nurse, code=pool.code)
    staff = make_user(role=Role.AUTHOR)
    client.force_login(staff)

    listing = client.get("/staff/membership/seats/").content.decode()
    detail = client.get(f"/staff/membership/seats/{pool.pk}/").content.decode()
    client.post(f"/staff/membership/seats/assignments/{seat.pk}/withdraw")

    assert "1 of 2" in listing and "nurse@example.org" in detail
    assert SeatPool.objects.get().used == 0
    assert not decision_for(person=nurse, target=mc).allowed
    assert AuditEntry.objects.filter(actor=staff, detail__outcome="seat_withdrawn").exists()
    client.force_login(make_user())
    assert client.get("/staff/membership/seats/").status_code == 403


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_seats_are_counted_exactly_once_under_a_race() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers: PostgreSQL")
    rule = members_only(make_micro_credential())
    pool = seat_pool_create(name="Race", quantity=3, rule=rule, by=None)
    people = [make_user() for _ in range(8)]
    queue = list(people)

    def take() -> None:
        seat_take(pool=SeatPool.objects.get(pk=pool.pk), person=queue.pop(), code=pool.code)

    errors = run_at_once(take, times=8)

    assert SeatPool.objects.get().used == 3
    assert SeatAssignment.objects.count() == 3
    assert len(errors) == 5 and all(isinstance(e, MembershipError) for e in errors)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_person_taking_a_seat_many_times_at_once_takes_one() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL")
    rule = members_only(make_micro_credential())
    pool = seat_pool_create(name="Race", quantity=5, rule=rule, by=None)
    person = make_user()

    errors = run_at_once(
        lambda: seat_take(pool=SeatPool.objects.get(pk=pool.pk), person=person, code=pool.code),
        times=6,
    )

    assert errors == []
    assert SeatPool.objects.get().used == 1
    assert SeatAssignment.objects.count() == 1
