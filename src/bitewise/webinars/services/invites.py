"""Emails to registrants, with an iCalendar invite that calendars update in place."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bitewise.common.links import absolute
from bitewise.common.mail_addresses import can_receive_mail
from bitewise.engines.calendar import EventInvite, build_invite
from bitewise.webinars.models import Registration, RegistrationStatus, Webinar, WebinarStatus

KINDS = {
    # kind: (subject prefix, calendar method or None for no attachment)
    "confirmation": ("Registered", "REQUEST"),
    "promoted": ("A seat opened: you are registered", "REQUEST"),
    "waitlisted": ("On the waiting list", None),
    "update": ("Updated", "REQUEST"),
    "cancelled": ("Cancelled", "CANCEL"),
    "withdrawn": ("Registration cancelled", "CANCEL"),
    "reminder_day": ("Tomorrow", None),
    "reminder_soon": ("Starting in 15 minutes", None),
}


STATUS_FOR = {
    "confirmation": RegistrationStatus.REGISTERED,
    "promoted": RegistrationStatus.REGISTERED,
    "waitlisted": RegistrationStatus.WAITLISTED,
    "update": RegistrationStatus.REGISTERED,
    "withdrawn": RegistrationStatus.CANCELLED,
    "reminder_day": RegistrationStatus.REGISTERED,
    "reminder_soon": RegistrationStatus.REGISTERED,
}


def webinar_url(webinar: Webinar) -> str:
    return absolute(reverse("webinars:detail", args=[webinar.pk]))


def invite_of(
    webinar: Webinar, *, attendee_email: str = "", attendee_name: str = ""
) -> EventInvite:
    host = urlsplit(settings.SITE_URL).hostname or "bitewise.invalid"
    organizer = settings.BITEWISE_ORGANIZER_EMAIL
    invite = EventInvite(
        uid=f"webinar-{webinar.pk}@{host}",
        sequence=webinar.sequence,
        title=webinar.title,
        description=f"{webinar.description}\n\nJoin: {webinar_url(webinar)}".strip(),
        start=webinar.starts_at,
        duration=webinar.ends_at - webinar.starts_at,
        tzid=webinar.time_zone,
        # The join page, not the platform link: it shows the link from shortly before the
        # start and records who came through it.
        location_url=absolute(reverse("webinars:join", args=[webinar.pk])),
        organizer_email=organizer,
        organizer_name=settings.BITEWISE_ORGANIZER_NAME,
        attendee_email=attendee_email,
        attendee_name=attendee_name,
        url=webinar_url(webinar),
    )
    # webinar_cancel and registration_cancel raise the webinar's SEQUENCE themselves.
    return (
        replace(invite, status="CANCELLED") if webinar.status == WebinarStatus.CANCELLED else invite
    )


def registration_ics(registration: Registration, *, method: str) -> bytes:
    invite = invite_of(
        registration.webinar,
        attendee_email=registration.learner.email,
        attendee_name=registration.learner.display_name,
    )
    if method == "CANCEL":
        # This attendee leaves (the event may go on): remove it from their calendar.
        invite = replace(invite, status="CANCELLED")
    return build_invite(invite, method=method, stamp=timezone.now())  # type: ignore[arg-type]


def registration_email_send(*, registration_id: int, kind: str) -> bool:
    """Send one email (a task runs this after commit). Returns False when it no longer
    applies: the learner cancelled since, or was moved off the list, or their address can
    never receive mail."""
    registration = (
        Registration.objects.select_related("webinar", "learner").filter(pk=registration_id).first()
    )
    if registration is None or not registration.learner.is_active:
        return False
    if not can_receive_mail(registration.learner.email):
        return False
    if kind == "cancelled":  # the webinar itself: everyone still on it hears
        current = registration.webinar.status == WebinarStatus.CANCELLED and (
            registration.status != RegistrationStatus.CANCELLED
        )
    else:
        current = registration.status == STATUS_FOR[kind]
    if not current:
        # Overtaken (e.g. cancelled and registered again before the worker got here):
        # only the message that matches the registration now is sent, and it carries the
        # webinar's current SEQUENCE, so calendars end in the right state.
        return False
    subject, method = KINDS[kind]
    webinar = registration.webinar
    context = {
        "registration": registration,
        "webinar": webinar,
        "kind": kind,
        "webinar_url": webinar_url(webinar),
        "join_url": absolute(reverse("webinars:join", args=[webinar.pk])),
        "local_start": webinar.local_starts_at,
    }
    message = EmailMultiAlternatives(
        subject=f"{subject}: {webinar.title}",
        body=render_to_string("webinars/email/registration.txt", context),
        to=[registration.learner.email],
    )
    message.attach_alternative(
        render_to_string("webinars/email/registration.html", context), "text/html"
    )
    if method is not None:
        ics = registration_ics(registration, method=method)
        message.attach("invite.ics", ics, f"text/calendar; method={method}")
    message.send()
    return True


def email_on_commit(registration_id: int, kind: str) -> None:
    """Queue the email after commit; nothing is queued for an address that can never
    receive mail."""
    from bitewise.webinars.tasks import registration_email_task

    address = (
        Registration.objects.filter(pk=registration_id)
        .values_list("learner__email", flat=True)
        .first()
    )
    if address is not None and not can_receive_mail(address):
        return
    transaction.on_commit(lambda: registration_email_task.enqueue(registration_id, kind))
