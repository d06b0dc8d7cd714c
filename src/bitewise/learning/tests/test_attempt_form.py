"""The attempt page is one form (answers shown once submitted): saving one question keeps
what is chosen in the others, and submitting saves every choice first. Nothing chosen on the
page is lost (a new user lost two answers by saving the first)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bitewise.catalog.models import Question
from bitewise.learning import services
from bitewise.learning.models import Attempt, AttemptAnswer
from bitewise.learning.tests.quizzes import pooled, ready
from bitewise.testing import correct_choice_ids

pytestmark = pytest.mark.django_db


def started(client: Client) -> tuple[Attempt, list[Question]]:
    mc = pooled(questions=3)
    learner = ready(mc)
    client.force_login(learner)
    attempt = services.attempt_start(learner=learner, micro_credential=mc)
    questions = list(Question.objects.filter(pk__in=attempt.question_ids))
    return attempt, questions


def url(attempt: Attempt) -> str:
    return reverse(
        "learning:attempt_answers",
        kwargs={"slug": attempt.micro_credential.slug, "attempt_id": attempt.pk},
    )


def test_saving_one_question_keeps_the_choices_made_in_the_others(client: Client) -> None:
    attempt, questions = started(client)
    chosen = {f"q-{q.pk}": correct_choice_ids(q) for q in questions}

    response = client.post(url(attempt), {**chosen, "save": str(questions[0].pk)})

    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{questions[0].pk}")
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "3 of 3 answered" in page and "Every question is answered." in page


def test_submitting_saves_every_choice_first_and_scores_them(client: Client) -> None:
    attempt, questions = started(client)
    chosen = {f"q-{q.pk}": correct_choice_ids(q) for q in questions[:2]}

    client.post(url(attempt), {**chosen, "action": "submit"})

    attempt.refresh_from_db()
    assert attempt.is_submitted
    assert attempt.score == 66  # two of three right: the third counts as wrong


@pytest.mark.parametrize("value", ["²", "x", "9" * 30, "-1"])
def test_a_choice_that_is_not_one_is_refused_with_a_message(client: Client, value: str) -> None:
    attempt, questions = started(client)

    bad = {f"q-{questions[0].pk}": value, "action": "submit"}
    response = client.post(url(attempt), bad, follow=True)

    attempt.refresh_from_db()
    assert response.status_code == 200
    assert not attempt.is_submitted  # nothing is submitted while an answer is refused
    assert "Question 1:" in response.content.decode()
    assert not AttemptAnswer.objects.filter(attempt=attempt).exists()
