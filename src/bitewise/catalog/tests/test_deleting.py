"""Deleting a question or a lesson never deletes what learners did with it: once anyone has
answered a question (in an attempt or at once) or completed a lesson, it is edited, not
deleted, on the staff page and in the Django admin alike; a question nobody has answered
is deleted as before. A skill learners follow is renamed, not deleted."""

from __future__ import annotations

import pytest
from django.test import Client

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson, Question, Skill
from bitewise.learning.models import Attempt, AttemptAnswer, LessonCompletion
from bitewise.testing import (
    earn,
    make_lesson,
    make_micro_credential,
    make_question,
    make_skill,
    make_user,
)

pytestmark = pytest.mark.django_db


def _answered_question() -> tuple[Question, Attempt]:
    mc = make_micro_credential(lessons=1)
    learner = make_user()
    earn(learner, mc)
    attempt = Attempt.objects.get(learner=learner)
    question = Question.objects.get(pk=attempt.question_ids[0])
    return question, attempt


def _kept(question: Question, attempt: Attempt) -> None:
    assert Question.objects.filter(pk=question.pk).exists()
    assert AttemptAnswer.objects.filter(attempt=attempt, question=question).exists()


@pytest.mark.parametrize("role", ["author", "admin_user"])
def test_the_staff_page_refuses_to_delete_an_answered_question(
    client: Client, role: str, request: pytest.FixtureRequest
) -> None:
    question, attempt = _answered_question()
    request.getfixturevalue(role)

    response = client.post(
        f"/staff/lessons/{question.lesson_id}/questions/{question.pk}/delete", follow=True
    )

    assert response.status_code == 200
    assert "Learners have answered this question" in response.content.decode()
    _kept(question, attempt)


def test_the_staff_page_deletes_a_question_nobody_answered(client: Client, author: User) -> None:
    lesson = make_lesson()
    question = make_question(lesson)

    response = client.post(f"/staff/lessons/{lesson.pk}/questions/{question.pk}/delete")

    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()


@pytest.mark.parametrize("role", ["author", "admin_user"])
def test_the_admin_refuses_to_delete_an_answered_question(
    client: Client, role: str, request: pytest.FixtureRequest
) -> None:
    question, attempt = _answered_question()
    request.getfixturevalue(role)

    response = client.post(
        f"/admin/catalog/question/{question.pk}/delete/", {"post": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert "Learners have answered this question" in response.content.decode()
    _kept(question, attempt)


@pytest.mark.parametrize("role", ["author", "admin_user"])
def test_the_admin_refuses_to_delete_a_completed_lesson(
    client: Client, role: str, request: pytest.FixtureRequest
) -> None:
    mc = make_micro_credential(lessons=1, quiz=False)
    learner = make_user()
    earn(learner, mc)
    lesson = Lesson.objects.get(memberships__micro_credential=mc)
    mc.memberships.all().delete()  # taken out of it: nothing protects the lesson any more
    request.getfixturevalue(role)

    response = client.post(f"/admin/catalog/lesson/{lesson.pk}/delete/", {"post": "yes"})

    assert response.status_code == 200
    assert "Learners have used this lesson" in response.content.decode()
    assert Lesson.objects.filter(pk=lesson.pk).exists()
    assert LessonCompletion.objects.filter(lesson=lesson, learner=learner).exists()


@pytest.mark.parametrize("role", ["author", "admin_user"])
def test_the_admin_refuses_to_delete_a_skill_learners_follow(
    client: Client, role: str, request: pytest.FixtureRequest
) -> None:
    from bitewise.reinforcement.models import TopicFollow
    from bitewise.reinforcement.services.digests import topic_follow

    followed, unused = make_skill(), make_skill()
    learner = make_user()
    topic_follow(learner=learner, skill=followed)
    request.getfixturevalue(role)

    refused = client.post(f"/admin/catalog/skill/{followed.pk}/delete/", {"post": "yes"})
    deleted = client.post(f"/admin/catalog/skill/{unused.pk}/delete/", {"post": "yes"})

    assert refused.status_code == 200
    assert "This skill is in use" in refused.content.decode()
    assert TopicFollow.objects.filter(learner=learner, skill=followed).exists()
    assert deleted.status_code == 302
    assert not Skill.objects.filter(pk=unused.pk).exists()
