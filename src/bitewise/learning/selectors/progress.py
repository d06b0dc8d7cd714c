"""Reads for progress: standings, the progress page, completions and awards."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, QuerySet

from bitewise.accounts.models import User
from bitewise.catalog.models import (
    MicroCredential,
    MicroCredentialLesson,
    Pathway,
    Question,
    Status,
)
from bitewise.credentials.models import IssuedCredential
from bitewise.engines.progress.rules import (
    MicroCredentialStanding,
    PathwayRule,
    pathway_required,
)
from bitewise.learning.models import (
    Attempt,
    Award,
    Enrollment,
    LessonCompletion,
    QuestionAnswer,
)


def standings_for(
    *, learner: User, micro_credentials: Iterable[MicroCredential]
) -> dict[int, MicroCredentialStanding]:
    """Standing on each micro-credential in four queries, whatever their number: lessons
    done, and the assessment scored by the best submitted attempt."""
    by_id = {mc.pk: mc for mc in micro_credentials}
    if not by_id:
        return {}
    lessons_by_mc: dict[int, set[int]] = defaultdict(set)
    for mc_id, lesson_id in MicroCredentialLesson.objects.filter(
        micro_credential_id__in=by_id
    ).values_list("micro_credential_id", "lesson_id"):
        lessons_by_mc[mc_id].add(lesson_id)
    lesson_ids = set().union(*lessons_by_mc.values()) if lessons_by_mc else set()
    done = set(
        LessonCompletion.objects.filter(learner=learner, lesson_id__in=lesson_ids).values_list(
            "lesson_id", flat=True
        )
    )
    questions_per_lesson = dict(
        Question.objects.filter(lesson_id__in=lesson_ids)
        .values("lesson_id")
        .annotate(n=Count("pk"))
        .values_list("lesson_id", "n")
    )
    attempts: dict[int, tuple[int, int]] = {
        mc_id: (best, submitted)
        for mc_id, best, submitted in Attempt.objects.filter(
            learner=learner, micro_credential_id__in=by_id, submitted_at__isnull=False
        )
        .values("micro_credential_id")
        .annotate(best=Max("score"), submitted=Count("pk"))
        .values_list("micro_credential_id", "best", "submitted")
    }
    standings = {}
    for mc_id, mc in by_id.items():
        lessons = lessons_by_mc.get(mc_id, set())
        best, submitted = attempts.get(mc_id, (None, 0))
        standings[mc_id] = MicroCredentialStanding(
            lessons_total=len(lessons),
            lessons_done=len(lessons & done),
            pass_percent=mc.pass_percent,
            pool_size=sum(questions_per_lesson.get(lesson, 0) for lesson in lessons),
            best_score=best,
            attempts_submitted=submitted,
        )
    return standings


@dataclass(frozen=True)
class MicroCredentialProgress:
    micro_credential: MicroCredential
    standing: MicroCredentialStanding
    is_subscribed: bool
    award: Award | None  # None when not earned, or when its badge was revoked
    revoked_at: datetime | None = None
    revoked_reason: str = ""


@dataclass(frozen=True)
class PathwayProgress:
    pathway: Pathway
    held: int
    required: int
    award: Award | None
    # Its badge waits for issuer staff to decide: a micro-credential it was built on was revoked.
    is_under_review: bool = False

    @property
    def percent(self) -> int:
        return min(100, (self.held * 100) // self.required) if self.required else 0


@dataclass(frozen=True)
class LearnerProgress:
    micro_credentials: list[MicroCredentialProgress]
    pathways: list[PathwayProgress]


def learner_progress(*, learner: User) -> LearnerProgress:
    """Everything on the progress page, in a fixed number of queries."""
    enrollments = list(
        Enrollment.objects.filter(learner=learner).select_related("micro_credential")
    )
    # An award whose badge staff revoked no longer stands: not earned here, not held
    # towards a pathway (as on the CE transcript and to any verifier).
    revoked, under_review = {}, set()
    for award_id, revoked_at, reason, needs_review in IssuedCredential.objects.filter(
        learner=learner, award__isnull=False
    ).values_list("award_id", "revoked_at", "revoked_reason", "needs_review"):
        if revoked_at is not None:
            revoked[award_id] = (revoked_at, reason)
        elif needs_review:
            under_review.add(award_id)
    awards = list(Award.objects.filter(learner=learner))
    revoked_mcs = {a.micro_credential_id: revoked[a.pk] for a in awards if a.pk in revoked}
    awards = [a for a in awards if a.pk not in revoked]
    mc_awards = {a.micro_credential_id: a for a in awards if a.micro_credential_id}
    pathway_awards = {a.pathway_id: a for a in awards if a.pathway_id}
    mcs = [e.micro_credential for e in enrollments]
    standings = standings_for(learner=learner, micro_credentials=mcs)
    rows = [
        MicroCredentialProgress(
            micro_credential=e.micro_credential,
            standing=standings[e.micro_credential_id],
            is_subscribed=e.is_active,
            award=mc_awards.get(e.micro_credential_id),
            revoked_at=revoked_mcs.get(e.micro_credential_id, (None, ""))[0],
            revoked_reason=revoked_mcs.get(e.micro_credential_id, (None, ""))[1],
        )
        for e in sorted(enrollments, key=lambda e: (not e.is_active, e.micro_credential.title))
    ]
    pathways = []
    relevant = {e.micro_credential_id for e in enrollments} | set(mc_awards)
    members_of: dict[int, list[int]] = defaultdict(list)
    # Only the pathways this learner is on the way to: those holding one of their
    # micro-credentials, with membership read as ids from the through table.
    for pathway_id, mc_id in (
        Pathway.micro_credentials.through.objects.filter(
            pathway__status=Status.PUBLISHED,
            pathway__micro_credentials__in=relevant,
        )
        .values_list("pathway_id", "microcredential_id")
        .distinct()
    ):
        members_of[pathway_id].append(mc_id)
    for pathway in Pathway.objects.filter(pk__in=members_of).only(
        "slug", "title", "rule", "required_count"
    ):
        members = members_of[pathway.pk]
        required = pathway_required(
            rule=PathwayRule(pathway.rule),
            required_count=pathway.required_count,
            member_count=len(members),
        )
        held = sum(1 for m in members if m in mc_awards)
        pathways.append(
            PathwayProgress(
                pathway=pathway,
                held=min(held, required),
                required=required,
                award=pathway_awards.get(pathway.pk),
                is_under_review=pathway.pk in pathway_awards
                and pathway_awards[pathway.pk].pk in under_review,
            )
        )
    return LearnerProgress(micro_credentials=rows, pathways=pathways)


def enrollment_for(*, learner: User, micro_credential: MicroCredential) -> Enrollment | None:
    return Enrollment.objects.filter(learner=learner, micro_credential=micro_credential).first()


def award_list_for_learner(*, learner: User) -> QuerySet[Award]:
    return Award.objects.filter(learner=learner).select_related("micro_credential", "pathway")


def completed_lesson_ids(*, learner: User, lesson_ids: Iterable[int]) -> set[int]:
    return set(
        LessonCompletion.objects.filter(
            learner=learner, lesson_id__in=list(lesson_ids)
        ).values_list("lesson_id", flat=True)
    )


def answers_for_lesson(*, learner: User, lesson_id: int) -> dict[int, QuestionAnswer]:
    return {
        a.question_id: a
        for a in QuestionAnswer.objects.filter(learner=learner, question__lesson_id=lesson_id)
    }
