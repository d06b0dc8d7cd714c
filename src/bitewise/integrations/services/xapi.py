"""The xAPI outbox: statements recorded with what they describe, sent to the LRS after
commit, retried with backoff by the scheduler, never twice (the statement id is ours and
each is PUT by id, which an LRS stores once).

https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Communication.md#212-put-statements
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import partial

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.engines.xapi.statements import XAPI_VERSION, Statement
from bitewise.integrations.models import LearningRecord
from bitewise.integrations.services.outbox import (
    Outcome,
    http_outcome,
    outbox_claim,
    outbox_send_due,
    outbox_settle,
)

logger = logging.getLogger(__name__)


def xapi_enabled() -> bool:
    return bool(settings.BITEWISE_XAPI_ENDPOINT)


def statements_record(*, learner: User, statements: Sequence[Statement]) -> int:
    """Add statements to the outbox in the caller's transaction and queue their sending
    after commit. A statement already recorded (same id) is left as it is. Nothing is
    recorded while no LRS is configured. Returns how many were new."""
    if not statements or not xapi_enabled():
        return 0
    ids = [uuid.UUID(s.id) for s in statements]
    known = set(
        LearningRecord.objects.filter(statement_id__in=ids).values_list("statement_id", flat=True)
    )
    fresh = [s for s in statements if uuid.UUID(s.id) not in known]
    if not fresh:
        return 0
    now = timezone.now()
    LearningRecord.objects.bulk_create(
        [
            LearningRecord(
                statement_id=s.id,
                learner=learner,
                verb=s.verb,
                statement=s.to_json(),
                queued_at=now,
            )
            for s in fresh
        ],
        ignore_conflicts=True,  # a concurrent writer recorded the same fact
    )
    from bitewise.integrations.tasks import statements_send_task

    transaction.on_commit(partial(statements_send_task.enqueue, [s.id for s in fresh]))
    return len(fresh)


def statements_send_due(*, now: datetime | None = None) -> int:
    """The scheduler's entry point: release claims a killed worker left, and queue the
    statements whose retry time has come (or whose task never ran), in batches."""
    from bitewise.integrations.tasks import statements_send_task

    def enqueue(batch: list[uuid.UUID]) -> None:
        statements_send_task.enqueue([str(i) for i in batch])

    return outbox_send_due(
        LearningRecord.objects, key="statement_id", enqueue=enqueue, now=now or timezone.now()
    )


def statements_send(*, statement_ids: Sequence[str]) -> dict[str, str]:
    """Send each statement this worker can claim; returns its outcome by id ("taken" when
    another worker has it, it is not due, or it is no longer pending)."""
    return {sid: _send_one(sid) for sid in statement_ids}


def _send_one(statement_id: str) -> str:
    claimed = outbox_claim(
        LearningRecord.objects.filter(statement_id=statement_id), now=timezone.now()
    )
    if not claimed:
        return "taken"
    record = LearningRecord.objects.get(statement_id=statement_id)
    outcome, error = _put(record)
    outbox_settle(
        record,
        outcome,
        error,
        max_attempts=settings.BITEWISE_XAPI_MAX_ATTEMPTS,
        now=timezone.now(),
    )
    if outcome is not Outcome.SENT:
        logger.warning(
            "xapi statement not sent",
            extra={"statement_id": str(record.statement_id), "error": error[:300]},
        )
    return outcome.value


def _put(record: LearningRecord) -> tuple[Outcome, str]:
    endpoint = settings.BITEWISE_XAPI_ENDPOINT.rstrip("/")
    auth = None
    if settings.BITEWISE_XAPI_USERNAME:
        auth = (settings.BITEWISE_XAPI_USERNAME, settings.BITEWISE_XAPI_PASSWORD)
    try:
        response = requests.put(
            f"{endpoint}/statements",
            params={"statementId": str(record.statement_id)},
            json=record.statement,
            headers={"X-Experience-API-Version": XAPI_VERSION},
            auth=auth,
            timeout=settings.BITEWISE_XAPI_TIMEOUT,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        return Outcome.RETRY, f"The LRS is out of reach: {type(exc).__name__}."
    if response.status_code == 409:
        # Already stored under this id (an earlier try reached it, but its answer did not
        # reach us): the LRS keeps one copy, which is what we want.
        return Outcome.SENT, ""
    outcome = http_outcome(response.status_code)
    if outcome is Outcome.SENT:
        return outcome, ""
    detail = response.text[:300].replace("\n", " ")
    return outcome, f"The LRS answered {response.status_code}: {detail}"
