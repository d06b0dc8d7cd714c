"""Stored aggregates: computed once, read by every page view, recomputed by the scheduler
only when their source rows changed (the mark: row count, newest id, newest time)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from bitewise.insight.cache import insight_changed
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
    # "v3": the payload gained recall per event (v2: per skill and cohort); a rollup stored
    # before is recomputed by the scheduler's next run.
    "retention": (
        lambda: (
            "v3:" + _mark(RetentionCheck.objects.filter(answered_at__isnull=False), "answered_at")
        ),
        retention_compute,
    ),
}


# Pages read a short version of each rollup (a large JSON document costs more to decode
# than the rest of the request); the CSV download and the API read the whole one.
ROWS_ON_PAGE = 100


def _page_of(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    if name == "items":
        rows = payload["items"]
        return {
            "items": rows[:ROWS_ON_PAGE],
            "total": len(rows),
            "flagged": sum(bool(r["flags"]) for r in rows),
            "hidden": sum(not r["is_shown"] for r in rows),
        }
    per_credential = sorted(payload["per_credential"], key=lambda r: -r["checks"])
    per_skill = payload.get("per_skill", [])
    per_event = payload.get("per_event", [])
    return {
        **payload,
        "per_credential": per_credential[:ROWS_ON_PAGE],
        "total": len(per_credential),
        "per_skill": _busiest_rows(per_skill),
        "skill_rows": len(per_skill),
        "per_event": _busiest_rows(per_event),
        "event_rows": len(per_event),
    }


def _busiest_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first ROWS_ON_PAGE rows of the groups with the most checks, each group's rows
    kept together in delay order."""
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["title"]] = totals.get(row["title"], 0) + row["checks"]
    ordered = sorted(rows, key=lambda r: (-totals[r["title"]], r["title"], r["delay_days"]))
    return ordered[:ROWS_ON_PAGE]


def _jsonable(payload: dict[str, Any]) -> Any:
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def rollup_refresh(name: str, *, force: bool = False) -> Rollup:
    mark_of, compute = ROLLUPS[name]
    mark = mark_of()
    found = Rollup.objects.filter(name=name).only("source_mark", "computed_at").first()
    if found is not None and found.source_mark == mark and not force:
        return found
    payload = _jsonable(compute())
    at = timezone.now()
    Rollup.objects.update_or_create(
        name=f"{name}:page",
        defaults={"payload": _page_of(name, payload), "source_mark": mark, "computed_at": at},
    )
    rollup, _ = Rollup.objects.update_or_create(
        name=name, defaults={"payload": payload, "source_mark": mark, "computed_at": at}
    )
    insight_changed()  # the dashboards kept in the cache show the new figures
    return rollup


def rollup_read(name: str, *, page: bool = False) -> Rollup:
    """The stored rollup (one query), or its short version for a page; computed now only
    if it was never computed."""
    stored = f"{name}:page" if page else name
    found = Rollup.objects.filter(name=stored).first()
    if found is None:
        rollup_refresh(name, force=True)
        found = Rollup.objects.get(name=stored)
    return found


def rollups_refresh_due() -> int:
    """The scheduler's entry point: recompute the rollups whose sources changed; returns
    how many were recomputed."""
    before = dict(Rollup.objects.filter(name__in=ROLLUPS).values_list("name", "computed_at"))
    return sum(rollup_refresh(name).computed_at != before.get(name) for name in ROLLUPS)
