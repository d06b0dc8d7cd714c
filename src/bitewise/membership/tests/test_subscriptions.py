"""All-access subscriptions through the checkout stand-in: started and renewed by signed
webhooks, cancelled at period end, and a lapse that pauses access while progress and
badges stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from bitewise.learning import services as learning
from bitewise.learning.models import Award, Enrollment, LessonCompletion
from bitewise.membership.entitlements import decision_for
from bitewise.membership.models import Subscription, SubscriptionStatus
from bitewise.membership.payments.stripe_standin import StripeStandIn
from bitewise.membership.services.subscriptions import subscriptions_lapse_due
from bitewise.membership.tests.conftest import deliver
from bitewise.membership.tests.factories import make_plan, priced
from bitewise.testing import earn, make_micro_credential, make_user

pytestmark = pytest.mark.django_db


def subscribe(client: Client, slug: str, standin: StripeStandIn) -> Subscription:
    response = client.post(f"/membership/plans/{slug}/subscribe")
    session_id = response["Location"].rsplit("/", 1)[-1]
    assert standin.sessions[session_id]["mode"] == "subscription"
    assert deliver(client, standin.pay(session_id)).json()["outcome"] == "fulfilled"
    return Subscription.objects.get()


def test_a_lapse_pauses_access_and_keeps_progress_and_badges(
    client: Client, stripe_standin: StripeStandIn
) -> None:
    earned, started = make_micro_credential(), make_micro_credential(lessons=2)
    for mc in (earned, started):
        priced(mc, "40.00", None)
    plan = make_plan(earned, started)
    learner = make_user()
    client.force_login(learner)
    subscription = subscribe(client, plan.slug, stripe_standin)
    earn(learner, earned)
    learning.enrollment_subscribe(learner=learner, micro_credential=started)
    first_lesson = started.memberships.order_by("position").first().lesson
    learning.lesson_complete(learner=learner, lesson=first_lesson)
    assert decision_for(person=learner, target=started).reason == "subscription"

    with time_machine.travel(subscription.current_period_end + timedelta(minutes=1)):
        lapsed = subscriptions_lapse_due()
        decision = decision_for(person=learner, target=started)
        client.force_login(learner)  # a month on, the old session has expired
        page = client.get(f"/m/{started.slug}/lessons/{first_lesson.pk}/", follow=True)

    assert lapsed == 1
    assert Subscription.objects.get().status == SubscriptionStatus.LAPSED
    assert (decision.allowed, decision.reason) == (False, "lapsed")
    assert "Your progress is kept" in page.content.decode()
    assert Award.objects.filter(learner=learner, micro_credential=earned).exists()
    assert LessonCompletion.objects.filter(learner=learner, lesson=first_lesson).exists()
    assert Enrollment.objects.filter(learner=learner, micro_credential=started).exists()


def test_renewal_by_the_signed_invoice_event_extends_access(
    client: Client, stripe_standin: StripeStandIn
) -> None:
    mc = make_micro_credential()
    priced(mc, "40.00", None)
    learner = make_user()
    client.force_login(learner)
    subscription = subscribe(client, make_plan(mc).slug, stripe_standin)
    first_end = subscription.current_period_end

    outcome = deliver(client, stripe_standin.renew(subscription.provider_ref)).json()["outcome"]

    subscription.refresh_from_db()
    assert outcome == "renewed"
    assert subscription.current_period_end > first_end + timedelta(days=25)
    with time_machine.travel(first_end + timedelta(days=2)):
        assert decision_for(person=learner, target=mc).allowed


def test_cancel_at_period_end_keeps_access_until_then(
    client: Client, stripe_standin: StripeStandIn
) -> None:
    mc = make_micro_credential()
    priced(mc, "40.00", None)
    learner = make_user()
    client.force_login(learner)
    subscription = subscribe(client, make_plan(mc, interval="year").slug, stripe_standin)

    client.post(f"/membership/subscriptions/{subscription.pk}/cancel")

    subscription.refresh_from_db()
    assert subscription.cancel_at_period_end
    assert stripe_standin.subscriptions[subscription.provider_ref]["cancel_at_period_end"]
    assert subscription.current_period_end > timezone.now() + timedelta(days=360)
    assert decision_for(person=learner, target=mc).allowed
    with time_machine.travel(subscription.current_period_end + timedelta(seconds=1)):
        assert not decision_for(person=learner, target=mc).allowed


def test_the_provider_ending_a_subscription_lapses_it(
    client: Client, stripe_standin: StripeStandIn
) -> None:
    mc = make_micro_credential()
    priced(mc, "40.00", None)
    learner = make_user()
    client.force_login(learner)
    subscription = subscribe(client, make_plan(mc).slug, stripe_standin)

    deliver(client, stripe_standin.end(subscription.provider_ref))

    assert Subscription.objects.get().status == SubscriptionStatus.LAPSED
    assert decision_for(person=learner, target=mc).reason == "lapsed"


def test_someone_else_cannot_cancel_your_subscription(
    client: Client, stripe_standin: StripeStandIn
) -> None:
    mc = make_micro_credential()
    client.force_login(make_user())
    subscription = subscribe(client, make_plan(mc).slug, stripe_standin)
    client.force_login(make_user())

    response = client.post(f"/membership/subscriptions/{subscription.pk}/cancel")

    assert response.status_code == 404
    assert not Subscription.objects.get().cancel_at_period_end
