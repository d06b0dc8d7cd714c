"""Observed delayed recall (retention checks) beside FSRS predictions, and the
reinforcement lift of an event's campaigns against their control groups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
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
from bitewise.reinforcement.models import Campaign, Event


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


def retention_compute() -> dict[str, Any]:
    """The curve, the calibration and recall per micro-credential, skill and learning
    cohort at each delay (a rollup)."""
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
