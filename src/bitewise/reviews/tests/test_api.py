"""The reviews API acts on the caller's own cards only; refusals are a 4xx with a detail."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.accounts.services import api_token_create
from bitewise.reviews.models import ReviewLog, ReviewPreferences
from bitewise.reviews.tests.factories import make_card
from bitewise.testing import correct_choice_ids, make_skill, make_user

pytestmark = pytest.mark.django_db


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').secret}"}


def post(url: str, body: object, user: User) -> Any:
    return Client().post(
        url, data=json.dumps(body), content_type="application/json", headers=bearer(user)
    )


def test_due_lists_only_the_callers_due_cards_with_choices() -> None:
    learner = make_user()
    due = make_card(learner, at=timezone.now() - timedelta(days=20))
    make_card(learner)  # not due
    make_card(make_user(), at=timezone.now() - timedelta(days=20))  # someone else's

    body = Client().get("/api/me/reviews/due", headers=bearer(learner)).json()

    assert [c["id"] for c in body["cards"]] == [due.pk]
    assert body["left_today"] == 1 and body["is_on_hold"] is False
    card = body["cards"][0]
    assert card["prompt"] == due.question.prompt and len(card["choices"]) == 3
    assert "is_correct" not in card["choices"][0]
    assert 0 <= card["predicted_recall"] <= 1


def test_answering_a_due_card_returns_feedback_and_the_next_date() -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=20))
    response = post(
        f"/api/me/reviews/{card.pk}",
        {"choice_ids": correct_choice_ids(card.question), "response_ms": 3_000},
        learner,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["is_correct"] is True and body["rating"] == 4  # fast and right: Easy
    assert body["correct_choice_ids"] == correct_choice_ids(card.question)
    assert {e["explanation"] for e in body["explanations"]} >= {"Because 0."}
    assert ReviewLog.objects.get().response_ms == 3_000


def test_another_learners_card_is_a_404() -> None:
    card = make_card(make_user(), at=timezone.now() - timedelta(days=20))
    response = post(
        f"/api/me/reviews/{card.pk}",
        {"choice_ids": correct_choice_ids(card.question), "response_ms": 3_000},
        make_user(),
    )
    assert response.status_code == 404 and response.json()["detail"]
    assert not ReviewLog.objects.exists()


def test_a_card_not_due_is_a_400_with_a_detail() -> None:
    learner = make_user()
    card = make_card(learner)
    response = post(
        f"/api/me/reviews/{card.pk}",
        {"choice_ids": correct_choice_ids(card.question), "response_ms": 3_000},
        learner,
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "This card is not due for review yet."}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"choice_ids": [], "response_ms": 1}, id="no-choice"),
        pytest.param({"choice_ids": [1], "response_ms": -5}, id="negative-time"),
        pytest.param({"choice_ids": [1]}, id="no-time"),
    ],
)
def test_malformed_answers_are_a_422(body: dict[str, Any]) -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=20))
    response = post(f"/api/me/reviews/{card.pk}", body, learner)
    assert response.status_code == 422 and "detail" in response.json()


def test_retention_per_skill() -> None:
    learner = make_user()
    make_card(learner, skill=make_skill("Ledgers"))
    body = Client().get("/api/me/retention", headers=bearer(learner)).json()
    assert [(r["skill"], r["cards"]) for r in body] == [("Ledgers", 1)]
    assert body[0]["retention"] == pytest.approx(1.0)


def test_the_api_needs_authentication() -> None:
    assert Client().get("/api/me/reviews/due").status_code == 401


def test_preferences_are_read_and_written_and_bad_holds_are_a_422() -> None:
    learner = make_user()
    today = timezone.localdate()
    client = Client()
    assert client.get("/api/me/reviews/preferences", headers=bearer(learner)).json() == {
        "hold_from": None,
        "hold_to": None,
        "is_digest_wanted": False,
        "is_on_hold": False,
    }
    body = {"hold_from": str(today), "hold_to": str(today + timedelta(days=3))}
    response = client.put(
        "/api/me/reviews/preferences",
        data=json.dumps({**body, "is_digest_wanted": True}),
        content_type="application/json",
        headers=bearer(learner),
    )
    assert response.status_code == 200
    assert response.json()["is_on_hold"] is True and response.json()["is_digest_wanted"] is True

    bad = {"hold_from": str(today + timedelta(days=3)), "hold_to": str(today)}
    response = client.put(
        "/api/me/reviews/preferences",
        data=json.dumps({**bad, "is_digest_wanted": False}),
        content_type="application/json",
        headers=bearer(learner),
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "The hold must end on or after the day it starts."}
    assert ReviewPreferences.objects.get(learner=learner).is_digest_wanted is True
