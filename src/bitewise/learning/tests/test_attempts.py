"""Assessment attempts: what an attempt draws, the rules on retakes, and submitting (once,
however many submit at once), through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from bitewise.catalog.models import FeedbackMode, Question, QuestionKind
from bitewise.common.models import DomainEvent
from bitewise.learning import services
from bitewise.learning.models import Attempt, Award, QuestionAnswer
from bitewise.learning.selectors import attempt_detail
from bitewise.learning.tests.quizzes import (
    answer_all,
    pooled,
    ready,
)
from bitewise.reviews.models import ReviewCard
from bitewise.reviews.services.cards import cards_sync
from bitewise.testing import (
    correct_choice_ids,
    make_micro_credential,
    make_user,
    run_at_once,
    take_assessment,
)

pytestmark = pytest.mark.django_db


class TestStarting:
    def test_an_attempt_draws_the_set_number_of_questions_from_the_pool(self) -> None:
        mc = pooled(questions=6, questions_per_attempt=4)
        learner = ready(mc)

        attempt = services.attempt_start(learner=learner, micro_credential=mc)

        pool = set(
            Question.objects.filter(lesson__memberships__micro_credential=mc).values_list(
                "pk", flat=True
            )
        )
        assert len(attempt.question_ids) == 4
        assert set(attempt.question_ids) <= pool
        assert attempt.number == 1
        assert attempt.feedback_mode == FeedbackMode.AFTER_SUBMIT

    def test_without_a_set_number_an_attempt_draws_every_question(self) -> None:
        mc = pooled(questions=5)
        attempt = services.attempt_start(learner=ready(mc), micro_credential=mc)
        assert len(attempt.question_ids) == 5

    def test_the_next_attempt_draws_the_questions_not_shown_yet(self) -> None:
        mc = pooled(questions=6, questions_per_attempt=3, cooling_off_hours=0)
        learner = ready(mc)
        first = take_assessment(learner, mc, correctly=False)

        second = services.attempt_start(learner=learner, micro_credential=mc)

        assert set(first.question_ids).isdisjoint(second.question_ids)

    def test_choices_are_shuffled_per_attempt_and_stay_put_within_it(self) -> None:
        mc = pooled(questions=6, cooling_off_hours=0, max_attempts=None)
        learner = ready(mc)
        orders = []
        for _ in range(4):
            attempt = services.attempt_start(learner=learner, micro_credential=mc)
            shown = [[c.id for c in q.choices] for q in attempt_detail(attempt=attempt).questions]
            again = [[c.id for c in q.choices] for q in attempt_detail(attempt=attempt).questions]
            assert shown == again  # stable within the attempt, read after read
            orders.append(shown)
            services.attempt_submit(learner=learner, attempt_id=attempt.pk)
        # 6 questions of 4 choices: the chance of four identical draws is (1/24)^18.
        assert len({str(order) for order in orders}) > 1

    def test_choices_keep_their_authored_order_when_shuffling_is_off(self) -> None:
        mc = pooled(questions=3, shuffle_choices=False)
        attempt = services.attempt_start(learner=ready(mc), micro_credential=mc)
        for item in attempt_detail(attempt=attempt).questions:
            authored = list(item.question.choices.order_by("position").values_list("pk", flat=True))
            assert [c.id for c in item.choices] == authored

    def test_starting_again_resumes_the_open_attempt(self) -> None:
        mc = pooled()
        learner = ready(mc)
        first = services.attempt_start(learner=learner, micro_credential=mc)

        again = services.attempt_start(learner=learner, micro_credential=mc)

        assert again.pk == first.pk
        assert Attempt.objects.count() == 1

    def test_the_assessment_opens_once_every_lesson_is_done(self) -> None:
        mc = pooled()
        learner = make_user()
        services.enrollment_subscribe(learner=learner, micro_credential=mc)

        with pytest.raises(services.LearningError, match="3 lessons left"):
            services.attempt_start(learner=learner, micro_credential=mc)
        assert not Attempt.objects.exists()

    def test_an_earned_micro_credential_has_no_more_attempts(self) -> None:
        mc = make_micro_credential()
        learner = ready(mc)
        take_assessment(learner, mc, correctly=True)
        assert Award.objects.filter(learner=learner).exists()

        with pytest.raises(services.ConflictError, match="already earned"):
            services.attempt_start(learner=learner, micro_credential=mc)


class TestRetakes:
    def test_no_attempt_starts_once_all_are_used(self) -> None:
        mc = pooled(max_attempts=2, cooling_off_hours=0)
        learner = ready(mc)
        take_assessment(learner, mc, correctly=False)
        take_assessment(learner, mc, correctly=False)

        with pytest.raises(services.ConflictError, match="used all 2 attempts"):
            services.attempt_start(learner=learner, micro_credential=mc)
        assert Attempt.objects.filter(learner=learner).count() == 2

    def test_the_cooling_off_period_says_when_the_next_attempt_may_start(self) -> None:
        mc = pooled(cooling_off_hours=24)
        learner = ready(mc)
        start = timezone.now()
        with time_machine.travel(start, tick=False):
            take_assessment(learner, mc, correctly=False)

        with (
            time_machine.travel(start + timedelta(hours=23, minutes=59), tick=False),
            pytest.raises(services.ConflictError, match="next attempt from") as refused,
        ):
            services.attempt_start(learner=learner, micro_credential=mc)
        ends = timezone.localtime(start + timedelta(hours=24))
        assert ends.strftime("%H:%M") in str(refused.value)
        assert Attempt.objects.count() == 1

        with time_machine.travel(start + timedelta(hours=24, seconds=1), tick=False):
            second = services.attempt_start(learner=learner, micro_credential=mc)
        assert second.number == 2

    def test_unlimited_attempts_without_cooling_off_keep_practice_open(self) -> None:
        mc = pooled(max_attempts=None, cooling_off_hours=0, feedback_mode=FeedbackMode.IMMEDIATE)
        learner = ready(mc)
        for _ in range(5):
            take_assessment(learner, mc, correctly=False)
        assert services.attempt_start(learner=learner, micro_credential=mc).number == 6


class TestSubmitting:
    def test_the_score_is_over_the_drawn_questions_and_unanswered_ones_count_wrong(self) -> None:
        mc = pooled(questions=6, questions_per_attempt=4, pass_percent=50)
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        first = Question.objects.get(pk=attempt.question_ids[0])
        services.attempt_answer(
            learner=learner,
            attempt_id=attempt.pk,
            question_id=first.pk,
            choice_ids=correct_choice_ids(first),
        )

        submitted = services.attempt_submit(learner=learner, attempt_id=attempt.pk)

        assert (submitted.correct_count, submitted.question_count, submitted.score) == (1, 4, 25)
        assert not Award.objects.exists()

    def test_passing_with_every_lesson_done_awards_once_at_the_attempt_score(self) -> None:
        mc = make_micro_credential(pass_percent=50)
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        single = Question.objects.get(pk__in=attempt.question_ids, kind=QuestionKind.SINGLE)
        services.attempt_answer(
            learner=learner,
            attempt_id=attempt.pk,
            question_id=single.pk,
            choice_ids=correct_choice_ids(single),
        )

        services.attempt_submit(learner=learner, attempt_id=attempt.pk)
        services.attempt_submit(learner=learner, attempt_id=attempt.pk)

        award = Award.objects.get(learner=learner, micro_credential=mc)
        assert award.score == 50
        assert DomainEvent.objects.filter(name="credential_earned").count() == 1

    def test_a_retake_that_passes_earns_after_a_failed_attempt(self) -> None:
        mc = make_micro_credential(pass_percent=100, cooling_off_hours=0)
        learner = ready(mc)
        take_assessment(learner, mc, correctly=False)
        assert not Award.objects.exists()

        take_assessment(learner, mc, correctly=True)

        assert Award.objects.get(learner=learner).score == 100
        assert list(Attempt.objects.values_list("number", "score")) == [(1, 0), (2, 100)]

    def test_submitting_hands_the_graded_answers_to_reviews(self) -> None:
        mc = make_micro_credential(pass_percent=100)
        learner = ready(mc)
        attempt = services.attempt_start(learner=learner, micro_credential=mc)
        answer_all(learner, attempt, correctly=False)
        assert cards_sync(learner=learner) == 0  # nothing to review before submitting

        services.attempt_submit(learner=learner, attempt_id=attempt.pk)

        assert cards_sync(learner=learner) == len(attempt.question_ids)
        assert set(ReviewCard.objects.values_list("question_id", flat=True)) == set(
            attempt.question_ids
        )
        assert not QuestionAnswer.objects.filter(is_correct=True).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_count_once() -> None:
    mc = make_micro_credential(pass_percent=100)
    learner = ready(mc)
    attempt = services.attempt_start(learner=learner, micro_credential=mc)
    answer_all(learner, attempt, correctly=True)

    errors = run_at_once(
        lambda: services.attempt_submit(learner=learner, attempt_id=attempt.pk), times=4
    )

    assert errors == []
    assert Attempt.objects.filter(submitted_at__isnull=False).count() == 1
    assert Award.objects.filter(learner=learner, micro_credential=mc).count() == 1
    assert DomainEvent.objects.filter(name="credential_earned").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_open_one_attempt() -> None:
    mc = pooled(questions=4)
    learner = ready(mc)

    errors = run_at_once(
        lambda: services.attempt_start(learner=learner, micro_credential=mc), times=4
    )

    assert errors == []
    assert Attempt.objects.filter(learner=learner).count() == 1
