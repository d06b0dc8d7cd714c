"""The learner's vacation hold and review digest choice."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.engines.spacing import MAX_HOLD_DAYS, hold_problem
from bitewise.reinforcement.models import UnsubscribeScope
from bitewise.reinforcement.services.unsubscribe import resubscribe
from bitewise.reviews.errors import ReviewError
from bitewise.reviews.models import ReviewPreferences

__all__ = ["MAX_HOLD_DAYS", "hold_check", "preferences_update"]


def hold_check(*, hold_from: date | None, hold_to: date | None, today: date) -> None:
    """Raise ReviewError unless the hold is none, or a forward range of at most 90 days
    that has not already ended and ends at most a year ahead."""
    problem = hold_problem(hold_from, hold_to, today=today)
    if problem is not None:
        raise ReviewError(problem)


@transaction.atomic
def preferences_update(
    *,
    learner: User,
    hold_from: date | None,
    hold_to: date | None,
    is_digest_wanted: bool,
    now: datetime | None = None,
) -> ReviewPreferences:
    """Save the hold (both dates inclusive) and the digest choice. Opting in makes the
    next scheduler run consider a digest; opting out and in again keeps the next date, so
    it never brings a second digest the same day; saving with the digest wanted also undoes
    an earlier one-click unsubscribe from review reminders."""
    now = now or timezone.now()
    hold_check(hold_from=hold_from, hold_to=hold_to, today=timezone.localdate(now))
    preferences, _ = ReviewPreferences.objects.select_for_update().get_or_create(learner=learner)
    if is_digest_wanted:  # saving with the box ticked undoes a one-click unsubscribe
        resubscribe(learner=learner, scope=UnsubscribeScope.REVIEWS)
    preferences.hold_from, preferences.hold_to = hold_from, hold_to
    preferences.is_digest_wanted = is_digest_wanted
    if is_digest_wanted and preferences.digest_next_at is None:
        preferences.digest_next_at = now
    preferences.save(update_fields=["hold_from", "hold_to", "is_digest_wanted", "digest_next_at"])
    return preferences
