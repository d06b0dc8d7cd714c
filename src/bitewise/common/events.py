"""Domain events: record in the writer's transaction, dispatch after commit.

A handler is a plain function taking the event's payload dict. Handlers are listed in
``settings.BITEWISE_EVENT_HANDLERS`` (no signals: the wiring is in one place to read).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from bitewise.common.models import DomainEvent

logger = logging.getLogger(__name__)

CREDENTIAL_EARNED = "credential_earned"


def event_record(*, name: str, key: str, payload: Mapping[str, Any]) -> DomainEvent:
    """Write the event row; the caller's transaction makes it atomic with the change."""
    event = DomainEvent.objects.create(name=name, key=key, payload=dict(payload))
    # Imported here: tasks import this module.
    from bitewise.common.tasks import dispatch_event_task

    transaction.on_commit(lambda: dispatch_event_task.enqueue(event.pk))
    return event


def events_record(*, name: str, items: list[tuple[str, Mapping[str, Any]]]) -> list[DomainEvent]:
    """Write many events of one kind at once (bulk work); one task dispatches them all."""
    if not items:
        return []
    events = DomainEvent.objects.bulk_create(
        [DomainEvent(name=name, key=key, payload=dict(payload)) for key, payload in items]
    )
    from bitewise.common.tasks import dispatch_events_task

    event_ids = [event.pk for event in events]
    transaction.on_commit(lambda: dispatch_events_task.enqueue(event_ids))
    return events


def handlers_for(name: str) -> list[Callable[[dict[str, Any]], None]]:
    paths = settings.BITEWISE_EVENT_HANDLERS.get(name, [])
    return [import_string(path) for path in paths]


def event_dispatch(*, event_id: int) -> bool:
    """Run the handlers of one event once; returns False when it was already claimed."""
    claimed = DomainEvent.objects.filter(pk=event_id, dispatched_at=None).update(
        dispatched_at=timezone.now()
    )
    if claimed != 1:
        return False
    event = DomainEvent.objects.get(pk=event_id)
    try:
        for handler in handlers_for(event.name):
            handler(dict(event.payload))
    except Exception:
        # Release the claim so a retry runs it again; handlers are idempotent.
        DomainEvent.objects.filter(pk=event_id).update(dispatched_at=None)
        raise
    DomainEvent.objects.filter(pk=event_id).update(handled_at=timezone.now())
    logger.info("event dispatched", extra={"event": event.name, "key": event.key})
    return True


def events_dispatch(*, event_ids: list[int]) -> int:
    """event_dispatch for a batch (events recorded together by bulk work): claimed in one
    statement, marked handled in one; returns how many ran. Events another runner has
    claimed are left to it."""
    with transaction.atomic():
        # PostgreSQL: row locks, skipping rows another runner holds; SQLite: the
        # IMMEDIATE transaction's write lock serializes claimers.
        events = list(
            DomainEvent.objects.select_for_update(skip_locked=True)
            .filter(pk__in=event_ids, dispatched_at=None)
            .order_by("pk")
        )
        DomainEvent.objects.filter(pk__in=[event.pk for event in events]).update(
            dispatched_at=timezone.now()
        )
    handled: list[int] = []
    try:
        for event in events:
            for handler in handlers_for(event.name):
                handler(dict(event.payload))
            handled.append(event.pk)
    except Exception:
        # Release what did not finish so a retry runs it again; handlers are idempotent.
        unfinished = [event.pk for event in events if event.pk not in set(handled)]
        DomainEvent.objects.filter(pk__in=unfinished).update(dispatched_at=None)
        raise
    finally:
        DomainEvent.objects.filter(pk__in=handled).update(handled_at=timezone.now())
    logger.info("events dispatched", extra={"count": len(handled)})
    return len(handled)


def event_redeliver_stale(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Queue again every event a worker claimed but never finished (killed mid-way), and
    every event whose dispatch task was never queued (a crash right after commit)."""
    cutoff = timezone.now() - older_than
    DomainEvent.objects.filter(handled_at=None, dispatched_at__lt=cutoff).update(dispatched_at=None)
    from bitewise.common.tasks import dispatch_event_task

    stale = list(
        DomainEvent.objects.filter(
            handled_at=None, dispatched_at=None, created_at__lt=cutoff
        ).values_list("pk", flat=True)
    )
    for event_id in stale:
        dispatch_event_task.enqueue(event_id)
    return len(stale)
