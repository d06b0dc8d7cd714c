"""Stored aggregates: computed once, read by every page view, recomputed by the scheduler
only when their source rows changed (the mark: row count, newest id, newest time)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from bitewise.insight.models import RetentionCheck, Rollup
from bitewise.insight.selectors.learning import items_compute
from bitewise.insight.selectors.retention import retention_compute
from bitewise.learning.models import QuestionAnswer


def _mark(rows: QuerySet[Any], moment: str) -> str:
    found = rows.aggregate(n=Count("pk"), top=Max("pk"), at=Max(moment))
    at = found["at"].isoformat() if found["at"] else ""
    return f"{found['n']}:{found['top'] or 0}:{at}"


ROLLUPS: dict[str, tuple[Callable[[], str], Callable[[], dict[str, Any]]]] = {
    "items": (lambda: _mark(QuestionAnswer.objects.all(), "answered_at"), items_compute),
    "retention": (
        lambda: _mark(RetentionCheck.objects.filter(answered_at__isnull=False), "answered_at"),
        retention_compute,
    ),
}


def _jsonable(payload: dict[str, Any]) -> Any:
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def rollup_refresh(name: str, *, force: bool = False) -> Rollup:
    mark_of, compute = ROLLUPS[name]
    mark = mark_of()
    found = Rollup.objects.filter(name=name).first()
    if found is not None and found.source_mark == mark and not force:
        return found
    rollup, _ = Rollup.objects.update_or_create(
        name=name,
        defaults={
            "payload": _jsonable(compute()),
            "source_mark": mark,
            "computed_at": timezone.now(),
        },
    )
    return rollup


def rollup_read(name: str) -> Rollup:
    """The stored rollup (one query); computed now only if it was never computed."""
    return Rollup.objects.filter(name=name).first() or rollup_refresh(name)


def rollups_refresh_due() -> int:
    """The scheduler's entry point: recompute the rollups whose sources changed; returns
    how many were recomputed."""
    before = dict(Rollup.objects.values_list("name", "computed_at"))
    return sum(rollup_refresh(name).computed_at != before.get(name) for name in ROLLUPS)
