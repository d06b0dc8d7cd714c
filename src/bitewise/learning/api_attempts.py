"""Assessment API: a learner's own attempts at a micro-credential's assessment.

Whether a choice is right, the right choices and the explanations are null until the
attempt's feedback mode lets them show: after submitting, or in practice mode ("immediate")
once a question is answered."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from bitewise.accounts.access import request_user
from bitewise.accounts.api_auth import AUTH, Error
from bitewise.catalog.selectors import access_micro_credential
from bitewise.learning import services
from bitewise.learning.models import Attempt
from bitewise.learning.selectors import (
    AssessmentStatus,
    AttemptQuestion,
    access_attempt,
    assessment_status_for,
    attempt_detail,
)

router = Router(tags=["learning"], auth=AUTH)


class AttemptChoiceOut(Schema):
    id: int
    text: str
    is_chosen: bool
    is_correct: bool | None = Field(..., description="null until this grade may show")
    explanation: str | None = Field(..., description="null until this grade may show")


class AttemptQuestionOut(Schema):
    id: int
    number: int
    kind: str
    prompt: str
    choices: list[AttemptChoiceOut] = Field(..., description="in this attempt's order")
    is_answered: bool
    is_correct: bool | None = Field(..., description="null until this grade may show")
    correct_choice_ids: list[int] | None = Field(..., description="null until this grade may show")


class AttemptOut(Schema):
    id: int
    micro_credential: str
    number: int
    feedback_mode: str
    pass_percent: int
    started_at: datetime
    submitted_at: datetime | None
    answered: int
    question_count: int
    correct_count: int | None = Field(..., description="null until submitted")
    score: int | None = Field(..., description="null until submitted")
    is_passed: bool | None = Field(..., description="null until submitted")
    questions: list[AttemptQuestionOut]


class AttemptAnswerIn(Schema):
    question_id: int
    choice_ids: list[int] = Field(..., min_length=1, max_length=20)
    response_ms: int | None = Field(None, ge=0, le=86_400_000)


class AttemptAnswerOut(Schema):
    attempt_id: int
    question_id: int
    chosen_ids: list[int]
    unanswered: int = Field(..., description="questions of the attempt still unanswered")
    is_correct: bool | None = Field(..., description="null until this grade may show")
    correct_choice_ids: list[int] | None = Field(..., description="null until this grade may show")
    explanations: dict[int, str] | None = Field(
        ..., description="choice id → explanation; null until this grade may show"
    )


class AttemptSummaryOut(Schema):
    id: int
    number: int
    started_at: datetime
    submitted_at: datetime | None
    score: int | None


class AssessmentOut(Schema):
    micro_credential: str
    has_assessment: bool
    pool_size: int
    questions_per_attempt: int
    pass_percent: int
    max_attempts: int | None
    cooling_off_hours: int
    shuffle_choices: bool
    feedback_mode: str
    attempts_used: int
    attempts_left: int | None = Field(..., description="null: no limit")
    can_start: bool
    next_start_at: datetime | None = Field(..., description="when cooling off, when it ends")
    open_attempt_id: int | None
    best_score: int | None
    is_passed: bool
    is_earned: bool
    attempts: list[AttemptSummaryOut]


def _question(item: AttemptQuestion) -> dict[str, Any]:
    return {
        "id": item.question.pk,
        "number": item.number,
        "kind": item.question.kind,
        "prompt": item.question.prompt,
        "choices": [
            {
                "id": c.id,
                "text": c.text,
                "is_chosen": c.is_chosen,
                "is_correct": c.is_correct,
                "explanation": c.explanation if item.shows_grade else None,
            }
            for c in item.choices
        ],
        "is_answered": item.answer is not None,
        "is_correct": item.is_correct,
        "correct_choice_ids": item.correct_choice_ids,
    }


def _attempt(attempt: Attempt) -> dict[str, Any]:
    detail = attempt_detail(attempt=attempt)
    return {
        "id": attempt.pk,
        "micro_credential": attempt.micro_credential.slug,
        "number": attempt.number,
        "feedback_mode": attempt.feedback_mode,
        "pass_percent": attempt.pass_percent,
        "started_at": attempt.started_at,
        "submitted_at": attempt.submitted_at,
        "answered": detail.answered,
        "question_count": len(detail.questions),
        "correct_count": attempt.correct_count,
        "score": attempt.score,
        "is_passed": attempt.is_passed if attempt.is_submitted else None,
        "questions": [_question(item) for item in detail.questions],
    }


def _assessment(status: AssessmentStatus) -> dict[str, Any]:
    mc = status.micro_credential
    best = status.best
    return {
        "micro_credential": mc.slug,
        "has_assessment": status.has_assessment,
        "pool_size": status.pool_size,
        "questions_per_attempt": status.questions_per_attempt,
        "pass_percent": mc.pass_percent,
        "max_attempts": mc.max_attempts,
        "cooling_off_hours": mc.cooling_off_hours,
        "shuffle_choices": mc.shuffle_choices,
        "feedback_mode": mc.feedback_mode,
        "attempts_used": status.retake.attempts_used,
        "attempts_left": status.retake.attempts_left,
        "can_start": status.can_start,
        "next_start_at": status.next_start_at,
        "open_attempt_id": status.open_attempt.pk if status.open_attempt else None,
        "best_score": best.score if best else None,
        "is_passed": status.has_assessment and status.is_passed,
        "is_earned": status.is_earned,
        "attempts": [
            {
                "id": a.pk,
                "number": a.number,
                "started_at": a.started_at,
                "submitted_at": a.submitted_at,
                "score": a.score,
            }
            for a in status.attempts
        ],
    }


@router.get("/micro-credentials/{slug}/assessment", response=AssessmentOut)
def assessment(request: HttpRequest, slug: str) -> Any:
    """The assessment's rules and the caller's attempts: how many are left, and when the
    next may start."""
    learner = request_user(request)
    mc = access_micro_credential(slug=slug, user=learner)
    return _assessment(assessment_status_for(learner=learner, micro_credential=mc))


@router.post(
    "/micro-credentials/{slug}/attempts",
    response={200: AttemptOut, 400: Error, 403: Error, 409: Error},
)
def attempt_start(request: HttpRequest, slug: str) -> Any:
    """Start the next attempt (or return the open one): its drawn questions, choices in
    this attempt's order. 409 when out of attempts or cooling off."""
    mc = access_micro_credential(slug=slug, user=request_user(request))
    return _attempt(services.attempt_start(learner=request_user(request), micro_credential=mc))


@router.get("/attempts/{attempt_id}", response=AttemptOut)
def attempt(request: HttpRequest, attempt_id: int) -> Any:
    return _attempt(access_attempt(attempt_id=attempt_id, learner=request_user(request)))


@router.post(
    "/attempts/{attempt_id}/answers", response={200: AttemptAnswerOut, 400: Error, 409: Error}
)
def attempt_answer(request: HttpRequest, attempt_id: int, payload: AttemptAnswerIn) -> Any:
    """Record or change an answer; the grade is null unless the feedback mode shows it."""
    result = services.attempt_answer(
        learner=request_user(request),
        attempt_id=attempt_id,
        question_id=payload.question_id,
        choice_ids=payload.choice_ids,
        response_ms=payload.response_ms,
    )
    graded = result.graded
    return {
        "attempt_id": attempt_id,
        "question_id": payload.question_id,
        "chosen_ids": result.answer.choice_ids,
        "unanswered": result.unanswered,
        "is_correct": graded.is_correct,
        "correct_choice_ids": graded.correct_choice_ids,
        "explanations": (
            {c.id: c.explanation for c in graded.choices} if graded.shows_grade else None
        ),
    }


@router.post("/attempts/{attempt_id}/submit", response={200: AttemptOut, 400: Error, 409: Error})
def attempt_submit(request: HttpRequest, attempt_id: int) -> Any:
    """Submit: the score over the questions drawn, and every grade. Submitting again
    returns the same result."""
    return _attempt(services.attempt_submit(learner=request_user(request), attempt_id=attempt_id))
