"""Buying through Stripe Checkout (the local stand-in): access comes only with the
signature-verified webhook, once per event id; refunds and disputes end it; a receipt is
emailed. Bad signatures, replays, stale and altered events change nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from bitewise.accounts.models import AuditEntry, Role
from bitewise.catalog.models import MicroCredential
from bitewise.learning.models import Enrollment
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import AccessGrant, Order, OrderStatus, WebhookEvent
from bitewise.membership.payments.stripe_standin import StripeStandIn, sign
from bitewise.membership.tests.conftest import deliver
from bitewise.membership.tests.factories import make_member, priced
from bitewise.testing import make_micro_credential, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def mc() -> MicroCredential:
    mc = make_micro_credential(title="Medication safety")
    priced(mc, "49.00", "19.00")
    return mc


def buy(client: Client, mc: MicroCredential, standin: StripeStandIn) -> Order:
    response = client.post(f"/membership/buy/micro-credential/{mc.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"{standin.base_url}/pay/cs_test_")
    return Order.objects.get()


def test_a_non_member_pays_the_full_price_and_gets_access_only_after_the_signed_webhook(
    client: Client,
    mc: MicroCredential,
    stripe_standin: StripeStandIn,
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = make_user(email="ana@example.org")
    client.force_login(learner)
    assert "49 USD" in client.get(f"/m/{mc.slug}/").content.decode()

    order = buy(client, mc, stripe_standin)

    assert (order.status, order.amount, order.currency) == (OrderStatus.PENDING, 49, "USD")
    assert stripe_standin.sessions[order.checkout_session]["amount_total"] == 4900
    # Coming back from checkout is not proof of payment.
    page = client.get(f"/membership/orders/{order.reference}/")
    assert "Waiting for the payment provider" in page.content.decode()
    assert not decision_for(person=learner, target=mc).allowed
    assert client.post(f"/m/{mc.slug}/subscribe").status_code == 302
    assert not Enrollment.objects.filter(learner=learner).exists()

    sent = stripe_standin.pay(order.checkout_session)
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(client, sent)

    assert response.json() == {"outcome": "fulfilled"}
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.payment_ref.startswith("pi_")
    assert decision_for(person=learner, target=mc).reason == "grant"
    client.post(f"/m/{mc.slug}/subscribe")
    assert Enrollment.objects.filter(learner=learner, is_active=True).exists()
    [receipt] = mail.outbox
    assert receipt.to == ["ana@example.org"]
    assert "49.00 USD" in receipt.body and str(order.reference) in receipt.body
    assert AuditEntry.objects.filter(action="money_changed", target=f"order:{order.pk}").exists()


def test_a_member_pays_the_member_price(
    client: Client, mc: MicroCredential, stripe_standin: StripeStandIn
) -> None:
    learner = make_user()
    make_member(learner)
    client.force_login(learner)

    order = buy(client, mc, stripe_standin)

    assert order.amount == 19
    assert stripe_standin.sessions[order.checkout_session]["amount_total"] == 1900


def test_a_replayed_event_grants_once_and_says_so(
    client: Client, mc: MicroCredential, stripe_standin: StripeStandIn
) -> None:
    learner = make_user()
    client.force_login(learner)
    order = buy(client, mc, stripe_standin)
    sent = stripe_standin.pay(order.checkout_session)

    first = deliver(client, sent)
    again = deliver(client, sent)

    assert first.json()["outcome"] == "fulfilled"
    assert again.json()["outcome"] == "replayed"
    assert AccessGrant.objects.count() == 1
    assert WebhookEvent.objects.count() == 1


@pytest.mark.parametrize(
    "header",
    ["", "t=1,v1=deadbeef", "garbage", sign("{}", "whsec_someone_else")],
    ids=["missing", "wrong-mac", "unparseable", "other-secret"],
)
def test_a_bad_signature_is_refused_and_changes_nothing(
    client: Client, mc: MicroCredential, stripe_standin: StripeStandIn, header: str
) -> None:
    client.force_login(make_user())
    order = buy(client, mc, stripe_standin)
    sent = stripe_standin.pay(order.checkout_session)
    if header.startswith("t=") and "v1=deadbeef" not in header:
        header = sign(sent.payload, "whsec_someone_else")

    response = deliver(client, sent, header=header)

    assert response.status_code == 400
    assert "signature" in response.json()["detail"]
    assert Order.objects.get().status == OrderStatus.PENDING
    assert not AccessGrant.objects.exists() and not WebhookEvent.objects.exists()


def test_an_altered_or_stale_event_is_refused(
    client: Client, mc: MicroCredential, stripe_standin: StripeStandIn, settings: Any
) -> None:
    client.force_login(make_user())
    order = buy(client, mc, stripe_standin)
    sent = stripe_standin.pay(order.checkout_session)
    altered = sent.payload.replace('"amount_total": 4900', '"amount_total": 100')
    assert altered != sent.payload
    stale = sign(sent.payload, settings.BITEWISE_STRIPE_WEBHOOK_SECRET, at=1_000_000_000)

    altered_response = client.post(
        "/membership/stripe/webhook",
        data=altered,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sent.header,
    )
    stale_response = deliver(client, sent, header=stale)

    assert altered_response.status_code == stale_response.status_code == 400
    assert not AccessGrant.objects.exists() and not WebhookEvent.objects.exists()
    assert deliver(client, sent).json()["outcome"] == "fulfilled"  # the genuine one still works


def test_an_event_for_a_different_amount_is_not_fulfilled(
    client: Client, mc: MicroCredential, stripe_standin: StripeStandIn
) -> None:
    client.force_login(make_user())
    order = buy(client, mc, stripe_standin)
    stripe_standin.sessions[order.checkout_session]["amount_total"] = 100  # tampered upstream

    outcome = deliver(client, stripe_standin.pay(order.checkout_session)).json()["outcome"]

    assert "amount differs" in outcome
    assert Order.objects.get().status == OrderStatus.PENDING and not AccessGrant.objects.exists()


def test_a_refund_by_an_admin_ends_access_when_the_provider_confirms_it(
    client: Client, mc: MicroCredential, stripe_standin: StripeStandIn
) -> None:
    learner = make_user()
    client.force_login(learner)
    order = buy(client, mc, stripe_standin)
    deliver(client, stripe_standin.pay(order.checkout_session))
    admin = make_user(role=Role.ADMIN)
    author = make_user(role=Role.AUTHOR)

    client.force_login(author)
    assert client.post(f"/staff/membership/orders/{order.pk}/refund").status_code == 403
    client.force_login(admin)
    client.post(f"/staff/membership/orders/{order.pk}/refund")

    assert decision_for(person=learner, target=mc).allowed  # not until the webhook
    refunded = stripe_standin.sent[-1]
    assert refunded.event["type"] == "charge.refunded"
    assert deliver(client, refunded).json()["outcome"] == "refunded"
    assert not decision_for(person=learner, target=mc).allowed
    grant = AccessGrant.objects.get()
    assert grant.ended_reason == "Refunded."
    assert AuditEntry.objects.filter(actor=admin, detail__outcome="refund_requested").exists()


def test_a_dispute_ends_the_access_the_payment_granted(
    client: Client, mc: MicroCredential, stripe_standin: StripeStandIn
) -> None:
    learner = make_user()
    client.force_login(learner)
    order = buy(client, mc, stripe_standin)
    deliver(client, stripe_standin.pay(order.checkout_session))
    order.refresh_from_db()

    outcome = deliver(client, stripe_standin.dispute(order.payment_ref)).json()["outcome"]

    assert outcome == "disputed"
    assert Order.objects.get().status == OrderStatus.DISPUTED
    assert not decision_for(person=learner, target=mc).allowed


def test_buying_what_you_already_have_is_refused(
    client: Client, mc: MicroCredential, stripe_standin: StripeStandIn
) -> None:
    learner = make_user()
    client.force_login(learner)
    order = buy(client, mc, stripe_standin)
    deliver(client, stripe_standin.pay(order.checkout_session))

    response = client.post(f"/membership/buy/micro-credential/{mc.slug}/", follow=True)

    assert "You already have access" in response.content.decode()
    assert Order.objects.count() == 1


def test_an_unreachable_provider_charges_nothing_and_says_so(
    client: Client, mc: MicroCredential, settings: Any
) -> None:
    settings.BITEWISE_STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    client.force_login(make_user())

    response = client.post(f"/membership/buy/micro-credential/{mc.slug}/", follow=True)

    assert "Payments are unavailable" in response.content.decode()
    assert Order.objects.get().status == OrderStatus.EXPIRED


def test_a_webhook_body_that_is_not_json_is_refused(client: Client, settings: Any) -> None:
    payload = "not json"
    header = sign(payload, settings.BITEWISE_STRIPE_WEBHOOK_SECRET)
    response = client.post(
        "/membership/stripe/webhook",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    assert response.status_code == 400
    assert json.loads(response.content)["detail"]
