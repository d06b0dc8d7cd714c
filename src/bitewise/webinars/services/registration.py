"""Register for a micro-webinar, with a waiting list when it is full."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.membership.entitlements import AccessRefused, access_require
from bitewise.webinars.errors import WebinarError
from bitewise.webinars.models import Registration, RegistrationStatus, Webinar, WebinarStatus
from bitewise.webinars.services.invites import email_on_commit

DAY_BEFORE = timedelta(hours=24)
SOON_BEFORE = timedelta(minutes=15)

Status = RegistrationStatus


def _locked(webinar: Webinar) -> Webinar:
    """The webinar row, locked: seats are counted and given one registration at a time
    (PostgreSQL row lock; SQLite's IMMEDIATE transactions serialize writers)."""
    return Webinar.objects.select_for_update().get(pk=webinar.pk)


def _seats_taken(webinar: Webinar) -> int:
    return Registration.objects.filter(webinar=webinar, status=Status.REGISTERED).count()


@transaction.atomic
def registration_create(*, learner: User, webinar: Webinar) -> Registration:
    """Register ``learner`` (a seat, or a place on the waiting list when full); registering
    again is harmless. The confirmation email carries the calendar invite."""
    webinar = _locked(webinar)
    now = timezone.now()
    if webinar.status != WebinarStatus.PUBLISHED:
        raise WebinarError("This webinar is not open for registration.")
    if webinar.ends_at <= now:
        raise WebinarError("This webinar has ended; watch the recording instead.")
    try:
        access_require(person=learner, target=webinar)
    except AccessRefused as exc:
        raise WebinarError(str(exc)) from exc
    registration = Registration.objects.filter(webinar=webinar, learner=learner).first()
    if registration is not None and registration.status != Status.CANCELLED:
        return registration
    full = webinar.capacity and _seats_taken(webinar) >= webinar.capacity
    status = Status.WAITLISTED if full else Status.REGISTERED
    # Reminders that are already due when one registers are not sent: the confirmation
    # has just told them.
    reminded_day = now if webinar.starts_at - now <= DAY_BEFORE else None
    reminded_soon = now if webinar.starts_at - now <= SOON_BEFORE else None
    fields = {
        "status": status,
        "seated_at": None if full else now,
        "reminded_day_at": reminded_day,
        "reminded_soon_at": reminded_soon,
    }
    if registration is None:
        registration = Registration.objects.create(webinar=webinar, learner=learner, **fields)
    else:
        for name, value in fields.items():
            setattr(registration, name, value)
        registration.created_at = now  # back of the queue
        registration.save()
        # The learner's calendar saw a CANCEL; the new invite must outrank it.
        Webinar.objects.filter(pk=webinar.pk).update(sequence=F("sequence") + 1)
    email_on_commit(registration.pk, "waitlisted" if full else "confirmation")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """The learner withdraws: their calendar drops the event, and the first person on
    the waiting list gets the seat."""
    webinar = _locked(registration.webinar)
    registration.refresh_from_db()
    if registration.status == Status.CANCELLED:
        return registration
    had_seat = registration.status == Status.REGISTERED
    registration.status = Status.CANCELLED
    registration.seated_at = None
    registration.save(update_fields=["status", "seated_at"])
    Webinar.objects.filter(pk=webinar.pk).update(sequence=F("sequence") + 1)
    email_on_commit(registration.pk, "withdrawn")
    if had_seat:
        _promote(webinar)
    return registration


def _promote(webinar: Webinar) -> None:
    if webinar.capacity and _seats_taken(webinar) >= webinar.capacity:
        return
    waiting = (
        Registration.objects.filter(webinar=webinar, status=Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None or webinar.ends_at <= timezone.now():
        return
    waiting.status = Status.REGISTERED
    waiting.seated_at = timezone.now()
    waiting.save(update_fields=["status", "seated_at"])
    email_on_commit(waiting.pk, "promoted")
