"""The clock side of campaign deliveries: plan the outbox rows coming due, then queue the
due ones for the worker. Set-based: a fixed number of queries plus one INSERT per 1,000 new
rows, however many learners and steps (tests assert the bound)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from bitewise.common.mail_addresses import can_receive_mail
from bitewise.engines.campaigns import (
    MAX_OFFSET_DAYS,
    MIN_OFFSET_DAYS,
    StepOffset,
    is_for_late_joiner,
    step_due_at,
)
from bitewise.engines.insight.sampling import is_held_out
from bitewise.reinforcement.models import Channel, Delivery, DeliveryState, EventRegistration, Step
from bitewise.reinforcement.services.outbox import STALE_CLAIM
from bitewise.reinforcement.services.preferences import quiet_hours_of

HORIZON = timedelta(hours=1)  # rows are planned this far ahead, sent when due
# A step the scheduler missed by more than this (it was down) is not sent late.
GRACE = timedelta(hours=12)
# Zones run from UTC-12 to UTC+14 and quiet hours shift by up to a day: a step's instant for
# any learner lies within this of event start + offset.
SLACK = timedelta(days=2, hours=12)
INSERT_BATCH = 1000
SEND_BATCH = 100


NewRow = tuple[int, int, str, datetime]  # learner, step, channel, due


@dataclass(frozen=True)
class StepTiming:
    step_id: int
    event_id: int
    event_start: datetime
    offset: StepOffset
    campaign_id: int = 0
    holdout_percent: int = 0


def _candidate_steps(now: datetime, horizon: timedelta) -> list[StepTiming]:
    earliest, latest = now - GRACE - SLACK, now + horizon + SLACK
    rows = Step.objects.filter(
        campaign__is_active=True,
        campaign__event__starts_at__gte=earliest - timedelta(days=MAX_OFFSET_DAYS, hours=24),
        campaign__event__starts_at__lte=latest - timedelta(days=MIN_OFFSET_DAYS, hours=-24),
    ).values_list(
        "pk",
        "campaign__event_id",
        "campaign__event__starts_at",
        "offset_days",
        "offset_hours",
        "campaign_id",
        "campaign__holdout_percent",
    )
    timings = [
        StepTiming(pk, event_id, start, StepOffset(days, hours), campaign_id, holdout)
        for pk, event_id, start, days, hours, campaign_id, holdout in rows
    ]
    return [
        t
        for t in timings
        if earliest <= t.event_start + timedelta(days=t.offset.days, hours=t.offset.hours) <= latest
    ]


def _due(step: StepTiming, zone: str, quiet: str) -> datetime:
    try:
        return step_due_at(
            event_start=step.event_start,
            offset=step.offset,
            learner_zone=zone,
            quiet=quiet_hours_of(quiet),
        )
    except ValueError:  # a zone or quiet hours edited in the admin past validation
        return step_due_at(
            event_start=step.event_start,
            offset=step.offset,
            learner_zone="UTC",
            quiet=quiet_hours_of(""),
        )


def deliveries_plan(*, now: datetime, horizon: timedelta = HORIZON) -> int:
    """Create the outbox rows for every (learner, step) due within ``horizon`` (or missed
    by less than GRACE), each at its time in the learner's zone; returns how many."""
    steps = _candidate_steps(now, horizon)
    if not steps:
        return 0
    by_event: dict[int, list[StepTiming]] = {}
    for step in steps:
        by_event.setdefault(step.event_id, []).append(step)
    existing = set(
        Delivery.objects.filter(step_id__in=[s.step_id for s in steps]).values_list(
            "learner_id", "step_id"
        )
    )
    registrations = (
        EventRegistration.objects.filter(event_id__in=by_event, learner__is_active=True)
        .values_list(
            "learner_id",
            "event_id",
            "created_at",
            "learner__delivery_preferences__time_zone",
            "learner__delivery_preferences__quiet_hours",
            "learner__delivery_preferences__is_email_enabled",
            "learner__email",
        )
        .iterator(chunk_size=5000)
    )
    # The instant depends on the step, the zone and the quiet hours, not on the learner.
    due_cache: dict[tuple[int, str, str], datetime] = {}
    earliest, latest = now - GRACE, now + horizon

    def new_rows() -> Iterator[NewRow]:
        for learner_id, event_id, registered_at, zone, quiet, email_on, address in registrations:
            # Email turned off, or an address that can never receive it: the step is shown
            # in the app only, and nothing is queued for the mail server.
            channel = (
                Channel.IN_APP
                if email_on is False or not can_receive_mail(address)
                else Channel.EMAIL
            )
            zone, quiet = zone or "UTC", quiet or ""
            for step in by_event[event_id]:
                # The campaign's control group gets none of its steps (insight lift report).
                if step.holdout_percent and is_held_out(
                    step.campaign_id, learner_id, percent=step.holdout_percent
                ):
                    continue
                due = due_cache.get((step.step_id, zone, quiet))
                if due is None:
                    due = _due(step, zone, quiet)
                    due_cache[(step.step_id, zone, quiet)] = due
                if not earliest <= due <= latest or (learner_id, step.step_id) in existing:
                    continue
                if not is_for_late_joiner(due_at=due, registered_at=registered_at):
                    continue
                yield (learner_id, step.step_id, channel, due)

    created = 0
    batch: list[NewRow] = []
    for row in new_rows():
        batch.append(row)
        if len(batch) == INSERT_BATCH:
            created += _insert(batch)
            batch = []
    return created + (_insert(batch) if batch else 0)


def _insert(batch: list[NewRow]) -> int:
    """One INSERT per batch. Raw SQL because this is the hot path: the ORM's bulk_create
    spent 3/4 of the planning time compiling 13 fields per row (benchmarks/RESULTS.md).
    ON CONFLICT DO NOTHING (SQLite >= 3.24, PostgreSQL) on the unique (learner, step) makes
    a second scheduler's identical insert a no-op. Returns the rows inserted."""
    table = connection.ops.quote_name(Delivery._meta.db_table)
    columns = "learner_id, step_id, channel, due_at, state, attempts, message_id, error, created_at"
    now = timezone.now()
    if connection.vendor == "postgresql":
        # Four array parameters instead of 9,000 placeholders for the driver to parse.
        sql = (
            f"INSERT INTO {table} ({columns}) SELECT l, s, c, d, %s, 0, '', '', %s"
            " FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[], %s::timestamptz[])"
            " AS t(l, s, c, d) ON CONFLICT (learner_id, step_id) DO NOTHING"
        )
        learners, steps, channels, dues = (list(column) for column in zip(*batch, strict=True))
        params: list[Any] = [DeliveryState.PLANNED, now, learners, steps, channels, dues]
    else:
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        params = []
        for learner_id, step_id, channel, due in batch:
            due_value = ops.adapt_datetimefield_value(due)
            params += [learner_id, step_id, channel, due_value, DeliveryState.PLANNED, 0, "", ""]
            params.append(stamp)
        rows = ", ".join(["(" + ", ".join(["%s"] * 9) + ")"] * len(batch))
        sql = (
            f"INSERT INTO {table} ({columns}) VALUES {rows}"
            " ON CONFLICT (learner_id, step_id) DO NOTHING"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(int(cursor.rowcount), 0)


def deliveries_dispatch(*, now: datetime) -> int:
    """Queue every due email row for the worker (and mark due in-app rows delivered);
    release claims that went stale before the hand-over; returns how many were queued."""
    from bitewise.reinforcement.tasks import deliveries_send_task

    Delivery.objects.filter(
        channel=Channel.IN_APP, state=DeliveryState.PLANNED, due_at__lte=now
    ).update(state=DeliveryState.SENT, sent_at=now)
    stale = Q(state=DeliveryState.SENDING, claimed_at__lt=now - STALE_CLAIM)
    # Killed before handing the message over: nothing left us, send it again.
    Delivery.objects.filter(stale, handed_at=None).update(
        state=DeliveryState.PLANNED, dispatched_at=None, error="A worker stopped; retried."
    )
    # Killed after handing it over: it may have arrived. Never risk a second copy.
    Delivery.objects.filter(stale, handed_at__isnull=False).update(
        state=DeliveryState.FAILED,
        error="Outcome unknown: the worker stopped after handing it to the mail server.",
    )
    due_ids = list(
        Delivery.objects.filter(
            Q(dispatched_at=None) | Q(dispatched_at__lt=now - STALE_CLAIM),
            channel=Channel.EMAIL,
            state=DeliveryState.PLANNED,
            due_at__lte=now,
        ).values_list("pk", flat=True)
    )
    for start in range(0, len(due_ids), SEND_BATCH):
        chunk = due_ids[start : start + SEND_BATCH]
        with transaction.atomic():
            Delivery.objects.filter(pk__in=chunk).update(dispatched_at=now)
            # A task queued twice is harmless: delivery_send claims each row atomically.
            transaction.on_commit(partial(deliveries_send_task.enqueue, chunk))
    return len(due_ids)


def deliveries_plan_due(*, now: datetime | None = None) -> int:
    """The scheduler's entry point: plan what comes due in the next hour, queue what is due."""
    now = now or timezone.now()
    deliveries_plan(now=now)
    return deliveries_dispatch(now=now)
