"""Rollups are recomputed only when their sources change; the lift compares the campaign's
control group with reinforced learners; small groups are suppressed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from bitewise.catalog.models import Question
from bitewise.insight.models import RetentionCheck, Rollup
from bitewise.insight.selectors.retention import event_lift
from bitewise.insight.services.rollups import rollup_read, rollups_refresh_due
from bitewise.insight.tests.world import build_world
from bitewise.reinforcement.services.events import campaign_create
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db


def test_a_rollup_is_recomputed_only_when_new_rows_arrive() -> None:
    world = build_world(learners=6)
    assert rollups_refresh_due() == 2
    assert rollups_refresh_due() == 0
    first = Rollup.objects.get(name="retention").computed_at

    RetentionCheck.objects.filter(learner=world.learners[0]).update(answered_at=None)
    RetentionCheck.objects.filter(learner=world.learners[0]).update(answered_at=timezone.now())

    assert rollups_refresh_due() == 1
    assert Rollup.objects.get(name="retention").computed_at > first


def test_the_retention_rollup_hides_groups_under_five_people() -> None:
    build_world(learners=4)
    payload = rollup_read("retention").payload
    assert all(not p["is_shown"] and p["observed"] is None for p in payload["curve"])
    assert all(row["observed"] is None for row in payload["per_credential"])


def test_the_retention_curve_shows_recall_falling_with_delay() -> None:
    build_world(learners=40, holdout_percent=0)
    curve = {p["delay_days"]: p for p in rollup_read("retention").payload["curve"]}
    assert curve[7]["observed"]["estimate"] > curve[90]["observed"]["estimate"]
    assert curve[90]["predicted"] == pytest.approx(0.55, abs=0.03)


def test_the_lift_compares_the_control_group_with_reinforced_learners() -> None:
    world = build_world(learners=60, holdout_percent=40)
    (result,) = event_lift(world.event)
    assert result.lift is not None
    reinforced, holdout = result.lift.reinforced, result.lift.holdout
    # Only checks answered after the event count: here the 90-day ones.
    assert 0 < reinforced.people + holdout.people <= 60
    assert holdout.people > 0 and reinforced.people > holdout.people // 2
    # The world makes held-back learners recall 15 points less.
    if result.lift.difference is not None:
        assert result.lift.difference.estimate > 0


def test_a_campaign_without_a_control_group_has_no_lift() -> None:
    world = build_world(learners=6)
    campaign_create(event=world.event, title="Reminders")
    results = event_lift(world.event)
    assert [r.lift is None for r in results] == [False, True]


def test_checks_answered_before_the_event_do_not_count() -> None:
    world = build_world(learners=6)
    RetentionCheck.objects.update(answered_at=world.event.starts_at - timedelta(days=1))
    (result,) = event_lift(world.event)
    assert result.lift is not None and result.lift.reinforced.checks == 0
    assert make_user()  # a learner outside the event changes nothing
    (again,) = event_lift(world.event)
    assert again.lift == result.lift


def test_recall_per_event_counts_registrants_on_reinforced_content_only() -> None:
    from bitewise.insight.selectors.retention import per_event
    from bitewise.reinforcement.models import EventRegistration, Step
    from bitewise.testing import make_micro_credential

    world = build_world(learners=8, holdout_percent=0)
    title = f"Spring congress · {world.event.starts_at:%Y-%m-%d}"
    event_checks = RetentionCheck.objects.filter(question__in=world.questions).count()
    later = timezone.now() - timedelta(days=2)

    def check(learner: Any, question: Any) -> None:
        RetentionCheck.objects.create(
            learner=learner,
            question=question,
            delay_days=7,
            learned_at=later - timedelta(days=8),
            due_at=later - timedelta(hours=1),
            answered_at=later,
            is_correct=True,
            choice_ids=[],
        )

    # A learner outside the event answers the reinforced question: not the event's; a
    # registrant answers a question no step reinforces: not the event's either.
    check(make_user(), world.questions[0])
    other = make_micro_credential(title="Elsewhere")
    check(world.learners[0], Question.objects.filter(lesson__in=other.lessons.all()).first())
    answered = RetentionCheck.objects.filter(answered_at__isnull=False)
    rows = per_event(answered)
    assert {r["title"] for r in rows} == {title}
    assert sum(r["checks"] for r in rows) == event_checks
    assert all(r["is_shown"] and r["observed"] is not None for r in rows)
    # Without the lesson step only the question step's question counts.
    Step.objects.filter(kind="lesson").delete()
    only_first = per_event(answered)
    first = answered.filter(question=world.questions[0], learner__in=world.learners)
    assert sum(r["checks"] for r in only_first) == first.count()
    for row in only_first:
        in_delay = first.filter(delay_days=row["delay_days"])
        assert row["people"] == in_delay.values("learner").distinct().count()
    # Four registrants left: each delay keeps its counts but shows no figure.
    EventRegistration.objects.filter(learner__in=world.learners[4:]).delete()
    small = per_event(answered)
    assert small and all(not r["is_shown"] and r["observed"] is None for r in small)
    assert all(0 < r["people"] < 5 for r in small)


def test_the_retention_rollup_holds_recall_per_event_on_its_page_too() -> None:
    build_world(learners=6)
    assert rollup_read("retention").payload["per_event"]
    page = rollup_read("retention", page=True).payload
    assert page["event_rows"] == len(page["per_event"]) == 3  # one event, three delays
