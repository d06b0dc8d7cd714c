"""What the xAPI and LTI score outboxes share: backoff, stale claims, outcomes, and the
bookkeeping of a row (``state``, ``attempts``, ``retry_at``, ``queued_at``, ``claimed_at``,
``sent_at``, ``error``) from queued to sent. A claim is safe to release however stale: each
peer stores a repeat once (statements are PUT by id, a score replaces the last one)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.db import models, transaction
from django.db.models import F, Q

from bitewise.integrations.models import OutboxState

STALE_CLAIM = timedelta(minutes=5)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
BATCH = 50  # rows per send task queued by the scheduler


class Outcome(enum.Enum):
    SENT = "sent"
    RETRY = "retry"  # the peer was out of reach or failed; try again later
    REJECTED = "rejected"  # the peer refused the content; retrying cannot help


def retry_delay(attempts: int) -> timedelta:
    """30 s after the first failure, doubling up to an hour."""
    delay: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(delay, LONGEST_RETRY)


def http_outcome(status: int) -> Outcome:
    """A peer's HTTP status as an outcome. 401/403/404/408/429 and 5xx may pass (a
    credential fixed, an LRS back up); any other 4xx refuses the content itself."""
    if 200 <= status < 300:
        return Outcome.SENT
    if status in (401, 403, 404, 408, 429) or status >= 500:
        return Outcome.RETRY
    return Outcome.REJECTED


def outbox_send_due(
    rows: models.Manager[Any], *, key: str, enqueue: Callable[[list[Any]], Any], now: datetime
) -> int:
    """The scheduler's part: release the claims a killed worker left, then queue (after
    commit, ``enqueue`` with up to BATCH values of ``key`` each) the rows whose retry time
    has come or whose task never ran, oldest first. Returns how many were queued."""
    rows.filter(state=OutboxState.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        state=OutboxState.PENDING, claimed_at=None, queued_at=None
    )
    due = list(
        rows.filter(
            Q(queued_at=None) | Q(queued_at__lt=now - STALE_CLAIM),
            Q(retry_at=None) | Q(retry_at__lte=now),
            state=OutboxState.PENDING,
        )
        .order_by("id")
        .values_list(key, flat=True)[: BATCH * 20]
    )
    with transaction.atomic():
        rows.filter(**{f"{key}__in": due}).update(queued_at=now)
        for start in range(0, len(due), BATCH):
            transaction.on_commit(partial(enqueue, due[start : start + BATCH]))
    return len(due)


def outbox_claim(rows: models.QuerySet[Any], *, now: datetime) -> bool:
    """Claim the pending, due row among ``rows`` for this worker (one more attempt); False
    when another worker has it, it is not due, or it is no longer pending."""
    claimed: int = (
        rows.filter(state=OutboxState.PENDING)
        .filter(Q(retry_at=None) | Q(retry_at__lte=now))
        .update(state=OutboxState.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return claimed == 1


def outbox_settle(
    row: Any, outcome: Outcome, error: str, *, max_attempts: int, now: datetime
) -> None:
    """Write what became of a claimed row, while the claim is still this worker's: sent;
    pending again with backoff (a retry under ``max_attempts``); or rejected / failed."""
    claim = type(row)._default_manager.filter(
        pk=row.pk, state=OutboxState.SENDING, attempts=row.attempts
    )
    if outcome is Outcome.SENT:
        claim.update(state=OutboxState.SENT, sent_at=now, claimed_at=None, error="")
    elif outcome is Outcome.RETRY and row.attempts < max_attempts:
        claim.update(
            state=OutboxState.PENDING,
            claimed_at=None,
            queued_at=None,
            retry_at=now + retry_delay(row.attempts),
            error=error[:500],
        )
    else:
        state = OutboxState.REJECTED if outcome is Outcome.REJECTED else OutboxState.FAILED
        claim.update(state=state, claimed_at=None, error=error[:500] or "Gave up.")
