"""Credential activity counters: one row per day and kind, incremented in place. Called by
the credentials app's public page, downloads, LinkedIn link and /api/verify; nothing about
the visitor is stored."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from bitewise.insight.models import ActivityKind, CredentialActivity


def credential_activity_count(*, kind: ActivityKind | str, day: date | None = None) -> None:
    """One more look of ``kind`` today (credentials.activity names it by value)."""
    kind = ActivityKind(kind)  # an unknown kind is a ValueError, not a new counter
    day = day or timezone.localdate()
    if CredentialActivity.objects.filter(day=day, kind=kind).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            CredentialActivity.objects.create(day=day, kind=kind, count=1)
    except IntegrityError:  # another request made today's row first
        CredentialActivity.objects.filter(day=day, kind=kind).update(count=F("count") + 1)
