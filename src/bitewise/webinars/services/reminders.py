"""Reminders 24 hours and 15 minutes before: a due-date query plus an atomic claim per
registration, so two schedulers never send one twice."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from bitewise.webinars.models import Registration, RegistrationStatus, WebinarStatus
from bitewise.webinars.services.invites import email_on_commit
from bitewise.webinars.services.registration import DAY_BEFORE, SOON_BEFORE

REMINDERS = (
    ("reminded_day_at", DAY_BEFORE, "reminder_day"),
    ("reminded_soon_at", SOON_BEFORE, "reminder_soon"),
)


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Queue every reminder now due; returns how many."""
    now = now or timezone.now()
    sent = 0
    for column, before, kind in REMINDERS:
        due = Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            webinar__status=WebinarStatus.PUBLISHED,
            webinar__starts_at__gt=now,
            webinar__starts_at__lte=now + before,
            **{f"{column}__isnull": True},
        ).values_list("pk", flat=True)
        for registration_id in list(due):
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=registration_id, **{f"{column}__isnull": True}
                ).update(**{column: now})
                if claimed:
                    email_on_commit(registration_id, kind)
                    sent += 1
    return sent
