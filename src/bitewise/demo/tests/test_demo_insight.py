"""The demo's insight data: a retention curve that falls with time beside FSRS's
prediction, a lift report with a clear answer, and a check due in the learner's Today."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bitewise.demo import content
from bitewise.demo.insight import WORKSHOP
from bitewise.demo.loader import load_demo
from bitewise.insight.models import RetentionCheck
from bitewise.insight.selectors.retention import event_lift
from bitewise.insight.services.rollups import rollup_read
from bitewise.reinforcement.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    load_demo(password="demo-test-password")


def test_the_demo_retention_curve_falls_and_has_a_prediction_beside_it(loaded: None) -> None:
    curve = {p["delay_days"]: p for p in rollup_read("retention").payload["curve"]}
    observed = [curve[d]["observed"]["estimate"] for d in (7, 30, 90)]
    assert observed == sorted(observed, reverse=True)
    assert all(curve[d]["predicted"] is not None for d in (7, 30, 90))


def test_the_demo_lift_report_finds_the_reinforced_learners_recall_more(loaded: None) -> None:
    (result,) = event_lift(Event.objects.get(title=WORKSHOP))
    assert result.holdout_percent == 30
    assert result.lift is not None and result.lift.verdict == "better"


def test_the_demo_learner_has_a_check_due_and_a_second_load_adds_nothing(loaded: None) -> None:
    assert RetentionCheck.objects.filter(
        learner__email=content.LEARNER_EMAIL, answered_at=None
    ).exists()
    before = RetentionCheck.objects.count()
    load_demo(password="demo-test-password")
    assert RetentionCheck.objects.count() == before


def test_the_demo_shows_recall_per_event_for_the_workshop(loaded: None) -> None:
    event = Event.objects.get(title=WORKSHOP)
    rows = [
        r
        for r in rollup_read("retention").payload["per_event"]
        if r["title"].startswith(f"{WORKSHOP} · ")
    ]
    # The follow-up campaign asks three of the questions the cohort is checked on.
    assert sorted(r["delay_days"] for r in rows) == [7, 30, 90]
    assert all(r["is_shown"] and r["observed"] is not None for r in rows)
    assert (
        sum(r["checks"] for r in rows)
        == RetentionCheck.objects.filter(
            learner__event_registrations__event=event,
            answered_at__isnull=False,
            question__in=[s.question_id for s in event.campaigns.get().steps.all()],
        ).count()
    )
