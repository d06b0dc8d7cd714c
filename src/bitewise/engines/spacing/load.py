"""The daily load cap with backlog spreading.

Day by day, the cards due by that day (the overdue ones count as due today) wait in one
queue; each day takes at most ``per_day`` of them, lowest predicted recall first (ties by
id, so the plan is deterministic), and the rest move to the next day. A learner back from
weeks away gets ``per_day`` today and the rest over the following days, the most forgotten
first, and no card is ever dropped.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class DueItem:
    card_id: int
    due_on: date
    recall: float  # predicted recall now, 0..1


def spread(
    items: Iterable[DueItem], *, today: date, per_day: int, left_today: int | None = None
) -> dict[date, list[int]]:
    """Card ids per day from ``today``: every item once, never more than ``per_day`` a day
    (``left_today`` today, when some of today's reviews are done), never before its due
    day."""
    if per_day < 1:
        raise ValueError("per_day must be at least 1")
    left_today = per_day if left_today is None else max(0, min(left_today, per_day))
    pending = sorted(items, key=lambda item: (max(item.due_on, today), item.card_id))
    plan: dict[date, list[int]] = {}
    queue: list[tuple[float, int]] = []
    day, i = today, 0
    while i < len(pending) or queue:
        if not queue and pending[i].due_on > day:
            day = pending[i].due_on  # nothing waits: jump to the next due day
        while i < len(pending) and max(pending[i].due_on, today) <= day:
            heapq.heappush(queue, (pending[i].recall, pending[i].card_id))
            i += 1
        room = left_today if day == today else per_day
        taken = [heapq.heappop(queue)[1] for _ in range(min(room, len(queue)))]
        if taken:
            plan[day] = taken
        day += timedelta(days=1)
    return plan
