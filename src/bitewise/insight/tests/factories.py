"""Builders for the insight tests: quiz answers through the learning service, checks
through the planner."""

from __future__ import annotations

from datetime import datetime

from bitewise.accounts.models import User
from bitewise.catalog.models import Question
from bitewise.engines.insight.sampling import check_delay_for
from bitewise.insight.models import RetentionCheck
from bitewise.reviews.tests.factories import answer, make_quiz_question


def sampled_question(learner: User, *, delay: int | None = None) -> Question:
    """A new quiz question that is in the learner's check sample (at ``delay`` if given)."""
    for _ in range(200):
        question = make_quiz_question()
        found = check_delay_for(learner.pk, question.pk)
        if found is not None and (delay is None or found == delay):
            return question
    raise AssertionError("no sampled question in 200 tries")


def unsampled_question(learner: User) -> Question:
    for _ in range(200):
        question = make_quiz_question()
        if check_delay_for(learner.pk, question.pk) is None:
            return question
    raise AssertionError("every question was sampled")


def make_check(
    learner: User,
    *,
    learned_at: datetime,
    due_at: datetime,
    delay: int = 7,
    question: Question | None = None,
) -> RetentionCheck:
    """A planned check (made directly: the planner's rules have their own tests)."""
    question = question or make_quiz_question()
    answer(learner, question, at=learned_at)
    return RetentionCheck.objects.create(
        learner=learner, question=question, delay_days=delay, learned_at=learned_at, due_at=due_at
    )
