"""Events recorded in bulk are dispatched by one task, each exactly once."""

from __future__ import annotations

from typing import Any

import pytest

from bitewise.common.events import events_record
from bitewise.common.models import DomainEvent
from bitewise.common.tasks import dispatch_events_task

pytestmark = pytest.mark.django_db

SEEN: list[dict[str, Any]] = []


def remember(payload: dict[str, Any]) -> None:
    SEEN.append(payload)


def test_bulk_events_are_dispatched_together_after_commit_and_only_once(  # type: ignore[no-untyped-def]
    settings, django_capture_on_commit_callbacks
) -> None:
    settings.BITEWISE_EVENT_HANDLERS = {"tested": [f"{__name__}.remember"]}
    SEEN.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        events = events_record(name="tested", items=[(f"tested:{i}", {"n": i}) for i in range(3)])
    assert len(callbacks) == 1, "one task for the whole batch"
    assert SEEN == []
    callbacks[0]()

    assert sorted(p["n"] for p in SEEN) == [0, 1, 2]
    assert DomainEvent.objects.filter(handled_at__isnull=False).count() == 3
    # A retried task runs nothing twice.
    assert dispatch_events_task.call([e.pk for e in events]) == 0
    assert len(SEEN) == 3


def test_no_items_record_nothing_and_queue_nothing(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks() as callbacks:
        assert events_record(name="tested", items=[]) == []
    assert callbacks == []


def boom(payload: dict[str, Any]) -> None:
    if payload["n"] == 1:
        raise RuntimeError("handler failed")
    SEEN.append(payload)


def test_a_failing_handler_releases_what_did_not_finish_for_a_retry(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BITEWISE_EVENT_HANDLERS = {"tested": [f"{__name__}.boom"]}
    SEEN.clear()
    events = events_record(name="tested", items=[(f"t:{i}", {"n": i}) for i in range(3)])
    with pytest.raises(RuntimeError):
        dispatch_events_task.call([e.pk for e in events])
    rows = {e.payload["n"]: e for e in DomainEvent.objects.all()}
    assert rows[0].handled_at is not None
    assert rows[1].dispatched_at is None and rows[1].handled_at is None
    assert rows[2].dispatched_at is None

    settings.BITEWISE_EVENT_HANDLERS = {"tested": [f"{__name__}.remember"]}
    assert dispatch_events_task.call([e.pk for e in events]) == 2
    assert sorted(p["n"] for p in SEEN) == [0, 1, 2]
