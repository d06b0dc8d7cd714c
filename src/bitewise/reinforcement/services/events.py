"""Staff writes: events, their campaigns and steps, and who is registered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import available_timezones

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, Question
from bitewise.engines.campaigns import StepOffset
from bitewise.membership.entitlements import AccessRefused, access_require
from bitewise.reinforcement.models import (
    Campaign,
    Delivery,
    DeliveryState,
    Event,
    EventRegistration,
    RegistrationSource,
    Step,
    StepKind,
)


@transaction.atomic
def event_create(
    *, title: str, starts_at: datetime, time_zone: str, kind: str, description: str = ""
) -> Event:
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": "The start needs a time zone."})
    if time_zone not in available_timezones():
        raise ValidationError({"time_zone": f"Unknown time zone “{time_zone}”."})
    event = Event(
        title=title, starts_at=starts_at, time_zone=time_zone, kind=kind, description=description
    )
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def campaign_create(*, event: Event, title: str, holdout_percent: int = 0) -> Campaign:
    campaign = Campaign(event=event, title=title, holdout_percent=holdout_percent)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_holdout_set(*, campaign: Campaign, holdout_percent: int) -> Campaign:
    """Change the control-group share; refused once a step was planned for anyone, since
    a new share would move learners between the groups the lift report compares."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if Delivery.objects.filter(step__campaign=campaign).exists():
        raise ValidationError(
            {"holdout_percent": "Steps have already gone out; the control group is fixed."}
        )
    campaign.holdout_percent = holdout_percent
    campaign.full_clean()
    campaign.save(update_fields=["holdout_percent"])
    return campaign


@transaction.atomic
def step_add(
    *,
    campaign: Campaign,
    offset_days: int,
    offset_hours: int = 0,
    kind: str,
    subject: str,
    message: str = "",
    lesson: Lesson | None = None,
    question: Question | None = None,
) -> Step:
    """A step delivering a lesson, a question or a message at an offset from the event."""
    try:
        StepOffset(offset_days, offset_hours)
    except ValueError as exc:
        raise ValidationError({"offset_days": str(exc)}) from exc
    needs = {
        StepKind.LESSON: (lesson, "lesson", "Pick the micro-lesson this step delivers."),
        StepKind.QUESTION: (question, "question", "Pick the quiz question this step asks."),
        StepKind.MESSAGE: (message.strip() or None, "message", "Write the message."),
    }
    if kind not in needs:
        raise ValidationError({"kind": "Unknown step kind."})
    value, field, missing = needs[StepKind(kind)]
    if value is None:
        raise ValidationError({field: missing})
    step = Step(
        campaign=campaign,
        offset_days=offset_days,
        offset_hours=offset_hours,
        kind=kind,
        subject=subject,
        message=message,
        lesson=lesson if kind == StepKind.LESSON else None,
        question=question if kind == StepKind.QUESTION else None,
    )
    step.full_clean()
    step.save()
    return step


@dataclass(frozen=True)
class Registered:
    registration: EventRegistration
    is_new: bool


def registration_add(
    *, event: Event, learner: User, source: str, now: datetime | None = None
) -> Registered:
    """Register a learner (idempotent). Steps already due at this moment are never sent."""
    if source == RegistrationSource.SELF and not event.is_open:
        raise ValidationError("This event is not open for registration.")
    if source == RegistrationSource.SELF and not event.self_registration_open(now):
        raise ValidationError("This event has taken place: registration has closed.")
    if source == RegistrationSource.SELF:
        try:
            access_require(person=learner, target=event)
        except AccessRefused as exc:
            raise ValidationError(str(exc)) from exc
    existing = EventRegistration.objects.filter(event=event, learner=learner).first()
    if existing is not None:
        return Registered(existing, False)
    try:
        with transaction.atomic():
            registration = EventRegistration.objects.create(
                event=event, learner=learner, source=source, created_at=now or timezone.now()
            )
    except IntegrityError:  # a concurrent request registered them first
        return Registered(EventRegistration.objects.get(event=event, learner=learner), False)
    return Registered(registration, True)


def registering_others_check(*, by: User | None) -> None:
    """Registering other people is managing people: admins only, as only admins see who
    registered (docs/security.md, "Roles"). ``None`` is the operator at the server."""
    if by is not None and not by.is_staff_admin:
        raise PermissionDenied("Only an admin can register other people for an event.")


def registration_add_by_email(*, event: Event, email: str, by: User | None) -> Registered:
    """An admin registers the person whose active account uses ``email``."""
    registering_others_check(by=by)
    learner = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if learner is None:
        raise ValidationError({"email": "No active Bitewise account uses this address."})
    return registration_add(event=event, learner=learner, source=RegistrationSource.STAFF)


@transaction.atomic
def registration_remove(*, event: Event, learner: User) -> bool:
    """Leave an event: its planned steps are skipped, nothing more is sent."""
    deleted, _ = EventRegistration.objects.filter(event=event, learner=learner).delete()
    Delivery.objects.filter(
        learner=learner, step__campaign__event=event, state=DeliveryState.PLANNED
    ).update(state=DeliveryState.SKIPPED, error="Left the event.")
    return deleted > 0
