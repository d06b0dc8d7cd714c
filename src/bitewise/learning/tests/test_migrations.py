"""What the migrations make of data written before assessments had attempts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bitewise.catalog.models import FeedbackMode, MicroCredential
from bitewise.learning.models import Attempt, AttemptAnswer, QuestionAnswer
from bitewise.testing import make_user

BEFORE = [
    ("learning", "0001_initial"),
    ("catalog", "0002_microcredential_validity_months_and_more"),
]
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def seed(apps: Any) -> dict[str, Any]:
    """Two micro-credentials (one with CE credit) sharing a two-question quiz, and four
    learners: all answered, part answered, earned, nothing answered."""
    Lesson = apps.get_model("catalog", "Lesson")
    Question = apps.get_model("catalog", "Question")
    Choice = apps.get_model("catalog", "Choice")
    MicroCredential = apps.get_model("catalog", "MicroCredential")
    Membership = apps.get_model("catalog", "MicroCredentialLesson")
    QuestionAnswer = apps.get_model("learning", "QuestionAnswer")
    Award = apps.get_model("learning", "Award")

    reading = Lesson.objects.create(slug="reading", title="Reading", minutes=3)
    quiz = Lesson.objects.create(slug="quiz", title="Quiz", minutes=2, kind="quiz")
    questions = []
    for n in range(2):
        question = Question.objects.create(lesson=quiz, prompt=f"Q{n}?", position=n)
        for i in range(3):
            Choice.objects.create(question=question, text=f"C{i}", is_correct=i == 0, position=i)
        questions.append(question)
    credit = MicroCredential.objects.create(
        slug="credit", title="Credit", ce_credits=Decimal("1.0"), pass_percent=70
    )
    practice = MicroCredential.objects.create(slug="practice", title="Practice", pass_percent=50)
    for mc in (credit, practice):
        Membership.objects.create(micro_credential=mc, lesson=reading, position=0)
        Membership.objects.create(micro_credential=mc, lesson=quiz, position=1)
    # Users through today's model: the accounts tables are not migrated back.
    learners = {
        name: make_user(email=f"{name}@example.org") for name in ("all", "part", "earned", "none")
    }

    def answer(learner: Any, question: Any, *, right: bool, minutes: int) -> None:
        choice = (
            question.choices.get(is_correct=right)
            if right
            else question.choices.filter(is_correct=False).first()
        )
        QuestionAnswer.objects.create(
            learner_id=learner.pk, question=question, choice_ids=[choice.pk], is_correct=right
        )
        QuestionAnswer.objects.filter(learner_id=learner.pk, question=question).update(
            answered_at=T0 + timedelta(minutes=minutes)
        )

    answer(learners["all"], questions[0], right=True, minutes=1)
    answer(learners["all"], questions[1], right=False, minutes=2)
    answer(learners["part"], questions[0], right=False, minutes=3)
    answer(learners["earned"], questions[0], right=True, minutes=4)
    answer(learners["earned"], questions[1], right=True, minutes=5)
    award = Award.objects.create(
        learner_id=learners["earned"].pk,
        micro_credential=credit,
        snapshot={"title": "Credit"},
        score=100,
    )
    return {
        "credit": credit.pk,
        "practice": practice.pk,
        "questions": [q.pk for q in questions],
        "learners": {name: u.pk for name, u in learners.items()},
        "awarded_at": award.awarded_at,
    }


@pytest.mark.django_db(transaction=True)
def test_answers_given_before_attempts_become_each_learners_first_attempt() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    ids = seed(executor.loader.project_state(BEFORE).apps)

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    learners, (q0, q1) = ids["learners"], ids["questions"]
    credit = Attempt.objects.filter(micro_credential_id=ids["credit"])

    # Answered everything, below the pass mark: a failed first attempt, submitted at the
    # last answer, so the retake rules run from there.
    done = credit.get(learner_id=learners["all"])
    assert (done.number, done.question_ids, done.score, done.correct_count) == (1, [q0, q1], 50, 1)
    assert done.submitted_at == T0 + timedelta(minutes=2)
    assert done.pass_percent == 70 and not done.is_passed

    # Part-way: an open attempt holding the answer given, both questions still drawn.
    part = credit.get(learner_id=learners["part"])
    assert part.submitted_at is None and part.question_ids == [q0, q1]
    assert list(
        AttemptAnswer.objects.filter(attempt=part).values_list("question_id", "is_correct")
    ) == [(q0, False)]

    # Earned: the award keeps its score, as a submitted attempt at the award's time.
    earned = credit.get(learner_id=learners["earned"])
    assert (earned.score, earned.submitted_at) == (100, ids["awarded_at"])

    # No answers: nothing to carry over.
    assert not Attempt.objects.filter(learner_id=learners["none"]).exists()

    # The shared quiz counts in the other micro-credential's assessment too.
    assert Attempt.objects.filter(micro_credential_id=ids["practice"]).count() == 3
    # The graded answers, and the review cards made from them, stay as they were.
    assert QuestionAnswer.objects.count() == 5
    # Every attempt shows each question's choices in their authored order.
    for attempt in Attempt.objects.all():
        for question_id in attempt.question_ids:
            order = attempt.choice_order[str(question_id)]
            assert order == sorted(order)


@pytest.mark.django_db(transaction=True)
def test_practice_micro_credentials_keep_unlimited_immediate_attempts() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    ids = seed(executor.loader.project_state(BEFORE).apps)

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    credit = MicroCredential.objects.get(pk=ids["credit"])
    practice = MicroCredential.objects.get(pk=ids["practice"])
    assert (
        credit.max_attempts,
        credit.cooling_off_hours,
        credit.feedback_mode,
        credit.shuffle_choices,
    ) == (3, 24, FeedbackMode.AFTER_SUBMIT, True)
    assert (
        practice.max_attempts,
        practice.cooling_off_hours,
        practice.feedback_mode,
    ) == (None, 0, FeedbackMode.IMMEDIATE)
