"""Builders for tests and benchmarks: small published catalogs and learners, made through
services, and races run in threads. At the package level: they use every app."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connections

from bitewise.accounts.models import Role, User
from bitewise.accounts.services import user_create
from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import (
    Lesson,
    LessonKind,
    MicroCredential,
    Pathway,
    Question,
    QuestionKind,
    Skill,
)

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def make_user(*, role: str = Role.LEARNER, email: str | None = None) -> User:
    n = next(_seq)
    return user_create(email=email or f"user{n}@example.org", password=PASSWORD, role=role)


def make_skill(name: str | None = None) -> Skill:
    n = next(_seq)
    name = name or f"Skill {n}"
    return Skill.objects.create(name=name, slug=f"skill-{n}")


def make_lesson(*, title: str | None = None, minutes: int = 3, **fields: Any) -> Lesson:
    n = next(_seq)
    lesson = Lesson(title=title or f"Lesson {n}", minutes=minutes, body_markdown="Some **text**.")
    for key, value in fields.items():
        setattr(lesson, key, value)
    return catalog_services.lesson_save(lesson=lesson)


def make_question(
    lesson: Lesson, *, kind: str = QuestionKind.SINGLE, correct: Sequence[int] = (0,), n: int = 3
) -> Question:
    choices = [
        {"text": f"Choice {i}", "is_correct": i in correct, "explanation": f"Because {i}."}
        for i in range(2 if kind == QuestionKind.TRUE_FALSE else n)
    ]
    return catalog_services.question_save(
        question=Question(lesson=lesson, kind=kind, prompt=f"Question on {lesson.title}?"),
        choices=choices,
    )


def make_micro_credential(
    *,
    lessons: int = 3,
    quiz: bool = True,
    pass_percent: int = 50,
    publish: bool = True,
    skills: Sequence[Skill] = (),
    **fields: Any,
) -> MicroCredential:
    n = next(_seq)
    items = [make_lesson() for _ in range(lessons)]
    if quiz:
        quiz_lesson = make_lesson(title=f"Quiz {n}", kind=LessonKind.QUIZ)
        make_question(quiz_lesson)
        make_question(quiz_lesson, kind=QuestionKind.MULTIPLE, correct=(0, 2))
        items.append(quiz_lesson)
    mc = MicroCredential(
        title=fields.pop("title", f"Micro-credential {n}"),
        pass_percent=pass_percent,
        ce_credits=fields.pop("ce_credits", Decimal("1.5")),
        **fields,
    )
    mc = catalog_services.micro_credential_save(
        micro_credential=mc, skill_ids=[s.pk for s in skills]
    )
    catalog_services.micro_credential_set_lessons(
        micro_credential=mc, lesson_ids=[le.pk for le in items]
    )
    if publish:
        catalog_services.micro_credential_publish(micro_credential=mc, by=None)
    return mc


def make_pathway(
    micro_credentials: Sequence[MicroCredential], *, rule: str = "all", required_count: int = 1
) -> Pathway:
    pathway = catalog_services.pathway_save(
        pathway=Pathway(title=f"Pathway {next(_seq)}", rule=rule, required_count=required_count),
        micro_credential_ids=[mc.pk for mc in micro_credentials],
    )
    return catalog_services.pathway_publish(pathway=pathway, by=None)


def correct_choice_ids(question: Question) -> list[int]:
    return list(question.choices.filter(is_correct=True).values_list("pk", flat=True))


def wrong_choice_ids(question: Question) -> list[int]:
    return [question.choices.filter(is_correct=False).values_list("pk", flat=True)[0]]


def earn(learner: User, mc: MicroCredential) -> None:
    """Subscribe, read every lesson and pass the assessment with right answers, as a
    learner would."""
    from bitewise.learning import services

    services.enrollment_subscribe(learner=learner, micro_credential=mc)
    for m in mc.memberships.order_by("position"):
        services.lesson_complete(learner=learner, lesson=m.lesson)
    if Question.objects.filter(lesson__memberships__micro_credential=mc).exists():
        take_assessment(learner, mc, correctly=True)


def take_assessment(learner: User, mc: MicroCredential, *, correctly: bool) -> Any:
    """Start (or resume) an attempt, answer every drawn question right or wrong, submit."""
    from bitewise.learning import services

    attempt = services.attempt_start(learner=learner, micro_credential=mc)
    for question in Question.objects.filter(pk__in=attempt.question_ids):
        services.attempt_answer(
            learner=learner,
            attempt_id=attempt.pk,
            question_id=question.pk,
            choice_ids=correct_choice_ids(question) if correctly else wrong_choice_ids(question),
        )
    return services.attempt_submit(learner=learner, attempt_id=attempt.pk)


def answer_in_assessment(
    learner: User, mc: MicroCredential, question: Question, choice_ids: Sequence[int]
) -> Any:
    """Read every lesson of ``mc``, then answer one question of its assessment in an
    attempt and submit it, so the graded answer is handed on (to reviews, say)."""
    from bitewise.learning import services

    for m in mc.memberships.all():
        services.lesson_complete(learner=learner, lesson=m.lesson)
    attempt = services.attempt_start(learner=learner, micro_credential=mc)
    services.attempt_answer(
        learner=learner, attempt_id=attempt.pk, question_id=question.pk, choice_ids=choice_ids
    )
    return services.attempt_submit(learner=learner, attempt_id=attempt.pk)


def run_at_once(action: Callable[[], object], *, times: int) -> list[BaseException]:
    """Run ``action`` in ``times`` threads released together (each with its own database
    connection); returns what they raised, for a race test to assert on."""
    barrier = threading.Barrier(times)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            action()
        except BaseException as exc:  # collected for the caller to assert on
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
