"""A learner's retention checks for Today: due, not answered, not from a micro-credential
they unsubscribed from, none during a vacation hold, and only in the room the daily review
cap leaves (engines.insight.sampling.checks_allowed_today)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.engines.insight.sampling import checks_allowed_today
from bitewise.insight.models import RetentionCheck
from bitewise.learning.models import Enrollment
from bitewise.reviews.selectors import day_start, hold_of, preferences_of


def _dropped(learner: User) -> tuple[Exists, Exists]:
    def enrolled(is_active: bool) -> Exists:
        return Exists(
            Enrollment.objects.filter(
                learner=learner,
                is_active=is_active,
                micro_credential__memberships__lesson=OuterRef("question__lesson"),
            )
        )

    return enrolled(False), enrolled(True)


def checks_done_today(learner: User, now: datetime) -> int:
    start = day_start(timezone.localdate(now))
    return RetentionCheck.objects.filter(learner=learner, answered_at__gte=start).count()


def checks_for_today(
    *, learner: User, reviews_done: int, reviews_waiting: int, now: datetime | None = None
) -> list[RetentionCheck]:
    now = now or timezone.now()
    hold = hold_of(preferences_of(learner), today=timezone.localdate(now))
    if hold is not None and hold.is_active(now):
        return []
    allowed = checks_allowed_today(
        daily_cap=settings.BITEWISE_REVIEWS_PER_DAY,
        reviews_done=reviews_done,
        reviews_waiting=reviews_waiting,
        checks_done=checks_done_today(learner, now),
        checks_per_day=settings.BITEWISE_RETENTION_CHECKS_PER_DAY,
    )
    if allowed <= 0:
        return []
    dropped, followed = _dropped(learner)
    return list(
        RetentionCheck.objects.filter(learner=learner, answered_at=None, due_at__lte=now)
        .exclude(dropped & ~followed)
        .select_related("question")
        .prefetch_related("question__choices")
        .order_by("due_at", "pk")[:allowed]
    )


def access_check(*, learner: User, check_id: int) -> RetentionCheck:
    check = RetentionCheck.objects.filter(pk=check_id, learner=learner).first()
    if check is None:
        raise Http404("No such check")
    return check
