"""Work out CE credit from the evidence, with the program's rule, and keep the award
with its audit record. Credit only changes when the evidence does."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Question
from bitewise.common.events import events_record
from bitewise.engines.ce_credits import (
    CreditDecision,
    LearnerEvidence,
    SessionFacts,
    audit_record,
    compute_credit,
    compute_series_credit,
)
from bitewise.learning.models import QuestionAnswer
from bitewise.webinars.models import (
    Attendance,
    AttendanceCheck,
    CheckAnswer,
    CreditAward,
    CreditMode,
    CreditProgram,
    Series,
    Viewing,
    Webinar,
)
from bitewise.webinars.services import intervals as iv

# Recorded with each new or raised award; its handler issues (or signs again) the award's
# credential (handlers.py).
CE_CREDIT_AWARDED = "ce_credit_awarded"


@dataclass(frozen=True)
class Assessed:
    """One learner's decision, for the staff credit report and for awarding."""

    learner: User
    decision: CreditDecision
    award: CreditAward | None


def session_facts(webinar: Webinar) -> SessionFacts:
    shown = AttendanceCheck.objects.filter(webinar=webinar, opens_at__lte=timezone.now()).count()
    return SessionFacts(minutes=Decimal(webinar.duration_minutes), checks_shown=shown)


def evidence_for(webinar: Webinar, learners: Sequence[User]) -> dict[int, LearnerEvidence]:
    """Each learner's evidence for the live session, in a fixed number of queries."""
    attendance = {
        a.learner_id: a for a in Attendance.objects.filter(webinar=webinar, learner__in=learners)
    }
    answers: dict[int, list[str]] = defaultdict(list)
    for learner_id, code, at in CheckAnswer.objects.filter(
        attendance_check__webinar=webinar, learner__in=learners
    ).values_list("learner_id", "attendance_check__code", "answered_at"):
        answers[learner_id].append(f"{code} at {at.isoformat()}")
    scores = assessment_scores(webinar, learners)
    result = {}
    for learner in learners:
        seen = attendance.get(learner.pk)
        result[learner.pk] = LearnerEvidence(
            attended_minutes=seen.minutes if seen else Decimal(0),
            checks_answered=len(answers[learner.pk]),
            assessment_score=scores.get(learner.pk),
            intervals=tuple((i.start, i.end) for i in iv.from_json(seen.intervals if seen else [])),
            check_answers=tuple(answers[learner.pk]),
        )
    return result


def assessment_scores(webinar: Webinar, learners: Sequence[User]) -> dict[int, Decimal]:
    """Percent correct on the webinar's assessment quiz, for learners who took it."""
    if webinar.assessment_id is None:
        return {}
    total = Question.objects.filter(lesson_id=webinar.assessment_id).count()
    if total == 0:
        return {}
    rows = (
        QuestionAnswer.objects.filter(
            question__lesson_id=webinar.assessment_id, learner__in=learners
        )
        .values("learner_id")
        .annotate(correct=Count("pk", filter=Q(is_correct=True)))
    )
    return {
        row["learner_id"]: (Decimal(row["correct"]) * 100 / total).quantize(Decimal("0.01"))
        for row in rows
    }


def series_program(webinar: Webinar) -> CreditProgram | None:
    """A series with a program that adds minutes up awards credit for the series only."""
    series = webinar.series
    if series is None or series.credit_program is None:
        return None
    return (
        series.credit_program if series.credit_program.credit_rule.allows_series_bundling else None
    )


@transaction.atomic
def credits_evaluate(*, webinar: Webinar, learners: Iterable[User]) -> list[Assessed]:
    """Decide (and award, when earned) each learner's credit for the live session."""
    learners = list(learners)
    if series_program(webinar) is not None:
        assert webinar.series is not None
        return series_credits_evaluate(series=webinar.series)
    program = webinar.credit_program
    if program is None or not learners:
        return []
    rule = program.credit_rule
    session = session_facts(webinar)
    evidence = evidence_for(webinar, learners)
    decided = []
    for learner in learners:
        decision = compute_credit(rule, session=session, evidence=evidence[learner.pk])
        record = audit_record(
            rule=rule, sessions=[session], evidence=[evidence[learner.pk]], decision=decision
        )
        decided.append((learner, decision, record))
    target = Target(
        mode=CreditMode.LIVE,
        title=webinar.title,
        day=webinar.local_starts_at.date(),
        webinar=webinar,
    )
    return _awards(program=program, target=target, decided=decided)


@transaction.atomic
def series_credits_evaluate(*, series: Series) -> list[Assessed]:
    """Credit for a whole series, once its last session is over: minutes add up across
    sessions where the body allows it (four 15-minute NASBA sessions can earn 1.2)."""
    program = series.credit_program
    sessions = list(series.webinars.filter(status="published").order_by("starts_at"))
    if program is None or not sessions:
        return []
    if max(w.attendance_window[1] for w in sessions) > timezone.now():
        return []  # not over yet: credit is decided on the whole series
    rule = program.credit_rule
    learners = list(
        User.objects.filter(webinar_attendances__webinar__in=sessions).distinct().order_by("pk")
    )
    facts = [session_facts(w) for w in sessions]
    per_session = [evidence_for(w, learners) for w in sessions]
    decided = []
    for learner in learners:
        evidence = [seen[learner.pk] for seen in per_session]
        decision = compute_series_credit(rule, sessions=facts, evidence=evidence)
        record = audit_record(rule=rule, sessions=facts, evidence=evidence, decision=decision)
        decided.append((learner, decision, record))
    target = Target(
        mode=CreditMode.SERIES,
        title=series.title,
        day=sessions[-1].local_starts_at.date(),
        series=series,
    )
    return _awards(program=program, target=target, decided=decided)


@transaction.atomic
def self_study_evaluate(*, webinar: Webinar, learner: User) -> Assessed | None:
    """Credit for watching the recording on demand, once the learner has watched the
    required share (the player's heartbeats say how much)."""
    program = webinar.self_study_program
    viewing = Viewing.objects.filter(webinar=webinar, learner=learner).first()
    if program is None or viewing is None or not webinar.recording_seconds:
        return None
    share = Decimal(viewing.seconds) * 100 / webinar.recording_seconds
    if share < webinar.self_study_percent:
        return None
    rule = program.credit_rule
    session = SessionFacts(minutes=Decimal(webinar.recording_seconds) / 60, checks_shown=0)
    evidence = LearnerEvidence(
        attended_minutes=min(Decimal(viewing.seconds), Decimal(webinar.recording_seconds)) / 60,
        assessment_score=assessment_scores(webinar, [learner]).get(learner.pk),
    )
    decision = compute_credit(rule, session=session, evidence=evidence)
    record = audit_record(rule=rule, sessions=[session], evidence=[evidence], decision=decision)
    record["viewing"] = {
        "watched_seconds": viewing.watched,
        "share_percent": str(share.quantize(Decimal("0.1"))),
    }
    target = Target(
        mode=CreditMode.SELF_STUDY,
        title=f"{webinar.title} (recording)",
        day=timezone.localdate(),
        webinar=webinar,
    )
    [assessed] = _awards(program=program, target=target, decided=[(learner, decision, record)])
    return assessed


@dataclass(frozen=True)
class Target:
    """What the credit is for: a session (live or its recording) or a series."""

    mode: str
    title: str
    day: date
    webinar: Webinar | None = None
    series: Series | None = None


def _awards(
    *,
    program: CreditProgram,
    target: Target,
    decided: list[tuple[User, CreditDecision, dict[str, Any]]],
) -> list[Assessed]:
    """Create or raise each learner's award, in a fixed number of queries; an award is
    never lowered or removed here (staff revoke)."""
    scope = (
        {"series": target.series}
        if target.series
        else {"webinar": target.webinar, "mode": target.mode}
    )
    learners = [learner for learner, _, _ in decided]
    existing = {
        award.learner_id: award
        for award in CreditAward.objects.select_for_update().filter(learner__in=learners, **scope)
    }
    fresh, raised = [], []
    for learner, decision, evidence in decided:
        if not decision.eligible or decision.credit <= 0:
            continue
        award = existing.get(learner.pk)
        if award is None:
            award = existing[learner.pk] = _new_award(program, target, learner, decision, evidence)
            fresh.append(award)
        elif award.revoked_at is None and decision.credit > award.credit:
            award.credit, award.evidence = decision.credit, evidence
            award.rule_version = decision.rule_version
            award.updated_at = timezone.now()  # bulk_update does not touch auto_now
            raised.append(award)
    # A concurrent evaluation (a check answered during an import) may have made one a
    # moment ago: it stands, and this one is dropped (its event then finds no award).
    CreditAward.objects.bulk_create(fresh, ignore_conflicts=True)
    # Raised credit gets its credential signed again with the new figure (one event per value).
    events_record(
        name=CE_CREDIT_AWARDED,
        items=[
            (f"{CE_CREDIT_AWARDED}:{award.pk}:{award.credit}", {"award_id": str(award.pk)})
            for award in [*fresh, *raised]
        ],
    )
    CreditAward.objects.bulk_update(raised, ["credit", "evidence", "rule_version", "updated_at"])
    return [
        Assessed(learner, decision, existing.get(learner.pk)) for learner, decision, _ in decided
    ]


def _new_award(
    program: CreditProgram,
    target: Target,
    learner: User,
    decision: CreditDecision,
    evidence: dict[str, Any],
) -> CreditAward:
    return CreditAward(
        learner=learner,
        mode=target.mode,
        webinar=target.webinar,
        series=target.series,
        title=target.title[:200],
        activity_date=target.day,
        program_code=program.code,
        rule_version=decision.rule_version,
        credit=decision.credit,
        unit=decision.unit,
        credit_type=program.credit_type,
        delivery_method=(
            "Self-study" if target.mode == CreditMode.SELF_STUDY else program.delivery_method
        ),
        provider_name=program.provider_name or settings.BITEWISE_PROVIDER_NAME,
        approver_statement=program.approver_statement,
        evidence=evidence,
    )
