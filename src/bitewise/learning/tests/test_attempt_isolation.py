"""Assessment attempts: a learner can neither see nor change another learner's attempt."""

from __future__ import annotations

import pytest
from django.http import Http404

from bitewise.catalog.models import Question, QuestionKind
from bitewise.learning import services
from bitewise.learning.models import AttemptAnswer
from bitewise.learning.tests.quizzes import (
    pooled,
    ready,
)
from bitewise.testing import (
    correct_choice_ids,
    make_micro_credential,
)

pytestmark = pytest.mark.django_db


class TestIsolation:
    def test_another_learners_attempt_is_not_found_and_not_changed(self) -> None:
        mc = make_micro_credential()
        alice, bob = ready(mc), ready(mc)
        attempt = services.attempt_start(learner=alice, micro_credential=mc)
        question = Question.objects.get(pk=attempt.question_ids[0])

        with pytest.raises(Http404):
            services.attempt_answer(
                learner=bob,
                attempt_id=attempt.pk,
                question_id=question.pk,
                choice_ids=correct_choice_ids(question),
            )
        with pytest.raises(Http404):
            services.attempt_submit(learner=bob, attempt_id=attempt.pk)

        attempt.refresh_from_db()
        assert attempt.submitted_at is None
        assert not AttemptAnswer.objects.exists()

    def test_a_question_outside_the_attempt_is_refused(self) -> None:
        mc = pooled(questions=4, questions_per_attempt=2)
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        outside = Question.objects.filter(lesson__memberships__micro_credential=mc).exclude(
            pk__in=attempt.question_ids
        )[0]

        with pytest.raises(services.LearningError, match="not part of this attempt"):
            services.attempt_answer(
                learner=learner,
                attempt_id=attempt.pk,
                question_id=outside.pk,
                choice_ids=correct_choice_ids(outside),
            )
        assert not AttemptAnswer.objects.exists()

    @pytest.mark.parametrize(
        "choice_ids", [[], [999_999], "two-for-single"], ids=["none", "foreign", "two-for-single"]
    )
    def test_bad_choices_are_refused_and_not_recorded(self, choice_ids: object) -> None:
        mc = make_micro_credential()
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        single = Question.objects.get(pk__in=attempt.question_ids, kind=QuestionKind.SINGLE)
        if choice_ids == "two-for-single":
            choice_ids = list(single.choices.values_list("pk", flat=True)[:2])

        with pytest.raises(services.LearningError):
            services.attempt_answer(
                learner=learner,
                attempt_id=attempt.pk,
                question_id=single.pk,
                choice_ids=choice_ids,  # type: ignore[arg-type]
            )
        assert not AttemptAnswer.objects.exists()
