"""Earn awards the way learners do, so credentials are issued through the real event."""

from __future__ import annotations

from bitewise.accounts.models import User
from bitewise.catalog.models import MicroCredential
from bitewise.common.testing import correct_choice_ids
from bitewise.learning import services


def earn(learner: User, mc: MicroCredential) -> None:
    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    for m in mc.memberships.order_by("position"):
        for q in m.lesson.questions.all():
            services.question_answer(learner=learner, question=q, choice_ids=correct_choice_ids(q))
        if not m.lesson.questions.exists():
            services.lesson_complete(learner=learner, lesson=m.lesson)
