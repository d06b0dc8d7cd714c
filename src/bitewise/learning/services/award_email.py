"""The "you earned it" email: one per award, sent through the reinforcement outbox once
the credential is issued, honouring the learner's email switch and unsubscribes.

Planned by the ``credential_earned`` handler after the credentials app has issued the
badge (``learning.handlers.email_on_earned``); one ``AwardEmail`` row per award (its unique
award) is the "once". Sending claims the row, re-checks the unsubscribes, commits the
hand-over and transmits, as the campaign deliveries do (decision record 0003); the
scheduler releases stale claims and retries temporary failures."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bitewise.common.links import absolute
from bitewise.common.mail_addresses import UNDELIVERABLE_REASON, can_receive_mail
from bitewise.learning.models import Award, AwardEmail
from bitewise.reinforcement.models import DeliveryState, UnsubscribeScope
from bitewise.reinforcement.services.outbox import (
    mail_host,
    outbox_dispatch,
    outbox_mark,
    outbox_settle,
    transmit,
)
from bitewise.reinforcement.services.sending import (
    OneClickEmail,
    address_mark_bouncing,
    list_unsubscribe_headers,
    unsubscribe_url,
)
from bitewise.reinforcement.services.unsubscribe import UnsubscribeRequest, email_allowed


def award_email_plan(*, award_id: int) -> AwardEmail:
    """Plan the email for an award and queue its sending after commit; planning the same
    award again (a retried event) returns the row already planned and queues nothing. For a
    learner whose address can never receive mail the row is made skipped, never queued."""
    from bitewise.learning.tasks import award_email_send_task

    existing = AwardEmail.objects.filter(award_id=award_id).first()
    if existing is not None:
        return existing
    address = Award.objects.filter(pk=award_id).values_list("learner__email", flat=True).first()
    try:
        with transaction.atomic():
            if address is not None and not can_receive_mail(address):
                return AwardEmail.objects.create(
                    award_id=award_id, state=DeliveryState.SKIPPED, error=UNDELIVERABLE_REASON
                )
            email = AwardEmail.objects.create(award_id=award_id, dispatched_at=timezone.now())
            transaction.on_commit(partial(award_email_send_task.enqueue, email.pk))
    except IntegrityError:  # planned at the same moment by another worker
        return AwardEmail.objects.get(award_id=award_id)
    return email


def award_emails_send_due(*, now: datetime | None = None) -> int:
    """The scheduler's entry point: release claims a killed worker left, and queue the
    emails due (a retry whose time has come, or one whose task never ran)."""
    from bitewise.learning.tasks import award_email_send_task

    return outbox_dispatch(
        AwardEmail, enqueue=award_email_send_task.enqueue, now=now or timezone.now()
    )


def _mark(email: AwardEmail, **changes: Any) -> bool:
    return outbox_mark(email, **changes)


def _skip_reason(award: Award) -> str:
    credential = getattr(award, "credential", None)  # issued by the credentials app
    if credential is None:
        return "The credential is not issued."
    if credential.revoked_at is not None:
        return "The credential was revoked."
    if not can_receive_mail(award.learner.email):
        return UNDELIVERABLE_REASON
    if not email_allowed(learner_id=award.learner_id, scope=UnsubscribeScope.AWARDS):
        return "Unsubscribed, email turned off, or the address bounces."
    return ""


def award_email_compose(email: AwardEmail) -> OneClickEmail:
    award = email.award
    learner = award.learner
    awards_link = unsubscribe_url(UnsubscribeRequest(learner.pk, UnsubscribeScope.AWARDS))
    snapshot = award.snapshot
    is_pathway = award.pathway_id is not None
    context = {
        "learner": learner,
        "award": award,
        "credential": award.credential,
        "is_granted": "granted" in snapshot,
        "ce_credits": None if is_pathway else Decimal(snapshot.get("ce_credits") or 0),
        "ce_credit_type": snapshot.get("ce_credit_type") or "CE",
        "badge_image_url": absolute(
            reverse(
                "credentials:achievement_badge",
                args=[
                    "pathways" if is_pathway else "micro-credentials",
                    snapshot.get("slug", ""),
                    snapshot.get("version", 1),
                ],
            )
        ),
        "badges_url": absolute(reverse("credentials:mine")),
        "unsubscribe_awards_url": awards_link,
        "unsubscribe_all_url": unsubscribe_url(
            UnsubscribeRequest(learner.pk, UnsubscribeScope.ALL)
        ),
    }
    message = OneClickEmail(
        subject=f"Your badge: {award.title}",
        body=render_to_string("learning/email/earned.txt", context),
        to=[learner.email],
        headers={"Message-ID": email.message_id, **list_unsubscribe_headers(awards_link)},
    )
    message.attach_alternative(render_to_string("learning/email/earned.html", context), "text/html")
    return message


def award_email_send(*, email_id: int) -> str:
    """Send one planned award email; safe to run twice or concurrently (returns the
    outcome, "taken" when another worker has it or it is no longer planned)."""
    now = timezone.now()
    claimed = (
        AwardEmail.objects.filter(pk=email_id, state=DeliveryState.PLANNED)
        .filter(Q(retry_at=None) | Q(retry_at__lte=now))
        .update(
            state=DeliveryState.SENDING,
            claimed_at=now,
            handed_at=None,
            attempts=F("attempts") + 1,
            message_id=f"<award-{email_id}@{mail_host()}>",
        )
    )
    if not claimed:
        return "taken"
    email = AwardEmail.objects.select_related("award__learner").get(pk=email_id)
    reason = _skip_reason(email.award)
    if reason:
        _mark(email, state=DeliveryState.SKIPPED, error=reason)
        return "skipped"
    message = award_email_compose(email)
    outcome, error = transmit(message, mark_handed=lambda: _hand_over(email))
    outbox_settle(
        email,
        outcome,
        error,
        retry_from=timezone.now(),
        bounce=lambda reason: address_mark_bouncing(email=email.award.learner.email, reason=reason),
    )
    return outcome.value


def _hand_over(email: AwardEmail) -> bool:
    """Commit the hand-over, checking once more, as late as possible, that the learner
    has not unsubscribed (or turned email off) while the connection was opening."""
    with transaction.atomic():
        if not email_allowed(learner_id=email.award.learner_id, scope=UnsubscribeScope.AWARDS):
            _mark(email, state=DeliveryState.SKIPPED, error="Unsubscribed before sending.")
            return False
        return _mark(email, handed_at=timezone.now())
