"""Observed delayed recall (retention checks) beside FSRS predictions, and the
reinforcement lift of an event's campaigns against their control groups."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth

from bitewise.engines.insight.lift import Group, Lift, lift
from bitewise.engines.insight.privacy import is_shown
from bitewise.engines.insight.retention import (
    GroupCount,
    Observation,
    calibration,
    group_recall,
    retention_curve,
)
from bitewise.engines.insight.sampling import is_held_out
from bitewise.engines.insight.stats import wilson
from bitewise.insight.models import RetentionCheck
from bitewise.reinforcement.models import Campaign, Event, Step


@dataclass(frozen=True)
class CampaignLift:
    campaign_id: int
    title: str
    holdout_percent: int
    lift: Lift | None  # None: no control group to compare with


def _per_group(
    answered: QuerySet[RetentionCheck], group: str, label: Callable[[Any], str] = str
) -> list[dict[str, Any]]:
    """Recall per value of ``group`` (a field path or annotation) and delay: one query."""
    rows = (
        answered.values(group, "delay_days")
        .annotate(
            checks=Count("pk"),
            right=Count("pk", filter=Q(is_correct=True)),
            people=Count("learner_id", distinct=True),
        )
        .order_by()
    )
    counts = [
        GroupCount(
            label(r[group]),
            r["delay_days"],
            r["people"],
            r["checks"],
            r["right"],
        )
        for r in rows
    ]
    return [asdict(row) for row in group_recall(counts)]


def per_skill(answered: QuerySet[RetentionCheck]) -> list[dict[str, Any]]:
    """Observed recall per skill of the checked question's lesson, over the delays."""
    return _per_group(
        answered.filter(question__lesson__skills__isnull=False), "question__lesson__skills__name"
    )


def per_cohort(answered: QuerySet[RetentionCheck]) -> list[dict[str, Any]]:
    """Observed recall per learning cohort (the month, in the site's zone, the item was
    first answered), over the delays: does a later cohort keep more?"""
    cohorts = answered.annotate(cohort=TruncMonth("learned_at"))
    return _per_group(cohorts, "cohort", lambda month: f"Learned in {month:%Y-%m}")


def event_label(title: str, starts_at: datetime, zone: str) -> str:
    """An event's name in the figures, with the day it starts in its own zone (two events
    may share a title)."""
    try:
        day = starts_at.astimezone(ZoneInfo(zone)).date()
    except (ValueError, OSError, ZoneInfoNotFoundError):  # OSError: a folder's name
        day = starts_at.date()
    return f"{title} · {day:%Y-%m-%d}"


def per_event(answered: QuerySet[RetentionCheck]) -> list[dict[str, Any]]:
    """Observed recall per event over the delays. A check counts for an event when its
    learner is registered to the event (control group included) and the checked question
    is content the event's campaigns reinforce: the question of a question step, or any
    question of the lesson of a lesson step. Two queries however many checks."""
    registered = answered.annotate(event=F("learner__event_registrations__event"))
    reinforced = Step.objects.filter(campaign__event=OuterRef("event")).filter(
        Q(question=OuterRef("question")) | Q(lesson=OuterRef("question__lesson"))
    )
    counted = registered.filter(event__isnull=False).filter(Exists(reinforced))
    events = Event.objects.filter(campaigns__steps__isnull=False).distinct()
    labels = {
        pk: event_label(title, starts_at, zone)
        for pk, title, starts_at, zone in events.values_list(
            "pk", "title", "starts_at", "time_zone"
        )
    }
    seen = Counter(labels.values())
    labels = {pk: f"{a} #{pk}" if seen[a] > 1 else a for pk, a in labels.items()}
    return _per_group(counted, "event", lambda pk: labels.get(pk, f"Event {pk}"))


def retention_compute() -> dict[str, Any]:
    """The curve, the calibration and recall per micro-credential, skill, event and
    learning cohort at each delay (a rollup)."""
    answered = RetentionCheck.objects.filter(answered_at__isnull=False)
    observations = [
        Observation(learner, delay, bool(ok), predicted)
        for learner, delay, ok, predicted in answered.values_list(
            "learner_id", "delay_days", "is_correct", "predicted_recall"
        ).iterator(chunk_size=10_000)
    ]
    per_credential = []
    for row in (
        answered.filter(question__lesson__memberships__isnull=False)
        .values(
            "question__lesson__memberships__micro_credential_id",
            "question__lesson__memberships__micro_credential__title",
            "delay_days",
        )
        .annotate(
            checks=Count("pk"),
            right=Count("pk", filter=Q(is_correct=True)),
            people=Count("learner_id", distinct=True),
        )
        .order_by("question__lesson__memberships__micro_credential__title", "delay_days")
    ):
        shown = is_shown(row["people"])
        interval = wilson(row["right"], row["checks"]) if shown else None
        per_credential.append(
            {
                "title": row["question__lesson__memberships__micro_credential__title"],
                "delay_days": row["delay_days"],
                "people": row["people"],
                "checks": row["checks"],
                "is_shown": shown,
                "observed": asdict(interval) if interval else None,
            }
        )
    return {
        "curve": [asdict(p) for p in retention_curve(observations)],
        "calibration": asdict(calibration(observations)),
        "per_credential": per_credential,
        "per_skill": per_skill(answered),
        "per_cohort": per_cohort(answered),
        "per_event": per_event(answered),
        "checks": len(observations),
        "people": len({o.learner_id for o in observations}),
    }


def event_lift(event: Event) -> list[CampaignLift]:
    """For each campaign of the event: the checks its registrants answered since the event
    started, reinforced vs held back. Two queries however many registrants."""
    campaigns = list(Campaign.objects.filter(event=event).order_by("pk"))
    if not any(c.holdout_percent for c in campaigns):
        return [CampaignLift(c.pk, c.title, 0, None) for c in campaigns]
    per_learner = list(
        RetentionCheck.objects.filter(
            learner__event_registrations__event=event, answered_at__gte=event.starts_at
        )
        .values_list("learner_id")
        .annotate(checks=Count("pk"), right=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    )
    results = []
    for campaign in campaigns:
        if not campaign.holdout_percent:
            results.append(CampaignLift(campaign.pk, campaign.title, 0, None))
            continue
        groups = {True: [0, 0, 0], False: [0, 0, 0]}  # held out: people, checks, right
        for learner_id, checks, right in per_learner:
            tally = groups[is_held_out(campaign.pk, learner_id, percent=campaign.holdout_percent)]
            tally[0] += 1
            tally[1] += checks
            tally[2] += right
        results.append(
            CampaignLift(
                campaign.pk,
                campaign.title,
                campaign.holdout_percent,
                lift(Group(*groups[False]), Group(*groups[True])),
            )
        )
    return results
