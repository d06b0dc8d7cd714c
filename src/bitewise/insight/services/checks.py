"""Delayed retention checks: planned by the scheduler from graded quiz answers, answered
(unscored) from Today.

Planning takes the answers since the newest one already sampled (less a day of slack),
keeps the learner's staggered sample (engines.insight.sampling), and times each check at
``learned + delay`` days in the learner's own zone, out of their quiet hours, with the
campaign timing engine's rules. Nothing is planned for a micro-credential the learner unsubscribed
from, nor for an inactive account; checks far past due (answers older than the feature)
are not planned at all."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from bitewise.catalog.models import MicroCredentialLesson
from bitewise.engines.campaigns import DEFAULT_SEND_AT, local_instant, shift_out_of_quiet
from bitewise.engines.insight.sampling import check_delay_for
from bitewise.insight.errors import InsightError
from bitewise.insight.models import RetentionCheck
from bitewise.learning.models import Enrollment, QuestionAnswer
from bitewise.learning.services import LearningError, grade_answer
from bitewise.reinforcement.services.preferences import quiet_hours_of
from bitewise.reviews.models import ReviewCard
from bitewise.reviews.selectors import recall_of

SLACK = timedelta(days=1)  # answers committed late are still seen by the next run
GRACE = timedelta(days=2)  # a check this far past due when planned is skipped
CHUNK = 2000


@dataclass(frozen=True)
class CheckResult:
    check: RetentionCheck
    is_correct: bool
    correct_choice_ids: list[int]


def dropped_lessons(learner_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(learner, lesson) pairs the learner unsubscribed from: a lesson of a micro-credential
    they dropped, and of none they still follow."""
    ids = list(learner_ids)

    def pairs(is_active: bool) -> set[tuple[int, int]]:
        enrolments = Enrollment.objects.filter(learner_id__in=ids, is_active=is_active)
        by_credential: dict[int, list[int]] = {}
        rows = list(enrolments.values_list("learner_id", "micro_credential_id"))
        for lesson_credential, lesson_id in MicroCredentialLesson.objects.filter(
            micro_credential_id__in={mc for _, mc in rows}
        ).values_list("micro_credential_id", "lesson_id"):
            by_credential.setdefault(lesson_credential, []).append(lesson_id)
        return {(learner, lesson) for learner, mc in rows for lesson in by_credential.get(mc, [])}

    return pairs(False) - pairs(True)


def _due(learned_at: datetime, delay: int, zone: str | None, quiet: str | None) -> datetime:
    """Day ``delay`` after learning, at the campaigns' send time in the learner's zone,
    moved out of their quiet hours (the same rules as campaign steps)."""
    try:
        tz, hours = ZoneInfo(zone or "UTC"), quiet_hours_of(quiet)
    except (ZoneInfoNotFoundError, ValueError):  # edited in the admin past validation
        tz, hours = ZoneInfo("UTC"), quiet_hours_of("")
    day = learned_at.astimezone(tz).date() + timedelta(days=delay)
    return shift_out_of_quiet(local_instant(day, DEFAULT_SEND_AT, tz), tz, hours)


def _plan_chunk(
    rows: Sequence[tuple[int, int, datetime, int, str | None, str | None]], now: datetime
) -> int:
    dropped = dropped_lessons({row[0] for row in rows})
    checks = []
    for learner_id, question_id, answered_at, lesson_id, zone, quiet in rows:
        delay = check_delay_for(learner_id, question_id)
        if delay is None or (learner_id, lesson_id) in dropped:
            continue
        due = _due(answered_at, delay, zone, quiet)
        if due < now - GRACE:
            continue
        checks.append(
            RetentionCheck(
                learner_id=learner_id,
                question_id=question_id,
                delay_days=delay,
                learned_at=answered_at,
                due_at=due,
            )
        )
    # A concurrent planner made the same rows: the unique (learner, question) keeps one.
    RetentionCheck.objects.bulk_create(checks, ignore_conflicts=True)
    return len(checks)


def retention_checks_plan(*, now: datetime) -> int:
    """Plan checks for the answers since the last run; returns how many rows it tried."""
    newest = RetentionCheck.objects.aggregate(newest=Max("learned_at"))["newest"]
    answers = QuestionAnswer.objects.filter(learner__is_active=True, answered_at__lte=now)
    if newest is not None:
        answers = answers.filter(answered_at__gte=newest - SLACK)
    rows = answers.values_list(
        "learner_id",
        "question_id",
        "answered_at",
        "question__lesson_id",
        "learner__delivery_preferences__time_zone",
        "learner__delivery_preferences__quiet_hours",
    ).order_by("pk")
    planned = 0
    batch: list[tuple[int, int, datetime, int, str | None, str | None]] = []
    for row in rows.iterator(chunk_size=CHUNK):
        batch.append(row)
        if len(batch) == CHUNK:
            planned += _plan_chunk(batch, now)
            batch = []
    return planned + (_plan_chunk(batch, now) if batch else 0)


def retention_checks_plan_due(*, now: datetime | None = None) -> int:
    """The scheduler's entry point."""
    return retention_checks_plan(now=now or timezone.now())


@transaction.atomic
def retention_check_answer(
    *, check: RetentionCheck, choice_ids: Sequence[int], now: datetime | None = None
) -> CheckResult:
    """Record the answer to a due check, with the FSRS recall predicted for this moment.
    Unscored: the review card, progress and awards are left as they are."""
    now = now or timezone.now()
    check = RetentionCheck.objects.select_for_update().select_related("question").get(pk=check.pk)
    if check.answered_at is not None:
        raise InsightError("This check was already answered.")
    if check.due_at > now:
        raise InsightError("This check is not due yet.")
    choices = list(check.question.choices.all())
    try:
        is_correct = grade_answer(check.question, choices, choice_ids)
    except LearningError as exc:
        raise InsightError(str(exc)) from exc
    card = ReviewCard.objects.filter(learner_id=check.learner_id, question_id=check.question_id)
    found = card.only("stability", "last_review_at").first()
    check.answered_at = now
    check.is_correct = is_correct
    check.choice_ids = sorted(set(choice_ids))
    check.predicted_recall = recall_of(found, now) if found else None
    check.save(update_fields=["answered_at", "is_correct", "choice_ids", "predicted_recall"])
    return CheckResult(check, is_correct, sorted(c.pk for c in choices if c.is_correct))
