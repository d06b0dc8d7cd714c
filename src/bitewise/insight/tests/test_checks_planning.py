"""Planning delayed retention checks: the staggered sample, the learner's zone and quiet
hours, and nothing for a dropped micro-credential or an inactive account."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from bitewise.catalog.models import LessonKind
from bitewise.engines.insight.sampling import check_delay_for
from bitewise.insight.models import RetentionCheck
from bitewise.insight.services.checks import retention_checks_plan
from bitewise.insight.tests.factories import sampled_question, unsampled_question
from bitewise.learning.models import QuestionAnswer
from bitewise.learning.services import enrollment_subscribe, enrollment_unsubscribe
from bitewise.reinforcement.tests.factories import make_learner
from bitewise.reviews.tests.factories import answer, make_quiz_question
from bitewise.testing import make_micro_credential, make_question, make_user

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def test_the_learners_sampled_items_get_one_check_each_at_their_staggered_delay() -> None:
    learner = make_user()
    questions = [make_quiz_question() for _ in range(24)]
    for question in questions:
        answer(learner, question, at=MONDAY)

    retention_checks_plan(now=MONDAY + timedelta(hours=1))

    expected = {q.pk: d for q in questions if (d := check_delay_for(learner.pk, q.pk)) is not None}
    planned = dict(
        RetentionCheck.objects.filter(learner=learner).values_list("question_id", "delay_days")
    )
    assert planned == expected
    assert 0 < len(planned) < len(questions)


def test_planning_again_adds_nothing() -> None:
    learner = make_user()
    answer(learner, sampled_question(learner), at=MONDAY)
    retention_checks_plan(now=MONDAY + timedelta(hours=1))
    retention_checks_plan(now=MONDAY + timedelta(hours=2))
    assert RetentionCheck.objects.count() == 1


def test_an_unsampled_item_gets_no_check() -> None:
    learner = make_user()
    answer(learner, unsampled_question(learner), at=MONDAY)
    retention_checks_plan(now=MONDAY + timedelta(hours=1))
    assert not RetentionCheck.objects.exists()


def test_a_check_falls_on_its_day_in_the_learners_zone_after_their_quiet_hours() -> None:
    learner = make_learner(time_zone="America/New_York", quiet_hours="06:00-11:30")
    question = sampled_question(learner, delay=30)
    answer(learner, question, at=MONDAY)

    retention_checks_plan(now=MONDAY + timedelta(hours=1))

    check = RetentionCheck.objects.get()
    local = check.due_at.astimezone(ZoneInfo("America/New_York"))
    learned = MONDAY.astimezone(ZoneInfo("America/New_York")).date()
    assert local.date() == learned + timedelta(days=30)
    assert local.time() >= time(11, 30)  # not in quiet hours


def test_no_check_for_a_lesson_of_a_dropped_micro_credential() -> None:
    learner = make_user()
    micro_credential = make_micro_credential()
    enrollment_subscribe(learner=learner, micro_credential=micro_credential)
    quiz = micro_credential.lessons.get(kind=LessonKind.QUIZ)
    lesson_questions = list(quiz.questions.all())
    while not any(check_delay_for(learner.pk, q.pk) for q in lesson_questions):
        lesson_questions.append(make_question(quiz))
    enrollment_unsubscribe(learner=learner, micro_credential=micro_credential)
    for question in lesson_questions:  # graded in an assessment attempt before dropping
        QuestionAnswer.objects.create(
            learner=learner, question=question, choice_ids=[], is_correct=True, answered_at=MONDAY
        )
    kept = sampled_question(learner)
    answer(learner, kept, at=MONDAY)

    retention_checks_plan(now=MONDAY + timedelta(hours=1))

    assert list(RetentionCheck.objects.values_list("question_id", flat=True)) == [kept.pk]


def test_no_check_for_an_inactive_account() -> None:
    learner = make_user()
    answer(learner, sampled_question(learner), at=MONDAY)
    learner.is_active = False
    learner.save(update_fields=["is_active"])
    retention_checks_plan(now=MONDAY + timedelta(hours=1))
    assert not RetentionCheck.objects.exists()


def test_answers_from_long_before_are_not_asked_late() -> None:
    learner = make_user()
    answer(learner, sampled_question(learner, delay=7), at=MONDAY - timedelta(days=60))
    retention_checks_plan(now=MONDAY)
    assert not RetentionCheck.objects.exists()


def test_the_scheduler_entry_point_plans_now() -> None:
    from bitewise.insight.services.checks import retention_checks_plan_due

    learner = make_user()
    answer(learner, sampled_question(learner), at=timezone.now() - timedelta(minutes=5))
    assert retention_checks_plan_due() == 1
