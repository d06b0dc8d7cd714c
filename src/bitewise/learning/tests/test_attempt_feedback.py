"""Assessment attempts: what an attempt shows before and after submitting, as the
micro-credential's feedback mode says."""

from __future__ import annotations

import pytest

from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import FeedbackMode, Question
from bitewise.learning import services
from bitewise.learning.models import AttemptAnswer, QuestionAnswer
from bitewise.learning.selectors import attempt_detail
from bitewise.learning.tests.quizzes import (
    ready,
)
from bitewise.testing import (
    correct_choice_ids,
    make_micro_credential,
    take_assessment,
    wrong_choice_ids,
)

pytestmark = pytest.mark.django_db


class TestFeedback:
    def test_before_submitting_nothing_says_which_choice_is_right(self) -> None:
        mc = make_micro_credential()
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        question = Question.objects.get(pk=attempt.question_ids[0])

        result = services.attempt_answer(
            learner=learner,
            attempt_id=attempt.pk,
            question_id=question.pk,
            choice_ids=wrong_choice_ids(question),
        )

        assert result.graded.is_correct is None
        assert result.graded.correct_choice_ids is None
        assert all(c.is_correct is None and c.explanation == "" for c in result.graded.choices)
        for item in attempt_detail(attempt=attempt).questions:
            assert not item.shows_grade and item.correct_choice_ids is None
        assert not QuestionAnswer.objects.exists(), "nothing handed to reviews before submitting"

    def test_an_answer_can_change_until_the_attempt_is_submitted(self) -> None:
        mc = make_micro_credential()
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        question = Question.objects.get(pk=attempt.question_ids[0])
        for ids in (wrong_choice_ids(question), correct_choice_ids(question)):
            services.attempt_answer(
                learner=learner, attempt_id=attempt.pk, question_id=question.pk, choice_ids=ids
            )

        services.attempt_submit(learner=learner, attempt_id=attempt.pk)

        answer = AttemptAnswer.objects.get()
        assert answer.is_correct and answer.choice_ids == sorted(correct_choice_ids(question))
        with pytest.raises(services.ConflictError, match="submitted"):
            services.attempt_answer(
                learner=learner,
                attempt_id=attempt.pk,
                question_id=question.pk,
                choice_ids=wrong_choice_ids(question),
            )
        assert AttemptAnswer.objects.get().is_correct

    def test_after_submitting_every_grade_and_right_answer_shows(self) -> None:
        mc = make_micro_credential(pass_percent=100)
        learner = ready(mc)
        attempt = take_assessment(learner, mc, correctly=False)

        detail = attempt_detail(attempt=attempt)

        assert attempt.score == 0 and not attempt.is_passed
        for item in detail.questions:
            assert item.shows_grade and item.is_correct is False
            assert item.correct_choice_ids == sorted(correct_choice_ids(item.question))
            assert all(c.explanation.startswith("Because") for c in item.choices)

    def test_practice_mode_grades_each_answer_at_once_and_keeps_it(self) -> None:
        mc = make_micro_credential(feedback_mode=FeedbackMode.IMMEDIATE)
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        question = Question.objects.get(pk=attempt.question_ids[0])

        result = services.attempt_answer(
            learner=learner,
            attempt_id=attempt.pk,
            question_id=question.pk,
            choice_ids=wrong_choice_ids(question),
        )

        assert result.graded.is_correct is False
        assert result.graded.correct_choice_ids == sorted(correct_choice_ids(question))
        with pytest.raises(services.ConflictError, match="final"):
            services.attempt_answer(
                learner=learner,
                attempt_id=attempt.pk,
                question_id=question.pk,
                choice_ids=correct_choice_ids(question),
            )
        assert QuestionAnswer.objects.get().is_correct is False

    def test_a_feedback_mode_changed_by_staff_does_not_touch_an_attempt_under_way(self) -> None:
        mc = make_micro_credential()
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        mc.feedback_mode = FeedbackMode.IMMEDIATE
        catalog_services.micro_credential_save(micro_credential=mc)
        question = Question.objects.get(pk=attempt.question_ids[0])

        result = services.attempt_answer(
            learner=learner,
            attempt_id=attempt.pk,
            question_id=question.pk,
            choice_ids=wrong_choice_ids(question),
        )

        assert result.graded.correct_choice_ids is None
