"""Hand one message to the mail server and say what became of it, for the outbox rows
(campaign deliveries and topic digests) that claim, mark and retry around it.

Exactly once, as far as SMTP allows. The row is claimed (state "sending", attempt n) and
committed before anything else; then the connection is opened; then ``handed_at`` is
committed; only then is the message transmitted, and "sent" committed after the server's
250. A worker killed before ``handed_at`` left a claim that the scheduler releases once
stale, and the next worker sends it. A worker killed after it may or may not have delivered:
that row is never retried (marked failed, "outcome unknown") rather than risk a second
email. The residual window is the milliseconds between committing ``handed_at`` and the
server's reply, plus the server's 250 and our commit of "sent"; the Message-ID is the same
on every attempt, so a receiving system that deduplicates on it would hide a repeat anyway.
"""

from __future__ import annotations

import contextlib
import enum
import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

STALE_CLAIM = timedelta(minutes=10)  # a live worker finishes one message well within this
MAX_ATTEMPTS = 5


class Outcome(enum.Enum):
    SENT = "sent"
    RETRY = "retry"  # certainly not delivered (connection refused, 4xx): try again later
    REFUSED = "refused"  # the server refused the recipient permanently (5xx): bouncing
    REJECTED = "rejected"  # the server refused the message permanently
    UNKNOWN = "unknown"  # the connection broke mid-transfer: never retried
    ABANDONED = "abandoned"  # claim taken over, or a last check said skip: nothing sent


def mail_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "bitewise.invalid"


def retry_delay(attempt: int) -> timedelta:
    return timedelta(minutes=5 * 2 ** max(attempt - 1, 0))


def transmit(message: EmailMessage, *, mark_handed: Callable[[], bool]) -> tuple[Outcome, str]:
    """Send ``message``; ``mark_handed`` commits the hand-over and returns False when the
    claim is no longer ours (then nothing is sent)."""
    backend = mailers.default
    try:
        backend.open()
    except (OSError, smtplib.SMTPException) as exc:
        return Outcome.RETRY, f"Mail server unreachable: {exc}"[:500]
    try:
        if not mark_handed():
            return Outcome.ABANDONED, ""
        try:
            backend.send_messages([message])
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            text = f"{code} {reply.decode(errors='replace') if isinstance(reply, bytes) else reply}"
            return (Outcome.REFUSED if code >= 500 else Outcome.RETRY), text[:500]
        except smtplib.SMTPResponseException as exc:
            text = f"{exc.smtp_code} {exc.smtp_error!r}"[:500]
            return (Outcome.REJECTED if exc.smtp_code >= 500 else Outcome.RETRY), text
        except (OSError, smtplib.SMTPException) as exc:
            return Outcome.UNKNOWN, f"Connection lost while sending: {exc}"[:500]
        return Outcome.SENT, ""
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            backend.close()  # the message's fate is already decided


def outbox_dispatch(
    model: type[models.Model], *, enqueue: Callable[[int], Any], now: datetime
) -> int:
    """For an outbox table whose rows follow the claim rules above (``state``,
    ``claimed_at``, ``handed_at``, ``dispatched_at``, ``retry_at``): release stale claims
    (a claim never handed over goes back to planned; one handed over is failed, never
    retried), then queue ``enqueue(row_id)`` on commit for each planned row that is due and
    not already queued. Returns how many were queued."""
    from bitewise.reinforcement.models import DeliveryState

    rows = model._default_manager
    stale = Q(state=DeliveryState.SENDING, claimed_at__lt=now - STALE_CLAIM)
    rows.filter(stale, handed_at=None).update(
        state=DeliveryState.PLANNED, claimed_at=None, dispatched_at=None
    )
    rows.filter(stale, handed_at__isnull=False).update(
        state=DeliveryState.FAILED, error="Outcome unknown: never retried."
    )
    due = list(
        rows.filter(
            Q(dispatched_at=None) | Q(dispatched_at__lt=now - STALE_CLAIM),
            Q(retry_at=None) | Q(retry_at__lte=now),
            state=DeliveryState.PLANNED,
            claimed_at=None,
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        rows.filter(pk__in=due).update(dispatched_at=now)
        for row_id in due:
            transaction.on_commit(partial(enqueue, row_id))
    return len(due)


def outbox_mark(row: Any, **changes: Any) -> bool:
    """Write ``changes`` to an outbox row only while this worker's claim stands (same
    attempt, still "sending"); False when another worker took it over."""
    from bitewise.reinforcement.models import DeliveryState

    rows = type(row)._default_manager
    updated: int = rows.filter(
        pk=row.pk, state=DeliveryState.SENDING, attempts=row.attempts
    ).update(**changes)
    return updated == 1


def outbox_settle(
    row: Any,
    outcome: Outcome,
    error: str,
    *,
    retry_from: datetime,
    bounce: Callable[[str], None],
    refused_error: str = "Address refused: {error}",
    **sent: Any,
) -> None:
    """Write what became of a message ``transmit`` handled, while the claim stands: sent
    (with the ``sent`` changes too); refused for good by the recipient's server
    (``bounce(error)`` marks the address, the row fails); planned again ``retry_delay``
    after ``retry_from`` while attempts remain; otherwise failed. An abandoned claim is left
    as it is."""
    from bitewise.reinforcement.models import DeliveryState

    if outcome is Outcome.SENT:
        outbox_mark(row, state=DeliveryState.SENT, sent_at=timezone.now(), error="", **sent)
    elif outcome is Outcome.REFUSED:
        bounce(error)
        outbox_mark(row, state=DeliveryState.FAILED, error=refused_error.format(error=error))
    elif outcome is Outcome.RETRY and row.attempts < MAX_ATTEMPTS:
        outbox_mark(
            row,
            state=DeliveryState.PLANNED,
            claimed_at=None,
            handed_at=None,
            dispatched_at=None,
            retry_at=retry_from + retry_delay(row.attempts),
            error=error,
        )
    elif outcome is not Outcome.ABANDONED:
        outbox_mark(row, state=DeliveryState.FAILED, error=error or "Gave up.")
