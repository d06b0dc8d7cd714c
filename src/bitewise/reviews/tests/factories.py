"""Builders for the review tests: quiz answers made through the learning service."""

from __future__ import annotations

from datetime import datetime

import time_machine
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import LessonKind, Question, Skill
from bitewise.learning.services import question_answer
from bitewise.reviews.models import ReviewCard
from bitewise.reviews.services.cards import cards_sync
from bitewise.testing import correct_choice_ids, make_lesson, make_question, wrong_choice_ids


def make_quiz_question(*, skill: Skill | None = None, kind: str = "single") -> Question:
    lesson = make_lesson(kind=LessonKind.QUIZ)
    if skill is not None:
        catalog_services.lesson_save(lesson=lesson, skill_ids=[skill.pk])
    correct = (0, 2) if kind == "multiple" else (0,)
    return make_question(lesson, kind=kind, correct=correct)


def answer(
    learner: User,
    question: Question,
    *,
    is_correct: bool = True,
    response_ms: int | None = 10_000,
    at: datetime | None = None,
) -> None:
    choice_ids = correct_choice_ids(question) if is_correct else wrong_choice_ids(question)
    with time_machine.travel(at or timezone.now(), tick=False):
        question_answer(
            learner=learner, question=question, choice_ids=choice_ids, response_ms=response_ms
        )


def make_card(
    learner: User,
    *,
    skill: Skill | None = None,
    is_correct: bool = True,
    response_ms: int | None = 10_000,
    at: datetime | None = None,
) -> ReviewCard:
    """A card from one quiz answer given at ``at`` (default now)."""
    question = make_quiz_question(skill=skill)
    answer(learner, question, is_correct=is_correct, response_ms=response_ms, at=at)
    cards_sync(learner=learner)
    return ReviewCard.objects.get(learner=learner, question=question)
