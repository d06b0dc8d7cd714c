"""Learning API: subscriptions, completions, quiz answers, progress and awards (the
assessment's attempts are in ``api_attempts.py``).

Every route acts on the authenticated learner's own data only."""

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from bitewise.accounts.access import request_user
from bitewise.accounts.api_auth import AUTH, Error
from bitewise.catalog.models import Question
from bitewise.catalog.selectors import access_lesson, access_micro_credential
from bitewise.learning import services
from bitewise.learning.api_attempts import router as attempts_router
from bitewise.learning.selectors import award_list_for_learner, learner_progress

router = Router(tags=["learning"], auth=AUTH)
router.add_router("", attempts_router)


class SubscriptionOut(Schema):
    micro_credential: str
    is_active: bool
    subscribed_at: datetime
    dropped_at: datetime | None


class CompletionOut(Schema):
    lesson_id: int
    completed_at: datetime


class AnswerIn(Schema):
    choice_ids: list[int] = Field(..., min_length=1, max_length=20)
    response_ms: int | None = Field(None, ge=0, le=86_400_000)


class AnswerOut(Schema):
    question_id: int
    is_correct: bool
    chosen_ids: list[int]
    correct_choice_ids: list[int]
    explanations: dict[int, str]
    lesson_completed: bool


class StandingOut(Schema):
    micro_credential: str
    title: str
    is_subscribed: bool
    lessons_done: int
    lessons_total: int
    percent_complete: int = Field(..., description="lessons and the passed assessment")
    has_assessment: bool
    attempts_submitted: int
    best_score: int | None = Field(..., description="the best submitted attempt's score")
    score: int = Field(..., description="best_score; 100 without an assessment, else 0")
    pass_percent: int
    is_assessment_passed: bool
    is_earned: bool


class PathwayProgressOut(Schema):
    pathway: str
    title: str
    held: int
    required: int
    is_earned: bool


class ProgressOut(Schema):
    micro_credentials: list[StandingOut]
    pathways: list[PathwayProgressOut]


class AwardOut(Schema):
    id: int
    kind: str
    slug: str
    title: str
    version: int | None
    score: int | None
    awarded_at: datetime


def _subscription(enrollment: Any) -> dict[str, Any]:
    return {
        "micro_credential": enrollment.micro_credential.slug,
        "is_active": enrollment.is_active,
        "subscribed_at": enrollment.subscribed_at,
        "dropped_at": enrollment.dropped_at,
    }


@router.post(
    "/micro-credentials/{slug}/subscription",
    response={200: SubscriptionOut, 400: Error, 403: Error},
)
def subscribe(request: HttpRequest, slug: str) -> Any:
    mc = access_micro_credential(slug=slug, user=request_user(request))
    return _subscription(
        services.enrollment_subscribe(learner=request_user(request), micro_credential=mc)
    )


@router.delete(
    "/micro-credentials/{slug}/subscription", response={200: SubscriptionOut, 400: Error}
)
def unsubscribe(request: HttpRequest, slug: str) -> Any:
    mc = access_micro_credential(slug=slug, user=request_user(request))
    enrollment = services.enrollment_unsubscribe(learner=request_user(request), micro_credential=mc)
    return _subscription(enrollment)


@router.post(
    "/lessons/{lesson_id}/completion", response={200: CompletionOut, 400: Error, 403: Error}
)
def complete(request: HttpRequest, lesson_id: int) -> Any:
    lesson = access_lesson(lesson_id=lesson_id, user=request_user(request))
    return services.lesson_complete(learner=request_user(request), lesson=lesson)


@router.post("/questions/{question_id}/answer", response={200: AnswerOut, 400: Error, 409: Error})
def answer(request: HttpRequest, question_id: int, payload: AnswerIn) -> Any:
    """Answer a question outside any assessment (immediate feedback). A question of a
    micro-credential's lessons is refused (400): it is answered in an attempt."""
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        raise Http404("No such question")
    access_lesson(lesson_id=question.lesson_id, user=request_user(request))
    feedback = services.question_answer(
        learner=request_user(request),
        question=question,
        choice_ids=payload.choice_ids,
        response_ms=payload.response_ms,
    )
    return {
        "question_id": question.pk,
        "is_correct": feedback.answer.is_correct,
        "chosen_ids": feedback.answer.choice_ids,
        "correct_choice_ids": feedback.correct_choice_ids,
        "explanations": feedback.explanations,
        "lesson_completed": feedback.lesson_completed,
    }


@router.post("/lessons/{lesson_id}/retake", response={200: dict[str, int], 400: Error, 409: Error})
def retake(request: HttpRequest, lesson_id: int) -> Any:
    """Clear the answers of a quiz outside any assessment (400 for a micro-credential's)."""
    lesson = access_lesson(lesson_id=lesson_id, user=request_user(request))
    return {"answers_cleared": services.quiz_retake(learner=request_user(request), lesson=lesson)}


@router.get("/me/progress", response=ProgressOut)
def my_progress(request: HttpRequest) -> Any:
    progress = learner_progress(learner=request_user(request))
    return {
        "micro_credentials": [
            {
                "micro_credential": row.micro_credential.slug,
                "title": row.micro_credential.title,
                "is_subscribed": row.is_subscribed,
                "lessons_done": row.standing.lessons_done,
                "lessons_total": row.standing.lessons_total,
                "percent_complete": row.standing.percent_complete,
                "has_assessment": row.standing.has_assessment,
                "attempts_submitted": row.standing.attempts_submitted,
                "best_score": row.standing.best_score,
                "score": row.standing.score,
                "pass_percent": row.standing.pass_percent,
                "is_assessment_passed": row.standing.is_assessment_passed,
                "is_earned": row.award is not None,
            }
            for row in progress.micro_credentials
        ],
        "pathways": [
            {
                "pathway": p.pathway.slug,
                "title": p.pathway.title,
                "held": p.held,
                "required": p.required,
                "is_earned": p.award is not None,
            }
            for p in progress.pathways
        ],
    }


@router.get("/me/awards", response=list[AwardOut])
def my_awards(request: HttpRequest) -> Any:
    return [
        {
            "id": a.pk,
            "kind": "micro_credential" if a.micro_credential_id else "pathway",
            "slug": a.snapshot.get("slug", ""),
            "title": a.title,
            "version": a.snapshot.get("version"),
            "score": a.score,
            "awarded_at": a.awarded_at,
        }
        for a in award_list_for_learner(learner=request_user(request))
    ]
