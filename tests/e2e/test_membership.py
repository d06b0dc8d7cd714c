"""A non-member on a phone buys a priced micro-credential through the Checkout stand-in
(a local stand-in for Stripe Checkout, not Stripe) and gets access only once the signed
webhook has arrived; a forged webhook changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils.csp import CSP
from playwright.sync_api import Page, expect

from bitewise.catalog.models import MicroCredential
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import AccessGrant, Order, OrderStatus
from bitewise.membership.payments.stripe_standin import StripeStandIn, sign
from bitewise.membership.tests.factories import priced
from bitewise.testing import PASSWORD, make_micro_credential, make_user
from tests.e2e.conftest import expect_signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PageCheck = Callable[[Page, str], object]


def log_in(page: Page, base: str, email: str, next_path: str) -> None:
    # The live server's first page of a session may be slow on a busy machine.
    page.goto(f"{base}/accounts/login/?next={next_path}", timeout=60_000)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").tap()
    expect_signed_in(page)


@pytest.fixture
def standin(live_server: Any, settings: Any) -> Iterator[StripeStandIn]:
    standin = StripeStandIn(
        webhook_secret=settings.BITEWISE_STRIPE_WEBHOOK_SECRET,
        webhook_url=f"{live_server.url}/membership/stripe/webhook",
        hold=True,  # the test decides when the provider's webhook arrives
    )
    settings.BITEWISE_STRIPE_API_BASE = standin.start()
    # What BITEWISE_CHECKOUT_ORIGIN does for the real Checkout.
    settings.SECURE_CSP = {**settings.SECURE_CSP, "form-action": [CSP.SELF, standin.base_url]}
    yield standin
    standin.stop()


def test_a_non_member_buys_a_micro_credential_and_gets_it_after_the_signed_webhook(
    phone_page: Page,
    live_server: Any,
    standin: StripeStandIn,
    snap: PageCheck,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
) -> None:
    page, base = phone_page, live_server.url
    mc: MicroCredential = make_micro_credential(title="Medication safety in 5 minutes")
    priced(mc, "49.00", "19.00")
    learner = make_user(email="noor@example.org")
    first_lesson = mc.memberships.order_by("position").first().lesson

    log_in(page, base, learner.email, f"/m/{mc.slug}/")
    buy = page.get_by_role("button", name="Buy for 49 USD")
    expect(buy).to_be_visible()
    expect(page.get_by_text("Member price; 49 USD otherwise.")).to_have_count(0)
    snap(page, "membership-priced")
    check_accessible(page, "a priced micro-credential")
    check_fits_phone(page, "a priced micro-credential")

    buy.tap()
    expect(
        page.get_by_role("heading", name="Checkout (local stand-in, not Stripe)")
    ).to_be_visible()
    expect(page.get_by_text("Total: 49.00 USD")).to_be_visible()
    page.get_by_role("button", name="Pay 49.00 USD").tap()

    # Back on Bitewise: paid at the provider, but nothing until its webhook arrives.
    expect(page.get_by_text("Waiting for the payment provider")).to_be_visible()
    snap(page, "membership-waiting")
    check_accessible(page, "the order page while waiting")
    order = Order.objects.get()
    assert order.status == OrderStatus.PENDING and not AccessGrant.objects.exists()
    [completed] = standin.sent
    forged = sign(completed.payload, "whsec_not_the_real_secret")
    assert standin.deliver(completed, header=forged) == 400
    assert not decision_for(person=learner, target=mc).allowed

    assert standin.deliver(completed) == 200
    expect(page.get_by_text("Payment confirmed")).to_be_visible(timeout=15_000)
    snap(page, "membership-paid")
    check_fits_phone(page, "the order page when paid")
    page.get_by_role("link", name=f"Start {mc.title}").tap()
    expect(page.get_by_text("Yours: bought or given by your group")).to_be_visible()
    page.get_by_role("button", name="Subscribe").tap()
    expect(page.get_by_role("heading", name=first_lesson.title)).to_be_visible()
    assert standin.deliver(completed) == 200  # a replay changes nothing
    assert AccessGrant.objects.count() == 1
    assert Order.objects.get().status == OrderStatus.PAID


def test_the_membership_page_reads_well_on_a_phone(
    phone_page: Page,
    live_server: Any,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
    snap: PageCheck,
) -> None:
    from bitewise.membership.tests.factories import make_member, make_plan, make_tier

    page, base = phone_page, live_server.url
    learner = make_user()
    make_member(learner, tier=make_tier())
    make_plan(make_micro_credential(), price="120", interval="year")
    log_in(page, base, learner.email, "/membership/")
    expect(page.get_by_role("heading", name="My membership")).to_be_visible()
    snap(page, "membership-mine")
    check_accessible(page, "my membership")
    check_fits_phone(page, "my membership")


def test_the_staff_membership_pages_read_well_on_a_phone(
    phone_page: Page,
    live_server: Any,
    check_accessible: PageCheck,
    check_fits_phone: PageCheck,
    snap: PageCheck,
) -> None:
    from bitewise.accounts.models import Role
    from bitewise.membership.services.roster import roster_import_rows
    from bitewise.membership.services.seats import seat_pool_create
    from bitewise.membership.tests.factories import make_plan, make_tier, members_only

    page, base = phone_page, live_server.url
    admin = make_user(role=Role.ADMIN)
    make_tier()
    mc = make_micro_credential()
    members_only(mc)
    plan = make_plan(mc)
    pool = seat_pool_create(name="Northern chapter", quantity=10, plan=plan, by=admin)
    report = roster_import_rows(
        by=admin,
        rows=[
            {"member_id": "A1", "email": "ana@example.org", "tier": "gold"},
            {"member_id": "A2", "email": "not an address"},
        ],
    )
    log_in(page, base, admin.email, "/staff/membership/")
    for path, name, heading in [
        ("/staff/membership/", "memberships", "Memberships"),
        (f"/staff/membership/roster/{report.pk}/", "roster", f"Roster import #{report.pk}"),
        ("/staff/membership/access/", "access", "Access and prices"),
        ("/staff/membership/plans/", "plans", "All-access plans"),
        ("/staff/membership/seats/", "seats", "Group seats"),
        (f"/staff/membership/seats/{pool.pk}/", "seat-pool", "Northern chapter"),
        ("/staff/membership/orders/", "orders", "Orders"),
    ]:
        page.goto(f"{base}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        snap(page, f"membership-staff-{name}")
        check_accessible(page, f"staff {name}")
        check_fits_phone(page, f"staff {name}")
