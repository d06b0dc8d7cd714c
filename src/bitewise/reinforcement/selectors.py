"""Reads: the learner's Today items, events, follows; permission-checked by construction
(every learner query filters on the learner)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Skill
from bitewise.reinforcement.models import (
    Delivery,
    DeliveryState,
    Event,
    EventRegistration,
    TopicFollow,
)
from bitewise.reinforcement.models.events import SELF_REGISTRATION_AFTER
from bitewise.reinforcement.services.preferences import preferences_of


@dataclass(frozen=True)
class TodayItem:
    delivery_id: int
    kind: str
    subject: str
    message: str
    event_title: str
    due_at: datetime
    lesson_id: int | None
    question_id: int | None


def today_items(learner: User, *, now: datetime | None = None) -> list[TodayItem]:
    """The learner's own campaign steps that reached them today (their zone)."""
    now = now or timezone.now()
    zone = ZoneInfo(preferences_of(learner).time_zone)
    local_midnight = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    rows = (
        Delivery.objects.filter(
            learner=learner,
            due_at__gte=local_midnight,
            due_at__lt=local_midnight + timedelta(days=1),
        )
        .filter(due_at__lte=now)
        .exclude(state=DeliveryState.SKIPPED, error="Left the event.")
        .select_related("step__campaign__event")
        .order_by("due_at", "pk")
    )
    return [
        TodayItem(
            delivery_id=d.pk,
            kind=d.step.kind,
            subject=d.step.subject,
            message=d.step.message,
            event_title=d.step.campaign.event.title,
            due_at=d.due_at,
            lesson_id=d.step.lesson_id,
            question_id=d.step.question_id,
        )
        for d in rows
    ]


def events_upcoming(*, now: datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    return Event.objects.filter(starts_at__gte=now - SELF_REGISTRATION_AFTER)


def access_event(event_id: int) -> Event:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        raise Http404("No such event")
    return event


def is_registered(event: Event, learner: User) -> bool:
    return EventRegistration.objects.filter(event=event, learner=learner).exists()


def followed_skill_ids(learner: User) -> set[int]:
    return set(TopicFollow.objects.filter(learner=learner).values_list("skill_id", flat=True))


def skills_all() -> QuerySet[Skill]:
    return Skill.objects.order_by("name")
