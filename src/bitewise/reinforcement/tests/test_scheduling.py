"""Planning the outbox: each learner's zone, late joiners, idempotence, a query bound."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bitewise.reinforcement.models import Channel, Delivery, DeliveryState
from bitewise.reinforcement.services.scheduling import (
    deliveries_dispatch,
    deliveries_plan,
    deliveries_plan_due,
)
from bitewise.reinforcement.tests.factories import (
    make_campaign,
    make_event,
    make_learner,
    register,
    step_at,
)

NY = ZoneInfo("America/New_York")
START = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)  # Monday, the day after New York's switch
LONG_AGO = START - timedelta(days=60)

pytestmark = pytest.mark.django_db


def test_a_step_is_planned_at_nine_in_each_learners_zone_across_dst() -> None:
    event = make_event(starts_at=START)
    campaign = make_campaign(event, offsets=[-1])
    new_yorker = make_learner(time_zone="America/New_York")
    berliner = make_learner(time_zone="Europe/Berlin")
    for learner in (new_yorker, berliner):
        register(event, learner, at=LONG_AGO)

    deliveries_plan(now=START - timedelta(days=3), horizon=timedelta(days=3))

    step = step_at(campaign, -1)
    ny = Delivery.objects.get(learner=new_yorker, step=step)
    berlin = Delivery.objects.get(learner=berliner, step=step)
    # Sunday 2026-03-08 09:00 EDT (clocks went forward at 02:00 that morning) = 13:00 UTC.
    assert ny.due_at == datetime(2026, 3, 8, 13, 0, tzinfo=UTC)
    assert berlin.due_at == datetime(2026, 3, 8, 8, 0, tzinfo=UTC)  # 09:00 CET


def test_planning_only_reaches_one_hour_ahead_and_twice_creates_nothing_new() -> None:
    event = make_event(starts_at=START)
    campaign = make_campaign(event)
    learner = make_learner()
    register(event, learner, at=LONG_AGO)
    nine_utc_day_before = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)

    assert deliveries_plan(now=nine_utc_day_before - timedelta(hours=2)) == 0
    assert deliveries_plan(now=nine_utc_day_before - timedelta(minutes=30)) == 1
    assert deliveries_plan(now=nine_utc_day_before - timedelta(minutes=20)) == 0

    [delivery] = Delivery.objects.all()
    assert delivery.step == step_at(campaign, -1)
    assert delivery.state == DeliveryState.PLANNED


def test_a_late_joiner_gets_no_burst_of_past_steps_only_future_ones() -> None:
    event = make_event(starts_at=START)
    campaign = make_campaign(event)
    learner = make_learner()
    joined = START - timedelta(days=3)  # after -14 d and -7 d were due
    register(event, learner, at=joined)

    for hour in range(0, 24 * 40, 1):  # the scheduler ticking hourly from the join on
        deliveries_plan(now=joined + timedelta(hours=hour))

    planned = sorted(Delivery.objects.values_list("step__offset_days", flat=True))
    assert planned == [-1, 1, 7, 30]
    assert not Delivery.objects.filter(step__in=[step_at(campaign, -14), step_at(campaign, -7)])


def test_a_step_missed_by_a_long_scheduler_outage_is_not_sent_late() -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-7])
    register(event, make_learner(), at=LONG_AGO)

    assert deliveries_plan(now=datetime(2026, 3, 3, 9, 0, tzinfo=UTC)) == 0  # a day late


@pytest.mark.parametrize("learners", [3, 30])
def test_planning_uses_a_fixed_number_of_queries_whatever_the_number_of_learners(
    learners: int,
) -> None:
    events = [make_event(starts_at=START + timedelta(minutes=i)) for i in range(3)]
    for event in events:
        make_campaign(event)
        for i in range(learners):
            zone = ["UTC", "Europe/London", "Africa/Abidjan"][i % 3]  # UTC+0 in March
            register(event, make_learner(time_zone=zone), at=LONG_AGO)

    with CaptureQueriesContext(connection) as queries:
        created = deliveries_plan(now=datetime(2026, 3, 8, 8, 30, tzinfo=UTC))

    assert created == 3 * learners
    # steps, existing rows, registrations (streamed), one INSERT per 1,000 new rows.
    assert len(queries) == 4, [q["sql"][:80] for q in queries]
    with CaptureQueriesContext(connection) as queries:
        assert deliveries_plan(now=datetime(2026, 3, 8, 8, 31, tzinfo=UTC)) == 0
    assert len(queries) == 3


def test_a_zone_broken_in_the_admin_falls_back_to_utc_instead_of_stopping_the_tick() -> None:
    from bitewise.reinforcement.models import DeliveryPreferences

    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    learner = make_learner(time_zone="Europe/Berlin")
    DeliveryPreferences.objects.filter(learner=learner).update(time_zone="Mars/Olympus")
    register(event, learner, at=LONG_AGO)

    assert deliveries_plan(now=datetime(2026, 3, 8, 8, 30, tzinfo=UTC)) == 1


def test_email_off_means_in_app_only_and_it_is_delivered_when_due() -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    learner = make_learner(email_on=False)
    register(event, learner, at=LONG_AGO)
    due = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)

    deliveries_plan_due(now=due - timedelta(minutes=30))
    deliveries_plan_due(now=due)

    [delivery] = Delivery.objects.all()
    assert delivery.channel == Channel.IN_APP
    assert delivery.state == DeliveryState.SENT
    assert mail.outbox == []


def test_due_emails_are_queued_after_commit_and_sent_once(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    learner = make_learner(email="nurse@example.org")
    register(event, learner, at=LONG_AGO)
    due = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    deliveries_plan(now=due - timedelta(minutes=30))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = deliveries_dispatch(now=datetime.now(UTC))
    with django_capture_on_commit_callbacks(execute=True):
        again = deliveries_dispatch(now=datetime.now(UTC))

    assert queued == 1 and len(callbacks) == 1
    assert again == 0
    [message] = mail.outbox
    assert message.to == ["nurse@example.org"]
    assert Delivery.objects.get().state == DeliveryState.SENT


def test_a_learners_own_quiet_hours_move_the_step() -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    late_riser = make_learner(time_zone="Europe/Berlin", quiet_hours="22:00-10:30")
    register(event, late_riser, at=LONG_AGO)

    deliveries_plan(now=START - timedelta(days=3), horizon=timedelta(days=3))

    # 09:00 is quiet for them: 10:30 Berlin (CET) = 09:30 UTC.
    assert Delivery.objects.get().due_at == datetime(2026, 3, 8, 9, 30, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_workers_racing_for_one_delivery_send_it_once() -> None:
    from bitewise.reinforcement.services.sending import delivery_send
    from bitewise.testing import run_at_once

    event = make_event(starts_at=START)
    make_campaign(event, offsets=[-1])
    register(event, make_learner(), at=LONG_AGO)
    deliveries_plan(now=datetime(2026, 3, 8, 8, 30, tzinfo=UTC))
    delivery = Delivery.objects.get()

    errors = run_at_once(lambda: delivery_send(delivery_id=delivery.pk), times=4)

    assert errors == []
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT and delivery.attempts == 1
