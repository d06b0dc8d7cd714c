"""Lessons done: read, or every question answered for a lesson outside any micro-credential;
each completion may complete (and award) the learner's micro-credentials."""

from __future__ import annotations

from django.db import transaction

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, MicroCredential, Status
from bitewise.learning.cache import learner_changed
from bitewise.learning.errors import LearningError
from bitewise.learning.models import LessonCompletion, QuestionAnswer
from bitewise.learning.selectors import is_in_assessment
from bitewise.learning.services.awards import progress_evaluate
from bitewise.membership.entitlements import lesson_access_require


@transaction.atomic
def lesson_complete(*, learner: User, lesson: Lesson) -> LessonCompletion:
    """Mark a lesson done. A lesson of a micro-credential is done once read (its questions
    are in the micro-credential's assessment); a lesson with questions that belongs to no
    micro-credential is done once all are answered."""
    lesson_access_require(person=learner, lesson=lesson)
    question_ids = set(lesson.questions.values_list("id", flat=True))
    if question_ids and not is_in_assessment(lesson_id=lesson.pk):
        answered = set(
            QuestionAnswer.objects.filter(
                learner=learner, question_id__in=question_ids
            ).values_list("question_id", flat=True)
        )
        if answered != question_ids:
            raise LearningError("Answer every question in this lesson first.")
    return _complete(learner=learner, lesson=lesson)


def _complete(*, learner: User, lesson: Lesson) -> LessonCompletion:
    completion, created = LessonCompletion.objects.get_or_create(learner=learner, lesson=lesson)
    if created:
        learner_changed([learner.pk])
        from bitewise.integrations.services import learning_records

        learning_records.lesson_completed(completion=completion)
    progress_evaluate(learner=learner, micro_credentials=_active_micro_credentials(learner, lesson))
    return completion


def _active_micro_credentials(learner: User, lesson: Lesson) -> list[MicroCredential]:
    return list(
        MicroCredential.objects.filter(
            memberships__lesson=lesson,
            enrollments__learner=learner,
            enrollments__is_active=True,
            status=Status.PUBLISHED,
        ).distinct()
    )
