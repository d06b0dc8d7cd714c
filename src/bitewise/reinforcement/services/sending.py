"""The worker side of campaign deliveries: claim, check, compose, transmit, mark.
See outbox.py for why a crash never sends twice."""

from __future__ import annotations

import email.policy
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson
from bitewise.common.links import absolute
from bitewise.common.mail_addresses import UNDELIVERABLE_REASON, can_receive_mail
from bitewise.reinforcement.models import (
    AddressStatus,
    Delivery,
    DeliveryState,
    EmailAddressStatus,
    EventRegistration,
    UnsubscribeScope,
)
from bitewise.reinforcement.services.outbox import (
    MAX_ATTEMPTS,
    Outcome,
    mail_host,
    outbox_mark,
    retry_delay,
    transmit,
)
from bitewise.reinforcement.services.unsubscribe import (
    UnsubscribeRequest,
    is_unsubscribed_from_campaign,
    unsubscribe_token,
)


class OneClickEmail(EmailMultiAlternatives):
    """Keeps the List-Unsubscribe header one plain line. At the default 78 columns a long
    signed URL cannot be folded, so Python encodes it as an RFC 2047 encoded-word, which no
    mail client reads as a URL; RFC 5322 allows lines up to 998 characters."""

    def message(self, *, policy: email.policy.Policy | None = email.policy.default) -> Any:
        base = policy if policy is not None else email.policy.default
        return super().message(policy=base.clone(max_line_length=998))


def unsubscribe_url(request: UnsubscribeRequest) -> str:
    return absolute(reverse("reinforcement:unsubscribe", args=[unsubscribe_token(request)]))


def list_unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 8058 section 3.1: an https URI receiving a POST, plus a mailto fallback."""
    sender = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    return {
        "List-Unsubscribe": f"<{url}>, <mailto:{sender}?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def lesson_url(lesson: Lesson) -> str:
    membership = (
        lesson.memberships.filter(micro_credential__status="published")
        .select_related("micro_credential")
        .first()
    )
    if membership is None:
        return absolute(reverse("catalog:list"))
    slug = membership.micro_credential.slug
    return absolute(reverse("learning:lesson", args=[slug, lesson.pk]))


def is_address_bouncing(email: str) -> bool:
    return EmailAddressStatus.objects.filter(email=email, status=AddressStatus.BOUNCING).exists()


def address_mark_bouncing(*, email: str, reason: str) -> None:
    EmailAddressStatus.objects.update_or_create(
        email=email, defaults={"status": AddressStatus.BOUNCING, "reason": reason[:300]}
    )


def _mark(delivery: Delivery, **changes: Any) -> bool:
    """Write ``changes`` only while this worker's claim stands (same attempt, "sending")."""
    return outbox_mark(delivery, **changes)


def _skip_reason(delivery: Delivery) -> str:
    learner = delivery.learner
    prefs = getattr(learner, "delivery_preferences", None)
    if not learner.is_active:
        return "The account is inactive."
    if prefs is not None and not prefs.is_email_enabled:
        return "The learner turned email off."
    if is_unsubscribed_from_campaign(learner_id=learner.pk, campaign_id=delivery.step.campaign_id):
        return "Unsubscribed."
    if not can_receive_mail(learner.email):
        return UNDELIVERABLE_REASON
    if is_address_bouncing(learner.email):
        return "The address bounces."
    if not delivery.step.campaign.is_active:
        return "The campaign was stopped."
    if not EventRegistration.objects.filter(
        event_id=delivery.step.campaign.event_id, learner_id=learner.pk
    ).exists():
        return "Left the event."
    return ""


def delivery_compose(delivery: Delivery) -> OneClickEmail:
    step = delivery.step
    event = step.campaign.event
    campaign_link = unsubscribe_url(
        UnsubscribeRequest(delivery.learner_id, UnsubscribeScope.CAMPAIGN, step.campaign_id)
    )
    context = {
        "step": step,
        "event": event,
        "learner": delivery.learner,
        "lesson_url": lesson_url(step.lesson) if step.lesson else "",
        "question_url": lesson_url(step.question.lesson) if step.question else "",
        "event_url": absolute(reverse("reinforcement:event", args=[event.pk])),
        "unsubscribe_campaign_url": campaign_link,
        "unsubscribe_all_url": unsubscribe_url(
            UnsubscribeRequest(delivery.learner_id, UnsubscribeScope.ALL)
        ),
    }
    message = OneClickEmail(
        subject=step.subject,
        body=render_to_string("reinforcement/email/step.txt", context),
        to=[delivery.learner.email],
        headers={"Message-ID": delivery.message_id, **list_unsubscribe_headers(campaign_link)},
    )
    message.attach_alternative(
        render_to_string("reinforcement/email/step.html", context), "text/html"
    )
    return message


def delivery_send(*, delivery_id: int, now: datetime | None = None) -> str:
    """Send one due email delivery; safe to run twice or concurrently (returns the outcome,
    "taken" when another worker has it or it is no longer planned)."""
    now = now or timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, state=DeliveryState.PLANNED, due_at__lte=now
    ).update(
        state=DeliveryState.SENDING,
        claimed_at=now,
        handed_at=None,
        attempts=F("attempts") + 1,
        message_id=f"<delivery-{delivery_id}@{mail_host()}>",
    )
    if not claimed:
        return "taken"
    delivery = Delivery.objects.select_related(
        "learner__delivery_preferences", "step__campaign__event", "step__lesson", "step__question"
    ).get(pk=delivery_id)
    reason = _skip_reason(delivery)
    if reason:
        _mark(delivery, state=DeliveryState.SKIPPED, error=reason)
        return "skipped"
    message = delivery_compose(delivery)
    outcome, error = transmit(message, mark_handed=lambda: _hand_over(delivery))
    _record(delivery, outcome, error)
    return outcome.value


def _hand_over(delivery: Delivery) -> bool:
    """Commit the hand-over, checking once more, as late as possible, that the learner has
    not unsubscribed (or turned email off) while the connection was opening."""
    with transaction.atomic():
        learner = User.objects.select_related("delivery_preferences").get(pk=delivery.learner_id)
        delivery.learner = learner
        reason = _skip_reason(delivery)
        if reason:
            _mark(delivery, state=DeliveryState.SKIPPED, error=reason)
            return False
        return _mark(delivery, handed_at=timezone.now())


def _record(delivery: Delivery, outcome: Outcome, error: str) -> None:
    now = timezone.now()
    if outcome is Outcome.SENT:
        _mark(delivery, state=DeliveryState.SENT, sent_at=now, error="")
    elif outcome is Outcome.REFUSED:
        address_mark_bouncing(email=delivery.learner.email, reason=error)
        _mark(delivery, state=DeliveryState.FAILED, error=f"Address refused: {error}")
    elif outcome is Outcome.RETRY and delivery.attempts < MAX_ATTEMPTS:
        _mark(
            delivery,
            state=DeliveryState.PLANNED,
            handed_at=None,
            dispatched_at=None,
            due_at=now + retry_delay(delivery.attempts),
            error=error,
        )
    elif outcome is not Outcome.ABANDONED:
        _mark(delivery, state=DeliveryState.FAILED, error=error or "Gave up.")
