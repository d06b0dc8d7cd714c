"""Weekly topic digests: new micro-lessons and micro-credentials in the skills a learner
follows. One per learner per week (a unique row), claimed atomically, sent like a delivery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, MicroCredential, Skill
from bitewise.catalog.models.credentials import Status
from bitewise.common.links import absolute
from bitewise.common.mail_addresses import UNDELIVERABLE_REASON, can_receive_mail
from bitewise.engines.campaigns import DEFAULT_SEND_AT, local_instant, shift_out_of_quiet
from bitewise.reinforcement.models import (
    DeliveryState,
    TopicDigest,
    TopicFollow,
    Unsubscribe,
    UnsubscribeScope,
)
from bitewise.reinforcement.services.outbox import (
    STALE_CLAIM,
    mail_host,
    outbox_mark,
    outbox_settle,
    transmit,
)
from bitewise.reinforcement.services.preferences import quiet_hours_of
from bitewise.reinforcement.services.sending import (
    OneClickEmail,
    address_mark_bouncing,
    is_address_bouncing,
    lesson_url,
    list_unsubscribe_headers,
    unsubscribe_url,
)
from bitewise.reinforcement.services.unsubscribe import UnsubscribeRequest, unsubscribed_skill_ids


def week_of(moment: datetime) -> date:
    """The Monday (UTC) starting the week ``moment`` falls in."""
    day = moment.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def digest_due_at(*, week: date, zone: str, quiet: str) -> datetime:
    """Monday of ``week`` at the send time in the learner's zone, out of their quiet hours
    (never before the week starts in UTC)."""
    tz = ZoneInfo(zone)
    local = local_instant(week, DEFAULT_SEND_AT, tz)
    start = datetime.combine(week, datetime.min.time(), tzinfo=UTC)
    return max(start, shift_out_of_quiet(local, tz, quiet_hours_of(quiet)))


@transaction.atomic
def topic_follow(*, learner: User, skill: Skill) -> None:
    TopicFollow.objects.get_or_create(learner=learner, skill=skill)
    # Following again undoes an earlier one-click "stop this topic".
    Unsubscribe.objects.filter(learner=learner, scope=UnsubscribeScope.TOPIC, skill=skill).delete()


@transaction.atomic
def topic_unfollow(*, learner: User, skill: Skill) -> None:
    TopicFollow.objects.filter(learner=learner, skill=skill).delete()


def topic_digests_plan_due(*, now: datetime | None = None) -> int:
    """The scheduler's entry point: one digest row per following learner for this week,
    then queue the rows not yet queued; returns how many it queued. A learner whose address
    can never receive mail gets this week's row already skipped, never queued."""
    from bitewise.reinforcement.tasks import topic_digest_send_task

    now = now or timezone.now()
    week = week_of(now)
    followers = (
        TopicFollow.objects.filter(learner__is_active=True)
        .exclude(learner__topic_digests__week=week)
        .values_list(
            "learner_id",
            "learner__delivery_preferences__time_zone",
            "learner__delivery_preferences__quiet_hours",
            "learner__email",
        )
        .distinct()
    )
    TopicDigest.objects.bulk_create(
        [
            TopicDigest(learner_id=learner_id, week=week)
            if can_receive_mail(address)
            else TopicDigest(
                learner_id=learner_id,
                week=week,
                state=DeliveryState.SKIPPED,
                error=UNDELIVERABLE_REASON,
            )
            for learner_id, zone, quiet, address in followers
            if now >= digest_due_at(week=week, zone=zone or "UTC", quiet=quiet or "")
        ],
        batch_size=1000,
        ignore_conflicts=True,  # a second scheduler's identical rows are no-ops
    )
    stale = Q(state=DeliveryState.SENDING, claimed_at__lt=now - STALE_CLAIM)
    TopicDigest.objects.filter(stale, handed_at=None).update(
        state=DeliveryState.PLANNED, claimed_at=None, dispatched_at=None
    )
    TopicDigest.objects.filter(stale, handed_at__isnull=False).update(
        state=DeliveryState.FAILED, error="Outcome unknown: never retried."
    )
    due = list(
        TopicDigest.objects.filter(
            Q(dispatched_at=None) | Q(dispatched_at__lt=now - STALE_CLAIM),
            Q(retry_at=None) | Q(retry_at__lte=now),
            state=DeliveryState.PLANNED,
            claimed_at=None,
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        TopicDigest.objects.filter(pk__in=due).update(dispatched_at=now)
        for digest_id in due:
            transaction.on_commit(partial(topic_digest_send_task.enqueue, digest_id))
    return len(due)


@dataclass(frozen=True)
class DigestContent:
    skills: list[Skill]
    lessons: list[tuple[Lesson, str]]  # with the link
    micro_credentials: list[tuple[MicroCredential, str]]


def digest_content(*, learner_id: int, week: date) -> DigestContent | None:
    """What is new in the week before ``week`` in the followed, not-dropped skills; None
    when the learner wants no digest."""
    dropped = unsubscribed_skill_ids(learner_id=learner_id)
    if dropped is None:
        return None
    skills = list(
        Skill.objects.filter(
            pk__in=TopicFollow.objects.filter(learner_id=learner_id).values("skill_id")
        )
        .exclude(pk__in=dropped)
        .order_by("name")
    )
    since = datetime.combine(week - timedelta(days=7), datetime.min.time(), tzinfo=UTC)
    until = since + timedelta(days=7)
    lessons = (
        Lesson.objects.filter(
            skills__in=skills,
            created_at__gte=since,
            created_at__lt=until,
            memberships__micro_credential__status=Status.PUBLISHED,
        )
        .distinct()
        .order_by("title")[:20]
    )
    credentials = (
        MicroCredential.objects.filter(
            skills__in=skills,
            status=Status.PUBLISHED,
            published_at__gte=since,
            published_at__lt=until,
        )
        .distinct()
        .order_by("title")[:20]
    )
    return DigestContent(
        skills=skills,
        lessons=[(lesson, lesson_url(lesson)) for lesson in lessons],
        micro_credentials=[
            (mc, absolute(reverse("catalog:micro_credential", args=[mc.slug])))
            for mc in credentials
        ],
    )


def _mark(digest: TopicDigest, **changes: Any) -> bool:
    return outbox_mark(digest, **changes)


def topic_digest_send(*, digest_id: int) -> str:
    """Send one weekly digest; safe to run twice or concurrently."""
    now = timezone.now()
    claimed = TopicDigest.objects.filter(pk=digest_id, state=DeliveryState.PLANNED).update(
        state=DeliveryState.SENDING,
        claimed_at=now,
        handed_at=None,
        attempts=F("attempts") + 1,
        message_id=f"<digest-{digest_id}@{mail_host()}>",
    )
    if not claimed:
        return "taken"
    digest = TopicDigest.objects.select_related("learner__delivery_preferences").get(pk=digest_id)
    learner = digest.learner
    prefs = getattr(learner, "delivery_preferences", None)
    content = digest_content(learner_id=learner.pk, week=digest.week)
    reason = (
        "The account is inactive."
        if not learner.is_active
        else "The learner turned email off."
        if prefs is not None and not prefs.is_email_enabled
        else "Unsubscribed."
        if content is None
        else UNDELIVERABLE_REASON
        if not can_receive_mail(learner.email)
        else "The address bounces."
        if is_address_bouncing(learner.email)
        else "Nothing new this week."
        if not (content.lessons or content.micro_credentials)
        else ""
    )
    if reason or content is None:
        _mark(digest, state=DeliveryState.SKIPPED, error=reason)
        return "skipped"
    digest_link = unsubscribe_url(UnsubscribeRequest(learner.pk, UnsubscribeScope.DIGEST))
    context = {
        "learner": learner,
        "content": content,
        "topic_links": [
            (
                skill,
                unsubscribe_url(
                    UnsubscribeRequest(learner.pk, UnsubscribeScope.TOPIC, skill_id=skill.pk)
                ),
            )
            for skill in content.skills
        ],
        "unsubscribe_digest_url": digest_link,
        "unsubscribe_all_url": unsubscribe_url(
            UnsubscribeRequest(learner.pk, UnsubscribeScope.ALL)
        ),
        "settings_url": absolute(reverse("reinforcement:topics")),
    }
    message = OneClickEmail(
        subject="New this week in the topics you follow",
        body=render_to_string("reinforcement/email/digest.txt", context),
        to=[learner.email],
        headers={"Message-ID": digest.message_id, **list_unsubscribe_headers(digest_link)},
    )
    message.attach_alternative(
        render_to_string("reinforcement/email/digest.html", context), "text/html"
    )
    outcome, error = transmit(message, mark_handed=lambda: _mark(digest, handed_at=timezone.now()))
    count = len(content.lessons) + len(content.micro_credentials)
    outbox_settle(
        digest,
        outcome,
        error,
        retry_from=now,
        bounce=lambda reason: address_mark_bouncing(email=learner.email, reason=reason),
        refused_error="{error}",
        item_count=count,
    )
    return outcome.value
