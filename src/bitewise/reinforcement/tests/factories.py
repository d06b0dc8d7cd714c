"""Builders for the reinforcement tests, through the services."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bitewise.accounts.models import User
from bitewise.reinforcement.models import Campaign, Event, RegistrationSource, Step, StepKind
from bitewise.reinforcement.services.events import (
    campaign_create,
    event_create,
    registration_add,
    step_add,
)
from bitewise.reinforcement.services.preferences import preferences_save
from bitewise.testing import make_user


def make_event(
    *, starts_at: datetime, time_zone: str = "UTC", title: str = "Annual congress"
) -> Event:
    return event_create(title=title, starts_at=starts_at, time_zone=time_zone, kind="conference")


def make_campaign(event: Event, *, offsets: Sequence[int] = (-14, -7, -1, 1, 7, 30)) -> Campaign:
    campaign = campaign_create(event=event, title=f"Before and after {event.title}")
    for days in offsets:
        step_add(
            campaign=campaign,
            offset_days=days,
            kind=StepKind.MESSAGE,
            subject=f"Step {days:+d} d",
            message=f"A short note for {days:+d} days.",
        )
    return campaign


def step_at(campaign: Campaign, days: int) -> Step:
    return campaign.steps.get(offset_days=days, offset_hours=0)


def make_learner(
    *,
    email: str | None = None,
    time_zone: str = "UTC",
    quiet_hours: str = "",
    email_on: bool = True,
) -> User:
    learner = make_user(email=email)
    if time_zone != "UTC" or quiet_hours or not email_on:
        preferences_save(
            learner=learner, time_zone=time_zone, quiet_hours=quiet_hours, is_email_enabled=email_on
        )
    return learner


def register(event: Event, learner: User, *, at: datetime) -> None:
    registration_add(event=event, learner=learner, source=RegistrationSource.STAFF, now=at)
