"""A learner's delivery settings: zone, quiet hours, email on/off."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from bitewise.accounts.models import User
from bitewise.engines.campaigns import QuietHours, QuietHoursError, parse_quiet_hours
from bitewise.reinforcement.models import DeliveryPreferences


@dataclass(frozen=True)
class LearnerSettings:
    time_zone: str
    quiet_hours: str  # "" = the site default
    is_email_enabled: bool


def site_quiet_hours() -> QuietHours:
    return parse_quiet_hours(settings.BITEWISE_QUIET_HOURS)


def quiet_hours_of(text: str | None) -> QuietHours:
    return parse_quiet_hours(text) if text else site_quiet_hours()


def preferences_of(learner: User) -> LearnerSettings:
    prefs = DeliveryPreferences.objects.filter(learner=learner).first()
    if prefs is None:
        return LearnerSettings("UTC", "", True)
    return LearnerSettings(prefs.time_zone, prefs.quiet_hours, prefs.is_email_enabled)


@transaction.atomic
def preferences_save(
    *, learner: User, time_zone: str, quiet_hours: str, is_email_enabled: bool
) -> DeliveryPreferences:
    """Validate and store; deliveries already planned keep their time, new ones use these."""
    if time_zone not in available_timezones():
        raise ValidationError({"time_zone": f"Unknown time zone “{time_zone}”."})
    try:
        parse_quiet_hours(quiet_hours)
    except QuietHoursError as exc:
        raise ValidationError({"quiet_hours": str(exc)}) from exc
    prefs, _ = DeliveryPreferences.objects.update_or_create(
        learner=learner,
        defaults={
            "time_zone": time_zone,
            "quiet_hours": quiet_hours.strip(),
            "is_email_enabled": is_email_enabled,
        },
    )
    return prefs
