"""Scheduled: drop attempt counters and sign-ups nobody needs any more."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from bitewise.accounts.models import SignupRequest, Throttle
from bitewise.accounts.services.signups import LINK_VALID_FOR


def accounts_prune() -> int:
    """Counters whose window and lock are over, and sign-up links past their life."""
    now = timezone.now()
    counters, _ = Throttle.objects.filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=now), window_ends_at__lte=now
    ).delete()
    signups, _ = SignupRequest.objects.filter(
        created_at__lte=now - LINK_VALID_FOR - timedelta(days=1)
    ).delete()
    return counters + signups
