"""Answers to questions outside any assessment (with immediate feedback), grading, and quiz
retakes; a micro-credential's questions are answered in attempts (``attempts.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from bitewise.accounts.models import User
from bitewise.catalog.models import Choice, Lesson, Question, QuestionKind
from bitewise.learning.cache import learner_changed
from bitewise.learning.errors import ConflictError, LearningError
from bitewise.learning.models import LessonCompletion, QuestionAnswer
from bitewise.learning.selectors import is_in_assessment
from bitewise.learning.services.lessons import _complete


@dataclass(frozen=True)
class AnswerFeedback:
    answer: QuestionAnswer
    correct_choice_ids: list[int]
    explanations: dict[int, str]  # choice id -> explanation, for every choice
    lesson_completed: bool


def is_answer_correct(kind: str, chosen: set[int], correct: set[int]) -> bool:
    if kind == QuestionKind.MULTIPLE:
        return chosen == correct
    return len(chosen) == 1 and chosen <= correct


def grade_answer(question: Question, choices: Sequence[Choice], choice_ids: Sequence[int]) -> bool:
    """Check the chosen ids belong to the question and fit its kind; True when right."""
    chosen = set(choice_ids)
    if not chosen:
        raise LearningError("Choose an answer.")
    if not chosen <= {c.pk for c in choices}:
        raise LearningError("That choice does not belong to this question.")
    if question.kind != QuestionKind.MULTIPLE and len(chosen) != 1:
        raise LearningError("Choose exactly one answer.")
    return is_answer_correct(question.kind, chosen, {c.pk for c in choices if c.is_correct})


IN_ASSESSMENT = "This question is part of a micro-credential's assessment: answer it in an attempt."


@transaction.atomic
def question_answer(
    *,
    learner: User,
    question: Question,
    choice_ids: Sequence[int],
    response_ms: int | None = None,
) -> AnswerFeedback:
    """Record the learner's answer to a question outside any assessment and return
    immediate feedback with explanations. A question of a micro-credential's lessons is
    refused: it is answered in an attempt, whose feedback rules decide what shows."""
    if is_in_assessment(lesson_id=question.lesson_id):
        raise LearningError(IN_ASSESSMENT)
    choices = list(Choice.objects.filter(question=question))
    is_correct = grade_answer(question, choices, choice_ids)
    try:
        with transaction.atomic():
            answer = QuestionAnswer.objects.create(
                learner=learner,
                question=question,
                choice_ids=sorted(set(choice_ids)),
                is_correct=is_correct,
                response_ms=response_ms,
            )
    except IntegrityError as exc:
        raise ConflictError("Already answered. Retake the quiz to try again.") from exc
    from bitewise.integrations.services import learning_records

    learning_records.questions_answered(learner=learner, answers=[answer], attempt=None)
    lesson = question.lesson
    remaining = lesson.questions.exclude(answers__learner=learner).exists()
    if not remaining:
        _complete(learner=learner, lesson=lesson)
    return AnswerFeedback(
        answer=answer,
        correct_choice_ids=sorted(c.pk for c in choices if c.is_correct),
        explanations={c.pk: c.explanation for c in choices},
        lesson_completed=not remaining,
    )


@transaction.atomic
def quiz_retake(*, learner: User, lesson: Lesson) -> int:
    """Clear this lesson's answers so the learner can try again; earned awards stay. A
    micro-credential's lessons are retaken as assessment attempts, under its rules."""
    if is_in_assessment(lesson_id=lesson.pk):
        raise LearningError(
            "This quiz is part of a micro-credential's assessment: start a new attempt instead."
        )
    deleted, _ = QuestionAnswer.objects.filter(learner=learner, question__lesson=lesson).delete()
    if lesson.questions.exists():
        LessonCompletion.objects.filter(learner=learner, lesson=lesson).delete()
    learner_changed([learner.pk])
    return deleted
