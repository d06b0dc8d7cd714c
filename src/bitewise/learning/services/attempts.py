"""Assessment attempts: start (draw the questions, order the choices), answer, submit.

Each takes the learner and checks, once, that the attempt is theirs (``access_attempt``)
or that they may start one; the web views and the API call these and nothing else."""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import (
    Choice,
    FeedbackMode,
    MicroCredential,
    Question,
    QuestionKind,
    Status,
)
from bitewise.engines.progress.assessment import (
    Blocked,
    draw_questions,
    order_choices,
    retake_status,
)
from bitewise.engines.progress.rules import score_percent
from bitewise.integrations.services import learning_records
from bitewise.learning.cache import learner_changed
from bitewise.learning.errors import ConflictError, LearningError
from bitewise.learning.models import Attempt, AttemptAnswer, Award, Enrollment, QuestionAnswer
from bitewise.learning.selectors import (
    AttemptQuestion,
    access_attempt,
    assessment_pool,
    attempt_detail,
    completed_lesson_ids,
)
from bitewise.learning.selectors.attempts import cooling_off_of
from bitewise.learning.services.answers import grade_answer
from bitewise.learning.services.awards import progress_evaluate
from bitewise.membership.entitlements import access_require

# Draws and choice orders must not be predictable from earlier attempts.
_rng = secrets.SystemRandom()


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y, H:i T")


@transaction.atomic
def attempt_start(*, learner: User, micro_credential: MicroCredential) -> Attempt:
    """Start the learner's next attempt at the micro-credential's assessment, or return
    the one they have open. Refused when not subscribed, already earned, with lessons left,
    out of attempts or cooling off (the message says until when). Two requests at once
    open one attempt."""
    if micro_credential.status != Status.PUBLISHED:
        raise LearningError("This micro-credential is not open.")
    access_require(person=learner, target=micro_credential)
    if not Enrollment.objects.filter(
        learner=learner, micro_credential=micro_credential, is_active=True
    ).exists():
        raise LearningError("Subscribe to this micro-credential to take its assessment.")
    attempts = list(Attempt.objects.filter(learner=learner, micro_credential=micro_credential))
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    if open_attempt is not None:
        return open_attempt
    if Award.objects.filter(learner=learner, micro_credential=micro_credential).exists():
        raise ConflictError("You have already earned this micro-credential.")
    pool = assessment_pool(micro_credential=micro_credential)
    if not pool:
        raise LearningError("This micro-credential has no assessment.")
    lesson_ids = list(micro_credential.memberships.values_list("lesson_id", flat=True))
    left = len(lesson_ids) - len(completed_lesson_ids(learner=learner, lesson_ids=lesson_ids))
    if left:
        raise LearningError(
            f"Finish the lessons before the assessment: {left} lesson{'s' if left != 1 else ''} "
            "left."
        )
    status = retake_status(
        max_attempts=micro_credential.max_attempts,
        cooling_off=cooling_off_of(micro_credential),
        attempts_used=len(attempts),
        last_submitted_at=max((a.submitted_at for a in attempts if a.submitted_at), default=None),
        now=timezone.now(),
    )
    if status.blocked is Blocked.NO_ATTEMPTS_LEFT:
        raise ConflictError(
            f"You have used all {micro_credential.max_attempts} attempts at this assessment."
        )
    if status.blocked is Blocked.COOLING_OFF:
        assert status.next_start_at is not None
        raise ConflictError(f"You can start your next attempt from {_when(status.next_start_at)}.")
    seen = Counter(q for a in attempts for q in a.question_ids)
    drawn = draw_questions(
        pool, count=micro_credential.questions_per_attempt, times_seen=seen, rng=_rng
    )
    return _open(learner, micro_credential, number=len(attempts) + 1, drawn=drawn)


def _open(learner: User, mc: MicroCredential, *, number: int, drawn: list[int]) -> Attempt:
    kinds = dict(Question.objects.filter(pk__in=drawn).values_list("pk", "kind"))
    choices: dict[int, list[int]] = {q: [] for q in drawn}
    for question_id, choice_id in (
        Choice.objects.filter(question_id__in=drawn)
        .order_by("question_id", "position", "id")
        .values_list("question_id", "id")
    ):
        choices[question_id].append(choice_id)
    # True/false keeps its authored order: "False, True" would only slow the reader down.
    shuffle = {q: mc.shuffle_choices and kinds.get(q) != QuestionKind.TRUE_FALSE for q in drawn}
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                learner=learner,
                micro_credential=mc,
                number=number,
                question_ids=drawn,
                choice_order={
                    str(q): order_choices(choices[q], shuffle=shuffle[q], rng=_rng) for q in drawn
                },
                feedback_mode=mc.feedback_mode,
                pass_percent=mc.pass_percent,
            )
    except IntegrityError:
        # A concurrent request opened it first: theirs is the one.
        opened = Attempt.objects.filter(
            learner=learner, micro_credential=mc, submitted_at=None
        ).first()
        if opened is None:
            raise ConflictError("Another attempt was just submitted; reload the page.") from None
        return opened


@dataclass(frozen=True)
class AttemptAnswerResult:
    """An answer recorded in an attempt; ``graded`` carries the grade, the right choices
    and the explanations only when the attempt's feedback mode shows them now."""

    answer: AttemptAnswer
    graded: AttemptQuestion
    unanswered: int


@transaction.atomic
def attempt_answer(
    *,
    learner: User,
    attempt_id: int,
    question_id: int,
    choice_ids: Sequence[int],
    response_ms: int | None = None,
) -> AttemptAnswerResult:
    """Record (or, until submitted, change) the answer to one of the attempt's questions.
    In practice mode the grade shows at once and the answer is final."""
    attempt = access_attempt(attempt_id=attempt_id, learner=learner, for_update=True)
    if attempt.is_submitted:
        raise ConflictError("This attempt is submitted; its answers can no longer change.")
    if question_id not in attempt.question_ids:
        raise LearningError("That question is not part of this attempt.")
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        raise LearningError("That question has been removed from the assessment.")
    is_correct = grade_answer(question, list(question.choices.all()), choice_ids)
    is_practice = attempt.feedback_mode == FeedbackMode.IMMEDIATE
    fields = {
        "choice_ids": sorted(set(choice_ids)),
        "is_correct": is_correct,
        "response_ms": response_ms,
        "answered_at": timezone.now(),
    }
    answer = AttemptAnswer.objects.filter(attempt=attempt, question=question).first()
    if answer is not None and is_practice:
        raise ConflictError("Already answered: in practice mode an answer is final.")
    if answer is None:
        try:
            with transaction.atomic():
                answer = AttemptAnswer.objects.create(attempt=attempt, question=question, **fields)
        except IntegrityError as exc:  # the same question answered twice at once
            raise ConflictError("That question was just answered; reload the page.") from exc
    else:
        for name, value in fields.items():
            setattr(answer, name, value)
        answer.save(update_fields=list(fields))
    if is_practice:
        _record_graded(learner, [answer])
    detail = attempt_detail(attempt=attempt)
    graded = next(q for q in detail.questions if q.question.pk == question_id)
    return AttemptAnswerResult(answer=answer, graded=graded, unanswered=detail.unanswered)


@transaction.atomic
def attempt_submit(*, learner: User, attempt_id: int) -> Attempt:
    """Submit the attempt: score it over the questions it drew (an unanswered one counts
    as wrong), show its grades, and award the micro-credential when this passes and every
    lesson is done. Submitting twice, or twice at once, scores and awards once."""
    attempt = access_attempt(attempt_id=attempt_id, learner=learner, for_update=True)
    if attempt.is_submitted:
        return attempt
    drawn = set(Question.objects.filter(pk__in=attempt.question_ids).values_list("pk", flat=True))
    answers = list(AttemptAnswer.objects.filter(attempt=attempt, question_id__in=drawn))
    correct = sum(1 for a in answers if a.is_correct)
    changes = {
        "submitted_at": timezone.now(),
        "question_count": len(drawn),
        "correct_count": correct,
        "score": score_percent(correct=correct, total=len(drawn)),
    }
    # The claim: only the request that moves it from open to submitted goes on.
    if not Attempt.objects.filter(pk=attempt.pk, submitted_at=None).update(**changes):
        return Attempt.objects.get(pk=attempt.pk)
    learner_changed([learner.pk])
    for name, value in changes.items():
        setattr(attempt, name, value)
    _record_graded(learner, answers)
    progress_evaluate(learner=learner, micro_credentials=_subscribed(learner, attempt))
    learning_records.attempt_submitted(attempt=attempt)
    return attempt


def _subscribed(learner: User, attempt: Attempt) -> list[MicroCredential]:
    mc = attempt.micro_credential
    is_active = Enrollment.objects.filter(
        learner=learner, micro_credential=mc, is_active=True
    ).exists()
    return [mc] if is_active and mc.status == Status.PUBLISHED else []


def _record_graded(learner: User, answers: Sequence[AttemptAnswer]) -> None:
    """Hand graded answers on as the learner's answers to those questions (what the
    reviews app makes its cards from), once their grade may be shown."""
    if answers:
        learning_records.questions_answered(
            learner=learner, answers=answers, attempt=answers[0].attempt
        )
    for answer in answers:
        fields = {
            "choice_ids": answer.choice_ids,
            "is_correct": answer.is_correct,
            "response_ms": answer.response_ms,
            "answered_at": answer.answered_at,
        }
        mine = QuestionAnswer.objects.filter(learner=learner, question_id=answer.question_id)
        if mine.update(**fields):
            continue
        try:
            with transaction.atomic():
                QuestionAnswer.objects.create(
                    learner=learner, question_id=answer.question_id, **fields
                )
        except IntegrityError:  # another attempt handed the same question on just now
            mine.update(**fields)
