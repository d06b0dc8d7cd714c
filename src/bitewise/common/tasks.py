from __future__ import annotations

from django.tasks import task

from bitewise.common.events import event_dispatch, events_dispatch


@task()
def dispatch_event_task(event_id: int) -> bool:
    return event_dispatch(event_id=event_id)


@task()
def dispatch_events_task(event_ids: list[int]) -> int:
    """Dispatch a batch of events (recorded together by bulk work); returns how many ran."""
    return events_dispatch(event_ids=event_ids)


@task()
def ping_task(marker_path: str, text: str) -> str:
    """Write ``text`` to a file: used by the worker tests and `bitewise worker --check`."""
    with open(marker_path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return text
