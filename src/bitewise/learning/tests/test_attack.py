"""The attack that earned a CE-bearing badge knowing nothing, replayed through the API:
answer anything, read the right answers off the responses, retake at once, answer right.

It must fail at every step: no response names the right choice before the attempt is
submitted, a retake waits out the cooling-off period, the next attempt draws questions
the learner has not seen, and the attempts run out before a guesser passes."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from bitewise.accounts.services import api_token_create
from bitewise.catalog import services as catalog_services
from bitewise.catalog.models import MicroCredential
from bitewise.learning.models import Attempt, Award
from bitewise.testing import make_lesson, make_micro_credential, make_question, make_user

pytestmark = pytest.mark.django_db
POOL, PER_ATTEMPT = 8, 4


def credit_bearing() -> MicroCredential:
    """CE credit, the defaults for credit (feedback after submitting, 3 attempts a day
    apart) but two attempts, and a pool of eight four-choice questions, four per attempt;
    the right choice is the first authored for two questions in eight."""
    mc = make_micro_credential(
        quiz=False, lessons=1, ce_credits=Decimal("1.0"), pass_percent=70, max_attempts=2
    )
    quiz = make_lesson()
    for i in range(POOL):
        make_question(quiz, n=4, correct=(i % 4,))
    catalog_services.micro_credential_set_lessons(
        micro_credential=mc,
        lesson_ids=[*mc.memberships.values_list("lesson_id", flat=True), quiz.pk],
    )
    mc.questions_per_attempt = PER_ATTEMPT
    return catalog_services.micro_credential_save(micro_credential=mc)


class Attacker:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.auth = {
            "Authorization": f"Bearer {api_token_create(user=make_user(), name='x').secret}"
        }
        self.learned: dict[int, list[int]] = {}  # question id -> right choices read off
        self.seen_before_submit: list[Any] = []

    def call(self, method: str, url: str, body: object = None) -> Any:
        kwargs: dict[str, Any] = {"headers": self.auth}
        if body is not None:
            kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
        return getattr(self.client, method)(url, **kwargs)

    def guess(self, question: dict[str, Any]) -> list[int]:
        """What was read off earlier if anything, else the lowest choice id."""
        return self.learned.get(question["id"]) or [min(c["id"] for c in question["choices"])]

    def sit(self, mc: MicroCredential) -> Any:
        started = self.call("post", f"/api/micro-credentials/{mc.slug}/attempts")
        if started.status_code != 200:
            return started
        attempt = started.json()
        self.seen_before_submit.append(attempt)
        self.seen_before_submit.append(self.call("get", f"/api/attempts/{attempt['id']}").json())
        for question in attempt["questions"]:
            # The old route first: it used to answer with the right choices.
            old = self.call("post", f"/api/questions/{question['id']}/answer", {"choice_ids": [1]})
            self.seen_before_submit.append(old.json())
            answered = self.call(
                "post",
                f"/api/attempts/{attempt['id']}/answers",
                {"question_id": question["id"], "choice_ids": self.guess(question)},
            )
            assert answered.status_code == 200, answered.content
            self.seen_before_submit.append(answered.json())
        submitted = self.call("post", f"/api/attempts/{attempt['id']}/submit")
        for question in submitted.json()["questions"]:
            self.learned[question["id"]] = question["correct_choice_ids"]
        return submitted


def grades_in(value: object) -> list[object]:
    """Every value under a key that says what is right."""
    found: list[object] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"is_correct", "correct_choice_ids", "explanation", "explanations"}:
                found.append(item)
            found.extend(grades_in(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(grades_in(item))
    return found


def test_a_learner_who_knows_nothing_cannot_guess_their_way_to_the_badge(client: Client) -> None:
    mc = credit_bearing()
    attacker = Attacker(client)
    subscribed = attacker.call("post", f"/api/micro-credentials/{mc.slug}/subscription")
    assert subscribed.status_code == 200
    for m in mc.memberships.all():
        done = attacker.call("post", f"/api/lessons/{m.lesson_id}/completion")
        assert done.status_code == 200
    start = timezone.now()

    # Attempt 1: guesses, and reads the right answers once it is submitted.
    with time_machine.travel(start, tick=False):
        first = attacker.sit(mc).json()
    assert first["score"] < mc.pass_percent

    # Retaking at once, with those answers in hand, waits out the cooling-off period.
    with time_machine.travel(start + timedelta(hours=23), tick=False):
        refused = attacker.sit(mc)
    assert refused.status_code == 409 and "next attempt from" in refused.json()["detail"]

    # Attempt 2, a day later, draws questions it has never seen: the answers read off
    # attempt 1 cover none of them.
    with time_machine.travel(start + timedelta(hours=24, minutes=1), tick=False):
        second = attacker.sit(mc).json()
    assert {q["id"] for q in first["questions"]}.isdisjoint(q["id"] for q in second["questions"])
    assert second["score"] <= 50  # the lowest id is right for at most 2 of 4 drawn

    # And that was the last attempt.
    with time_machine.travel(start + timedelta(days=30), tick=False):
        closed = attacker.sit(mc)
    assert closed.status_code == 409 and "used all 2 attempts" in closed.json()["detail"]

    # No badge, no CE credit; two attempts recorded.
    assert not Award.objects.exists()
    assert Attempt.objects.count() == 2

    # Before each submission, nothing the attacker received named a right choice: every
    # grade is null, and an answer's response carries no other field that could.
    for response in attacker.seen_before_submit:
        assert all(grade is None for grade in grades_in(response)), response
    answer_responses = [r for r in attacker.seen_before_submit if "chosen_ids" in r]
    assert len(answer_responses) == 2 * PER_ATTEMPT
    for response in answer_responses:
        assert set(response) == {
            "attempt_id",
            "question_id",
            "chosen_ids",
            "unanswered",
            "is_correct",
            "correct_choice_ids",
            "explanations",
        }
    old_route = [r for r in attacker.seen_before_submit if "detail" in r]
    assert len(old_route) == 2 * PER_ATTEMPT
    assert all("answer it in an attempt" in r["detail"] for r in old_route)
