"""What learners do, as xAPI statements for the association's LRS, and as scores for the
LTI platforms that launched them. Learning, webinars and reviews call these explicitly,
inside the transaction of what they record; each returns at once when nothing is to be
sent (no LRS configured, no platform waiting for a score)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, MicroCredential, Question
from bitewise.engines.xapi import statements as x
from bitewise.integrations.services.lti_scores import lti_scores_plan
from bitewise.integrations.services.xapi import statements_record, xapi_enabled
from bitewise.learning.data import CredentialEarned
from bitewise.learning.models import Attempt, AttemptAnswer, LessonCompletion, QuestionAnswer
from bitewise.reviews.models import ReviewLog
from bitewise.webinars.models import Attendance

PLATFORM = "Bitewise"


def _base() -> str:
    return str(settings.SITE_URL).rstrip("/")


def actor_of(user: User) -> x.Actor:
    """The learner as an xAPI agent: an account on this site by default (no personal
    data), or their email with BITEWISE_XAPI_ACTOR=mbox."""
    if settings.BITEWISE_XAPI_ACTOR == "mbox":
        return x.Actor(email=user.email)
    return x.Actor(home_page=_base(), account_name=str(user.pk))


def _micro_credential(mc: MicroCredential) -> x.Activity:
    return x.Activity(x.activity_id(_base(), "micro-credential", mc.pk), "course", mc.title)


def _assessment(mc: MicroCredential) -> x.Activity:
    return x.Activity(
        x.activity_id(_base(), "micro-credential", mc.pk, "assessment"),
        "assessment",
        f"{mc.title}: assessment",
    )


def _lesson(lesson: Lesson) -> x.Activity:
    return x.Activity(x.activity_id(_base(), "lesson", lesson.pk), "lesson", lesson.title)


def _question(question: Question) -> x.Activity:
    return x.Activity(x.activity_id(_base(), "question", question.pk), "question", question.prompt)


def lesson_started(*, learner: User, lesson: Lesson, micro_credential: MicroCredential) -> None:
    """The first time a learner opens a lesson (cmi5's "initialized")."""
    if not xapi_enabled():
        return
    statement = x.Statement(
        key=f"lesson-started:{learner.pk}:{lesson.pk}",
        actor=actor_of(learner),
        verb=x.INITIALIZED,
        activity=_lesson(lesson),
        timestamp=_now(),
        platform=PLATFORM,
        parents=(_micro_credential(micro_credential),),
    )
    statements_record(learner=learner, statements=[statement])


def lesson_completed(*, completion: LessonCompletion) -> None:
    """A lesson done; and a score of 1 for an LTI platform that launched this lesson."""
    lti_scores_plan(
        learner=completion.learner,
        lesson=completion.lesson,
        key=f"lesson-completion:{completion.pk}",
        score_given=1,
        score_maximum=1,
        timestamp=completion.completed_at,
    )
    if not xapi_enabled():
        return
    statement = x.Statement(
        key=f"lesson-completed:{completion.pk}",
        actor=actor_of(completion.learner),
        verb=x.COMPLETED,
        activity=_lesson(completion.lesson),
        timestamp=completion.completed_at,
        platform=PLATFORM,
        result=x.Result(completion=True),
    )
    statements_record(learner=completion.learner, statements=[statement])


def questions_answered(
    *, learner: User, answers: Sequence[AttemptAnswer | QuestionAnswer], attempt: Attempt | None
) -> None:
    """Graded answers, once their grade may be shown (inside an attempt: at submit, or at
    once in practice mode; outside any assessment: when given)."""
    if not xapi_enabled() or not answers:
        return
    parents: tuple[x.Activity, ...] = ()
    extensions: dict[str, Any] | None = None
    if attempt is not None:
        parents = (_assessment(attempt.micro_credential),)
        extensions = {x.EXTENSION_BASE + "attempt": attempt.number}
    questions = {q.pk: q for q in Question.objects.filter(pk__in=[a.question_id for a in answers])}
    statements = []
    for answer in answers:
        question = questions.get(answer.question_id)
        if question is None:
            continue
        kind = "attempt-answer" if isinstance(answer, AttemptAnswer) else "answer"
        duration = None if answer.response_ms is None else round(answer.response_ms / 1000)
        statements.append(
            x.Statement(
                key=f"answered:{kind}:{answer.pk}:{answer.answered_at.isoformat()}",
                actor=actor_of(learner),
                verb=x.ANSWERED,
                activity=_question(question),
                timestamp=answer.answered_at,
                platform=PLATFORM,
                result=x.Result(
                    success=answer.is_correct,
                    response="[,]".join(str(c) for c in answer.choice_ids),
                    duration_seconds=duration,
                ),
                parents=parents,
                extensions=extensions,
            )
        )
    statements_record(learner=learner, statements=statements)


def attempt_submitted(*, attempt: Attempt) -> None:
    """An assessment attempt scored: cmi5's "passed" or "failed" with the score, and the
    score for each LTI platform that launched this micro-credential for the learner."""
    assert attempt.score is not None and attempt.submitted_at is not None
    lti_scores_plan(
        learner=attempt.learner,
        micro_credential=attempt.micro_credential,
        key=f"attempt:{attempt.pk}",
        score_given=attempt.score,
        score_maximum=100,
        timestamp=attempt.submitted_at,
    )
    if not xapi_enabled():
        return
    statement = x.Statement(
        key=f"attempt-submitted:{attempt.pk}",
        actor=actor_of(attempt.learner),
        verb=x.PASSED if attempt.is_passed else x.FAILED,
        activity=_assessment(attempt.micro_credential),
        timestamp=attempt.submitted_at,
        platform=PLATFORM,
        result=x.Result(
            success=attempt.is_passed,
            completion=True,
            score_scaled=x.scaled(attempt.score),
            score_raw=attempt.correct_count,
            score_max=attempt.question_count,
        ),
        parents=(_micro_credential(attempt.micro_credential),),
        extensions={x.EXTENSION_BASE + "attempt": attempt.number},
    )
    statements_record(learner=attempt.learner, statements=[statement])


def credential_earned(payload: dict[str, Any]) -> None:
    """``credential_earned`` handler (listed after the issuer): the Open Badges xAPI
    recipe's "earned", with the public credential page as the assertion."""
    if not xapi_enabled():
        return
    from bitewise.credentials.models import IssuedCredential

    earned = CredentialEarned.from_payload(payload)
    learner = User.objects.get(pk=earned.learner_id)
    kind = "micro-credential" if earned.kind == "micro_credential" else "pathway"
    title = str(earned.snapshot.get("title", ""))
    extensions: dict[str, Any] = {}
    credential_id = (
        IssuedCredential.objects.filter(award_id=earned.award_id).values_list("pk", flat=True)
    ).first()
    if credential_id is not None:
        page = reverse("credentials:public", args=[credential_id])
        extensions[x.BADGE_ASSERTION] = {"@id": _base() + page}
    statement = x.Statement(
        key=f"earned:award:{earned.award_id}",
        actor=actor_of(learner),
        verb=x.EARNED,
        activity=x.Activity(x.activity_id(_base(), kind, earned.achievement_id), "badge", title),
        timestamp=datetime.fromisoformat(earned.awarded_at),
        platform=PLATFORM,
        result=x.Result(
            completion=True,
            score_scaled=None if earned.score is None else x.scaled(earned.score),
            extensions=extensions or None,
        ),
    )
    statements_record(learner=learner, statements=[statement])


def webinars_attended(*, attendances: Sequence[Attendance]) -> None:
    """A learner's first recorded attendance of a micro-webinar (later imports that merge
    more visits do not record it again)."""
    if not xapi_enabled():
        return
    for attendance in attendances:
        webinar = attendance.webinar
        statement = x.Statement(
            key=f"attended:{webinar.pk}:{attendance.learner_id}",
            actor=actor_of(attendance.learner),
            verb=x.ATTENDED,
            activity=x.Activity(
                x.activity_id(_base(), "webinar", str(webinar.pk)), "meeting", webinar.title
            ),
            timestamp=webinar.starts_at,
            platform=PLATFORM,
            result=x.Result(completion=True, duration_seconds=round(attendance.minutes * 60)),
        )
        statements_record(learner=attendance.learner, statements=[statement])


def review_done(*, log: ReviewLog) -> None:
    """A spaced review of a quiz question answered on /today/ (or through the API)."""
    if not xapi_enabled():
        return
    question = log.card.question
    statement = x.Statement(
        key=f"review:{log.pk}",
        actor=actor_of(log.learner),
        verb=x.ANSWERED,
        activity=_question(question),
        timestamp=log.reviewed_at,
        platform=PLATFORM,
        result=x.Result(
            success=log.is_correct,
            response="[,]".join(str(c) for c in log.choice_ids),
            duration_seconds=round(log.response_ms / 1000),
            extensions={x.EXTENSION_BASE + "rating": log.rating},
        ),
        parents=(x.Activity(x.activity_id(_base(), "reviews"), "review", "Spaced review"),),
    )
    statements_record(learner=log.learner, statements=[statement])


def _now() -> datetime:
    from django.utils import timezone

    return timezone.now()
