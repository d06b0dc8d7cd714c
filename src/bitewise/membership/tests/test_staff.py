"""Staff pages: access rules and prices, plans, orders. Money is for admins only; every
change is audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from bitewise.accounts.models import AuditEntry, Role
from bitewise.membership.models import AccessRule, Plan
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def test_an_author_sets_members_only_but_cannot_set_a_price(client: Client) -> None:
    mc = make_micro_credential()
    author = make_user(role=Role.AUTHOR)
    client.force_login(author)

    members = client.post(
        "/staff/membership/access/",
        {"kind": "micro-credential", "key": mc.slug, "mode": "members", "currency": "USD"},
    )
    price = client.post(
        "/staff/membership/access/",
        {
            "kind": "micro-credential",
            "key": mc.slug,
            "mode": "priced",
            "price": "10",
            "currency": "USD",
        },
    )

    assert members.status_code == 302
    assert price.status_code == 400
    assert "Only an admin" in price.content.decode()
    assert AccessRule.objects.get().mode == "members"
    entry = AuditEntry.objects.get(action="access_changed", actor=author)
    assert entry.detail["mode"] == "members"


def test_an_admin_sets_a_price_and_the_change_is_audited_as_money(client: Client) -> None:
    mc = make_micro_credential()
    admin = make_user(role=Role.ADMIN)
    client.force_login(admin)

    response = client.post(
        "/staff/membership/access/",
        {
            "kind": "micro-credential",
            "key": mc.slug,
            "mode": "priced",
            "price": "49",
            "member_price": "19",
            "currency": "eur",
        },
    )

    assert response.status_code == 302
    rule = AccessRule.objects.get()
    assert (rule.price, rule.member_price, rule.currency) == (Decimal(49), Decimal(19), "EUR")
    entry = AuditEntry.objects.get(action="money_changed")
    assert (entry.actor, entry.detail["mode"], Decimal(entry.detail["price"])) == (
        admin,
        "priced",
        Decimal(49),
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"mode": "priced", "currency": "USD"}, "needs a price"),
        (
            {"mode": "priced", "price": "10", "member_price": "20", "currency": "USD"},
            "cannot be above",
        ),
        ({"mode": "priced", "price": "10", "currency": "XYZ"}, "Use one of these currencies"),
        ({"mode": "priced", "price": "-1", "currency": "USD"}, "greater than or equal to 0"),
    ],
    ids=["no-price", "member-above", "currency", "negative"],
)
def test_bad_prices_are_refused_with_a_message(
    client: Client, fields: dict[str, str], message: str
) -> None:
    mc = make_micro_credential()
    client.force_login(make_user(role=Role.ADMIN))
    response = client.post(
        "/staff/membership/access/", {"kind": "micro-credential", "key": mc.slug, **fields}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AccessRule.objects.exists()


def test_an_unknown_item_is_a_404(client: Client) -> None:
    client.force_login(make_user(role=Role.ADMIN))
    response = client.post(
        "/staff/membership/access/",
        {"kind": "micro-credential", "key": "nothing-here", "mode": "members", "currency": "USD"},
    )
    assert response.status_code == 404


def test_plans_and_orders_are_for_admins_only(client: Client) -> None:
    client.force_login(make_user(role=Role.AUTHOR))
    for url in (
        "/staff/membership/plans/",
        "/staff/membership/plans/new",
        "/staff/membership/orders/",
    ):
        assert client.get(url).status_code == 403


def test_an_admin_creates_a_plan_with_its_pool(client: Client) -> None:
    first, second = make_micro_credential(), make_micro_credential()
    admin = make_user(role=Role.ADMIN)
    client.force_login(admin)

    response = client.post(
        "/staff/membership/plans/new",
        {
            "name": "All access",
            "slug": "all-access",
            "interval": "year",
            "price": "120",
            "currency": "USD",
            "is_active": "on",
            "micro_credentials": [first.pk, second.pk],
        },
    )

    assert response.status_code == 302
    plan = Plan.objects.get()
    assert set(plan.micro_credentials.all()) == {first, second}
    assert AuditEntry.objects.filter(action="money_changed", target="plan:all-access").exists()
    assert "All access" in client.get("/staff/membership/plans/").content.decode()


def test_the_memberships_page_is_audited_as_a_personal_data_read(client: Client) -> None:
    staff = make_user(role=Role.ADMIN)
    client.force_login(staff)
    assert client.get("/staff/membership/?q=ana").status_code == 200
    assert AuditEntry.objects.filter(actor=staff, target="membership.list").exists()


def test_the_admin_lists_are_read_only_and_audited(client: Client) -> None:
    admin = make_user(role=Role.ADMIN)
    client.force_login(admin)
    assert client.get("/admin/membership/order/").status_code == 200
    assert client.get("/admin/membership/order/add/").status_code == 403
    assert AuditEntry.objects.filter(actor=admin, target="admin:membership.order").exists()
