"""What the attempt tests build: a learner the assessment is open to, a micro-credential
with a pool of questions, every question answered."""

from __future__ import annotations

from typing import Any

from bitewise.accounts.models import User
from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import MicroCredential, Question
from bitewise.learning import services
from bitewise.learning.models import Attempt
from bitewise.testing import (
    correct_choice_ids,
    make_lesson,
    make_micro_credential,
    make_question,
    make_user,
    wrong_choice_ids,
)


def ready(mc: MicroCredential, learner: User | None = None) -> User:
    """A learner subscribed to ``mc`` with every lesson read: the assessment is open."""
    learner = learner or make_user()
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    for m in mc.memberships.all():
        services.lesson_complete(learner=learner, lesson=m.lesson)
    return learner


def pooled(*, questions: int = 6, **settings: Any) -> MicroCredential:
    """A micro-credential whose assessment pool holds ``questions`` single-choice questions
    of four choices each, over two lessons."""
    mc = make_micro_credential(quiz=False, lessons=1, **settings)
    extra = [make_lesson(), make_lesson()]
    for i in range(questions):
        make_question(extra[i % 2], n=4, correct=(i % 4,))
    catalog_services.micro_credential_set_lessons(
        micro_credential=mc,
        lesson_ids=[*mc.memberships.values_list("lesson_id", flat=True), *(le.pk for le in extra)],
    )
    return mc


def answer_all(learner: User, attempt: Attempt, *, correctly: bool) -> None:
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        ids = correct_choice_ids(question) if correctly else wrong_choice_ids(question)
        services.attempt_answer(
            learner=learner, attempt_id=attempt.pk, question_id=question.pk, choice_ids=ids
        )
