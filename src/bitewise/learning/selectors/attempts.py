"""Reads for assessments: the pool, a learner's own attempts, and what each may show.

Nothing here hands a template or an API route whether a choice is right before the
attempt says its grades may show (``AttemptQuestion.shows_grade``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import Http404
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import (
    FeedbackMode,
    MicroCredential,
    MicroCredentialLesson,
    Question,
)
from bitewise.engines.progress.assessment import Blocked, RetakeStatus, retake_status
from bitewise.engines.progress.rules import MicroCredentialStanding
from bitewise.learning.models import Attempt, AttemptAnswer, Award, Enrollment


def assessment_pool(*, micro_credential: MicroCredential) -> list[int]:
    """The question ids of the micro-credential's lessons, in learning order."""
    lesson_order = {
        lesson_id: i
        for i, lesson_id in enumerate(
            micro_credential.memberships.order_by("position", "id").values_list(
                "lesson_id", flat=True
            )
        )
    }
    rows = Question.objects.filter(lesson_id__in=lesson_order).values_list(
        "id", "lesson_id", "position"
    )
    return [row[0] for row in sorted(rows, key=lambda r: (lesson_order[r[1]], r[2], r[0]))]


def is_in_assessment(*, lesson_id: int) -> bool:
    """Does the lesson belong to a micro-credential (whose assessment holds its questions)?"""
    return MicroCredentialLesson.objects.filter(lesson_id=lesson_id).exists()


def access_attempt(*, attempt_id: int, learner: User, for_update: bool = False) -> Attempt:
    """The learner's own attempt; 404 for one that is missing or another learner's."""
    attempts = Attempt.objects.select_related("micro_credential")
    if for_update:
        attempts = attempts.select_for_update(of=("self",))
    attempt = attempts.filter(pk=attempt_id, learner=learner).first()
    if attempt is None:
        raise Http404("No such attempt")
    return attempt


@dataclass(frozen=True)
class AttemptChoice:
    id: int
    text: str
    is_chosen: bool
    is_correct: bool | None  # None while the grade may not show
    explanation: str  # empty while the grade may not show


@dataclass(frozen=True)
class AttemptQuestion:
    number: int
    question: Question
    choices: list[AttemptChoice]
    answer: AttemptAnswer | None
    shows_grade: bool

    @property
    def is_correct(self) -> bool | None:
        if not self.shows_grade:
            return None
        return self.answer is not None and self.answer.is_correct

    @property
    def correct_choice_ids(self) -> list[int] | None:
        if not self.shows_grade:
            return None
        return sorted(c.id for c in self.choices if c.is_correct)


@dataclass(frozen=True)
class AttemptDetail:
    attempt: Attempt
    questions: list[AttemptQuestion]

    @property
    def answered(self) -> int:
        return sum(1 for q in self.questions if q.answer is not None)

    @property
    def unanswered(self) -> int:
        return len(self.questions) - self.answered


def shows_grade(attempt: Attempt, answer: AttemptAnswer | None) -> bool:
    """After submitting, every grade shows; in practice mode, each as it is answered."""
    if attempt.is_submitted:
        return True
    return attempt.feedback_mode == FeedbackMode.IMMEDIATE and answer is not None


def attempt_detail(*, attempt: Attempt) -> AttemptDetail:
    """The attempt's questions with their choices in the attempt's order, in three queries."""
    questions = {
        q.pk: q
        for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("choices")
    }
    answers = {a.question_id: a for a in AttemptAnswer.objects.filter(attempt=attempt)}
    items: list[AttemptQuestion] = []
    for question_id in attempt.question_ids:
        question = questions.get(question_id)
        if question is None:  # deleted by staff since the attempt drew it
            continue
        answer = answers.get(question_id)
        graded = shows_grade(attempt, answer)
        by_id = {c.pk: c for c in question.choices.all()}
        order = [c for c in attempt.choice_order.get(str(question_id), []) if c in by_id]
        order += [c for c in by_id if c not in order]  # choices added since
        chosen = set(answer.choice_ids) if answer else set()
        choices = [
            AttemptChoice(
                id=c,
                text=by_id[c].text,
                is_chosen=c in chosen,
                is_correct=by_id[c].is_correct if graded else None,
                explanation=by_id[c].explanation if graded else "",
            )
            for c in order
        ]
        items.append(AttemptQuestion(len(items) + 1, question, choices, answer, graded))
    return AttemptDetail(attempt=attempt, questions=items)


@dataclass(frozen=True)
class AssessmentStatus:
    """A learner's assessment on one micro-credential: the rules, the attempts so far,
    and whether (or when) another may start."""

    micro_credential: MicroCredential
    pool_size: int
    attempts: list[Attempt]
    retake: RetakeStatus
    is_subscribed: bool
    is_earned: bool
    standing: MicroCredentialStanding

    @property
    def has_assessment(self) -> bool:
        return self.pool_size > 0

    @property
    def questions_per_attempt(self) -> int:
        wanted = self.micro_credential.questions_per_attempt
        return min(wanted, self.pool_size) if wanted else self.pool_size

    @property
    def open_attempt(self) -> Attempt | None:
        return next((a for a in self.attempts if not a.is_submitted), None)

    @property
    def submitted(self) -> list[Attempt]:
        return [a for a in self.attempts if a.is_submitted]

    @property
    def best(self) -> Attempt | None:
        return max(self.submitted, key=lambda a: (a.score or 0, a.number), default=None)

    @property
    def last_submitted(self) -> Attempt | None:
        return self.submitted[-1] if self.submitted else None

    @property
    def is_passed(self) -> bool:
        return self.standing.is_assessment_passed

    @property
    def can_start(self) -> bool:
        return (
            self.has_assessment
            and self.is_subscribed
            and not self.is_earned
            and self.standing.all_lessons_done
            and self.open_attempt is None
            and self.retake.can_start
        )

    @property
    def is_out_of_attempts(self) -> bool:
        return self.retake.blocked is Blocked.NO_ATTEMPTS_LEFT and self.open_attempt is None

    @property
    def next_start_at(self) -> datetime | None:
        return self.retake.next_start_at if self.retake.blocked is Blocked.COOLING_OFF else None


def cooling_off_of(micro_credential: MicroCredential) -> timedelta:
    return timedelta(hours=micro_credential.cooling_off_hours)


def assessment_status(
    *,
    learner: User,
    micro_credential: MicroCredential,
    standing: MicroCredentialStanding,
    is_subscribed: bool,
    is_earned: bool,
    now: datetime | None = None,
) -> AssessmentStatus:
    """Where the learner stands on the micro-credential's assessment, from what the
    caller has read already (``standing`` from ``standings_for``, the subscription and
    the award); ``assessment_status_for`` reads them itself."""
    attempts = list(
        Attempt.objects.filter(learner=learner, micro_credential=micro_credential).order_by(
            "number"
        )
    )
    submitted = [a.submitted_at for a in attempts if a.submitted_at is not None]
    return AssessmentStatus(
        micro_credential=micro_credential,
        pool_size=standing.pool_size,
        attempts=attempts,
        retake=retake_status(
            max_attempts=micro_credential.max_attempts,
            cooling_off=cooling_off_of(micro_credential),
            attempts_used=len(attempts),
            last_submitted_at=max(submitted, default=None),
            now=now or timezone.now(),
        ),
        is_subscribed=is_subscribed,
        is_earned=is_earned,
        standing=standing,
    )


def assessment_status_for(*, learner: User, micro_credential: MicroCredential) -> AssessmentStatus:
    """``assessment_status`` reading the standing, subscription and award itself."""
    from bitewise.learning.selectors.progress import standings_for

    return assessment_status(
        learner=learner,
        micro_credential=micro_credential,
        standing=standings_for(learner=learner, micro_credentials=[micro_credential])[
            micro_credential.pk
        ],
        is_subscribed=Enrollment.objects.filter(
            learner=learner, micro_credential=micro_credential, is_active=True
        ).exists(),
        is_earned=Award.objects.filter(learner=learner, micro_credential=micro_credential).exists(),
    )
