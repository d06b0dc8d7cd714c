"""Create, change, publish and cancel micro-webinars; registrants hear of every change."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import (
    MAX_MINUTES,
    MIN_MINUTES,
    Registration,
    RegistrationStatus,
    Webinar,
    WebinarStatus,
)

# Changing one of these sends the registrants an updated invite (SEQUENCE + 1).
INVITE_FIELDS = ("title", "description", "starts_at", "time_zone", "duration_minutes", "join_url")
EDITABLE = (
    *INVITE_FIELDS,
    "presenter",
    "capacity",
    "credit_program",
    "series",
    "checks_planned",
    "assessment",
    "self_study_program",
    "self_study_percent",
    "follow_up",
)


def webinar_validate(values: dict[str, Any]) -> None:
    zone = values.get("time_zone")
    if zone is not None:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError, IsADirectoryError) as exc:
            raise WebinarError(f"“{zone}” is not a time zone (use e.g. America/Chicago).") from exc
    minutes = values.get("duration_minutes")
    if minutes is not None and not MIN_MINUTES <= int(minutes) <= MAX_MINUTES:
        raise WebinarError(
            f"A micro-webinar lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}."
        )
    for name, low, high in (
        ("self_study_percent", 1, 100),
        ("capacity", 0, 100_000),
        ("checks_planned", 0, 20),
    ):
        value = values.get(name)
        if value is not None and not low <= int(value) <= high:
            raise WebinarError(f"{name.replace('_', ' ').capitalize()} must be {low} to {high}.")
    starts = values.get("starts_at")
    if isinstance(starts, datetime) and timezone.is_naive(starts):
        raise WebinarError("The start time needs a time zone.")


@transaction.atomic
def webinar_create(*, by: User | None, skills: list[Any] | None = None, **values: Any) -> Webinar:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not webinar fields: {sorted(unknown)}")
    webinar_validate(values)
    webinar = Webinar.objects.create(created_by=by, **values)
    if skills:
        webinar.skills.set(skills)
    return webinar


@transaction.atomic
def webinar_update(*, webinar: Webinar, skills: list[Any] | None = None, **changes: Any) -> Webinar:
    """Apply ``changes``; when a published webinar's time, place or text changes, every
    registrant gets the updated invite (same UID, SEQUENCE raised)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not webinar fields: {sorted(unknown)}")
    if webinar.status == WebinarStatus.CANCELLED:
        raise WebinarError("A cancelled webinar cannot be changed.")
    webinar_validate(changes)
    changed = [name for name, value in changes.items() if getattr(webinar, name) != value]
    for name in changed:
        setattr(webinar, name, changes[name])
    announce = webinar.status == WebinarStatus.PUBLISHED and any(
        name in INVITE_FIELDS for name in changed
    )
    if announce:
        webinar.sequence += 1
    webinar.save()
    if skills is not None:
        webinar.skills.set(skills)
    if announce:
        _notify(webinar, statuses=[RegistrationStatus.REGISTERED], kind="update")
    return webinar


@transaction.atomic
def webinar_publish(*, webinar: Webinar) -> Webinar:
    if webinar.status == WebinarStatus.CANCELLED:
        raise WebinarError("A cancelled webinar cannot be published again; create a new one.")
    if webinar.ends_at <= timezone.now():
        raise WebinarError("This webinar is in the past; change its start time first.")
    webinar.status = WebinarStatus.PUBLISHED
    webinar.save(update_fields=["status", "updated_at"])
    return webinar


@transaction.atomic
def webinar_cancel(*, webinar: Webinar) -> Webinar:
    """Cancel: registrants' calendars remove the event (METHOD:CANCEL, SEQUENCE raised)."""
    if webinar.status == WebinarStatus.CANCELLED:
        return webinar
    if webinar.ends_at <= timezone.now():
        raise WebinarError("This session is over; there is nothing left to cancel.")
    was_published = webinar.status == WebinarStatus.PUBLISHED
    webinar.status = WebinarStatus.CANCELLED
    webinar.sequence += 1
    webinar.save(update_fields=["status", "sequence", "updated_at"])
    if was_published:
        _notify(
            webinar,
            statuses=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED],
            kind="cancelled",
        )
    return webinar


def _notify(webinar: Webinar, *, statuses: list[str], kind: str) -> None:
    from bitewise.webinars.services.invites import email_on_commit

    for registration_id in Registration.objects.filter(
        webinar=webinar, status__in=statuses
    ).values_list("pk", flat=True):
        email_on_commit(registration_id, kind)
