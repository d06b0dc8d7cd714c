"""The daily digest for learners with retention checks due and no review due: without it
they would get no email at all (the review digest is planned from due review cards).

It is the review digest's daily slot: the same opt-in, the same claim on
``ReviewPreferences.digest_next_at`` (so a learner gets one digest a day, whichever planner
claims it), the same unsubscribe scope and one-click headers from the reinforcement app.
A learner with reviews due is left to the review digest, which mentions their checks; the
checks offered are Today's (inside the daily cap, none during a hold or from a dropped
micro-credential)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.insight.models import RetentionCheck
from bitewise.insight.selectors.checks import checks_for_today
from bitewise.reinforcement.models import UnsubscribeScope
from bitewise.reinforcement.services.sending import (
    OneClickEmail,
    list_unsubscribe_headers,
    unsubscribe_url,
)
from bitewise.reinforcement.services.unsubscribe import UnsubscribeRequest, email_allowed
from bitewise.reviews import selectors
from bitewise.reviews.services.cards import cards_sync
from bitewise.reviews.services.digests import (
    digests_due,
    digests_plan,
    review_digest_send,
)


def _checks_only(learner: User, now: datetime) -> list[RetentionCheck]:
    """Today's checks when the learner has no review today; [] otherwise."""
    cards_sync(learner=learner)
    queue = selectors.review_queue(learner=learner, now=now)
    if queue.cards or queue.is_on_hold:
        return []
    return checks_for_today(
        learner=learner, reviews_done=queue.done_today, reviews_waiting=0, now=now
    )


def check_digests_plan_due(*, now: datetime | None = None) -> int:
    """Queue a digest for each opted-in learner whose digest time has come, with checks due
    and no review due, who may be emailed; returns how many were queued."""
    moment = now or timezone.now()
    some_due = RetentionCheck.objects.filter(
        learner=OuterRef("learner"), answered_at=None, due_at__lte=moment
    )
    # Reviews due: the review digest's (it names the checks too); none left today (the cap
    # is reached): looked at again tomorrow, nothing claimed.
    return digests_plan(
        digests_due(Exists(some_due), now=moment),
        now=moment,
        applies=lambda preferences: bool(_checks_only(preferences.learner, moment)),
        send_on_commit=_send_on_commit,
    )


def _send_on_commit(learner_id: int) -> None:
    from bitewise.insight.tasks import check_digest_task

    transaction.on_commit(lambda: check_digest_task.enqueue(learner_id))


def check_digest_send(*, learner_id: int) -> bool:
    """Send one checks digest (a task runs this after commit); reviews that fell due since
    planning make it the review digest. False when nothing applies any more."""
    learner = User.objects.filter(pk=learner_id, is_active=True).first()
    if learner is None or not selectors.preferences_of(learner).is_digest_wanted:
        return False
    now = timezone.now()
    checks = _checks_only(learner, now)
    if not checks:
        return review_digest_send(learner_id=learner_id)
    if not email_allowed(learner_id=learner.pk, scope=UnsubscribeScope.REVIEWS):
        return False
    site = settings.SITE_URL.rstrip("/")
    reviews_link = unsubscribe_url(UnsubscribeRequest(learner.pk, UnsubscribeScope.REVIEWS))
    context = {
        "learner": learner,
        "checks": checks,
        "today_url": site + reverse("reviews:today"),
        "settings_url": site + reverse("reviews:today") + "#review-settings",
        "unsubscribe_reviews_url": reviews_link,
        "unsubscribe_all_url": unsubscribe_url(
            UnsubscribeRequest(learner.pk, UnsubscribeScope.ALL)
        ),
    }
    count = len(checks)
    message = OneClickEmail(
        subject=f"{count} quick check{'s' if count != 1 else ''} on what you learned",
        body=render_to_string("insight/email/checks_digest.txt", context),
        to=[learner.email],
        headers=list_unsubscribe_headers(reviews_link),
    )
    html = render_to_string("insight/email/checks_digest.html", context)
    message.attach_alternative(html, "text/html")
    message.send()
    return True
