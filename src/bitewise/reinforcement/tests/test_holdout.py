"""A campaign's control group: held-back registrants get none of its steps, the share is
stated on the staff page and fixed once steps went out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from bitewise.accounts.models import Role
from bitewise.engines.insight.sampling import is_held_out
from bitewise.reinforcement.models import Campaign, Delivery
from bitewise.reinforcement.services.events import campaign_holdout_set
from bitewise.reinforcement.services.scheduling import deliveries_plan
from bitewise.reinforcement.tests.factories import make_campaign, make_event, make_learner, register
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 9, 14, 0, tzinfo=UTC)


def test_held_back_registrants_get_no_steps_and_the_others_get_them() -> None:
    event = make_event(starts_at=START)
    campaign = make_campaign(event, offsets=[1])
    campaign_holdout_set(campaign=campaign, holdout_percent=50)
    learners = [make_learner() for _ in range(30)]
    for learner in learners:
        register(event, learner, at=START - timedelta(days=30))

    deliveries_plan(now=START + timedelta(days=1), horizon=timedelta(days=1))

    reached = set(Delivery.objects.values_list("learner_id", flat=True))
    held = {x.pk for x in learners if is_held_out(campaign.pk, x.pk, percent=50)}
    assert held and reached  # both groups have people
    assert reached == {x.pk for x in learners} - held


def test_no_control_group_means_everyone_gets_the_steps() -> None:
    event = make_event(starts_at=START)
    make_campaign(event, offsets=[1])
    learners = [make_learner() for _ in range(10)]
    for learner in learners:
        register(event, learner, at=START - timedelta(days=30))
    deliveries_plan(now=START + timedelta(days=1), horizon=timedelta(days=1))
    assert Delivery.objects.count() == 10


def test_the_control_group_is_fixed_once_steps_went_out() -> None:
    event = make_event(starts_at=START)
    campaign = make_campaign(event, offsets=[1])
    register(event, make_learner(), at=START - timedelta(days=30))
    deliveries_plan(now=START + timedelta(days=1), horizon=timedelta(days=1))
    with pytest.raises(ValidationError, match="fixed"):
        campaign_holdout_set(campaign=campaign, holdout_percent=20)
    assert Campaign.objects.get(pk=campaign.pk).holdout_percent == 0


@pytest.mark.parametrize("percent", [-1, 51])
def test_a_share_outside_0_to_50_is_refused(percent: int) -> None:
    campaign = make_campaign(make_event(starts_at=START), offsets=[1])
    with pytest.raises(ValidationError):
        campaign_holdout_set(campaign=campaign, holdout_percent=percent)


def test_staff_set_the_control_group_and_the_page_states_it(client: Client) -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=30))
    campaign = make_campaign(event, offsets=[1])
    for _ in range(10):
        register(event, make_learner(), at=datetime.now(UTC))
    client.force_login(make_user(role=Role.AUTHOR))
    url = f"/staff/reinforcement/events/{event.pk}/campaigns/{campaign.pk}/holdout"

    assert client.post(url, {"holdout_percent": "80"}).status_code == 400
    assert client.post(url, {"holdout_percent": "20"}).status_code == 302

    body = client.get(f"/staff/reinforcement/events/{event.pk}/").content.decode()
    assert "Control group: 20% of registrants" in body
    assert "of 10 now" in body
    assert f"/staff/insight/lift/{event.pk}/" in body


def test_a_new_campaign_can_start_with_a_control_group(client: Client) -> None:
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=30))
    client.force_login(make_user(role=Role.AUTHOR))
    client.post(
        f"/staff/reinforcement/events/{event.pk}/campaigns",
        {"title": "Follow-up", "holdout_percent": "25"},
    )
    assert event.campaigns.get().holdout_percent == 25
