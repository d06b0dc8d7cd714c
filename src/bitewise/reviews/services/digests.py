"""The daily review digest: a due-date column (ReviewPreferences.digest_next_at) plus an
atomic claim that moves it to the next day, so two schedulers never send one twice and no
learner gets more than one a day. It honours the reinforcement app's email unsubscribes and
carries its RFC 8058 one-click unsubscribe headers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.learning.models import QuestionAnswer
from bitewise.reinforcement.models import UnsubscribeScope
from bitewise.reinforcement.services.sending import (
    OneClickEmail,
    list_unsubscribe_headers,
    unsubscribe_url,
)
from bitewise.reinforcement.services.unsubscribe import UnsubscribeRequest, email_allowed
from bitewise.reviews import selectors
from bitewise.reviews.models import ReviewCard, ReviewPreferences
from bitewise.reviews.services.cards import cards_sync

# Digests go out from this hour of the site's day (the first scheduler run after it).
DIGEST_TIME = time(8, 0)
# For "about N minutes": a multiple-choice review read on a phone.
SECONDS_PER_REVIEW = 30


def next_digest_at(now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    return datetime.combine(tomorrow, DIGEST_TIME, tzinfo=timezone.get_default_timezone())


def digests_due(due: Exists | Q, *, now: datetime) -> QuerySet[ReviewPreferences]:
    """Opted-in, active learners whose digest time has come, not on hold, for whom ``due``
    (an ``Exists`` on their rows, ``OuterRef("learner")``) holds."""
    today = timezone.localdate(now)
    return (
        ReviewPreferences.objects.filter(
            due, is_digest_wanted=True, digest_next_at__lte=now, learner__is_active=True
        )
        .exclude(hold_from__lte=today, hold_to__gte=today)
        .select_related("learner")
    )


def digests_plan(
    candidates: Iterable[ReviewPreferences],
    *,
    now: datetime,
    applies: Callable[[ReviewPreferences], bool],
    send_on_commit: Callable[[int], None],
) -> int:
    """The daily slot's claim, for each planner (reviews here, retention checks in insight):
    a learner who may not be emailed has the date moved on; one for whom the digest
    ``applies`` is claimed once (a conditional update) and sent after commit."""
    queued = 0
    for preferences in candidates:
        if not email_allowed(learner_id=preferences.learner_id, scope=UnsubscribeScope.REVIEWS):
            # Not sent today; moving the date keeps it from being looked at every run.
            _claim(preferences, now)
            continue
        if not applies(preferences):
            continue  # looked at again on a later run, nothing claimed
        with transaction.atomic():
            if _claim(preferences, now):
                send_on_commit(preferences.learner_id)
                queued += 1
    return queued


def _claim(preferences: ReviewPreferences, now: datetime) -> bool:
    return bool(
        ReviewPreferences.objects.filter(
            pk=preferences.pk, digest_next_at=preferences.digest_next_at
        ).update(digest_next_at=next_digest_at(now))
    )


def review_digests_plan_due(*, now: datetime | None = None) -> int:
    """Queue a digest for each opted-in learner whose digest time has come, who has
    reviews due today (a hold means none) and may be emailed; returns how many were queued."""
    now = now or timezone.now()
    some_due = ReviewCard.objects.filter(learner=OuterRef("learner"), due_at__lte=now)
    # Answers given since the learner last opened Today have no card yet (cards are made
    # from answers when Today or the API is read): they may be what is due.
    some_without_card = QuestionAnswer.objects.filter(learner=OuterRef("learner")).filter(
        ~Exists(
            ReviewCard.objects.filter(learner=OuterRef("learner"), question=OuterRef("question"))
        )
    )

    def has_reviews(preferences: ReviewPreferences) -> bool:
        cards_sync(learner=preferences.learner)
        # Held, or the due cards are moved by a hold: not claimed, looked at again later.
        return bool(selectors.review_queue(learner=preferences.learner, now=now).cards)

    return digests_plan(
        digests_due(Exists(some_due) | Exists(some_without_card), now=now),
        now=now,
        applies=has_reviews,
        send_on_commit=digest_on_commit,
    )


def digest_on_commit(learner_id: int) -> None:
    from bitewise.reviews.tasks import review_digest_task

    transaction.on_commit(lambda: review_digest_task.enqueue(learner_id))


def review_digest_send(*, learner_id: int) -> bool:
    """Send one digest (a task runs this after commit); False when it no longer applies:
    opted out or unsubscribed since, inactive, on hold or nothing due any more."""
    learner = User.objects.filter(pk=learner_id, is_active=True).first()
    if learner is None or not selectors.preferences_of(learner).is_digest_wanted:
        return False
    queue = selectors.review_queue(learner=learner)
    if not queue.cards:
        return False
    # Checked again as late as possible: an unsubscribe may have landed since planning.
    if not email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.REVIEWS):
        return False
    site = settings.SITE_URL.rstrip("/")
    reviews_link = unsubscribe_url(UnsubscribeRequest(learner.pk, UnsubscribeScope.REVIEWS))
    context = {
        "learner": learner,
        "queue": queue,
        "minutes": max(1, -(-len(queue.cards) * SECONDS_PER_REVIEW // 60)),
        "today_url": site + reverse("reviews:today"),
        "settings_url": site + reverse("reviews:today") + "#review-settings",
        "unsubscribe_reviews_url": reviews_link,
        "unsubscribe_all_url": unsubscribe_url(
            UnsubscribeRequest(learner.pk, UnsubscribeScope.ALL)
        ),
    }
    count = len(queue.cards)
    message = OneClickEmail(
        subject=f"{count} review{'s' if count != 1 else ''} due today",
        body=render_to_string("reviews/email/digest.txt", context),
        to=[learner.email],
        headers=list_unsubscribe_headers(reviews_link),
    )
    message.attach_alternative(render_to_string("reviews/email/digest.html", context), "text/html")
    message.send()
    return True
