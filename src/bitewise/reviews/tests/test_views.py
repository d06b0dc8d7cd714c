"""Today (the 5-minute review, hold and digest settings) and retention per skill, through
their public URLs."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.reviews.models import ReviewCard, ReviewLog, ReviewPreferences
from bitewise.reviews.tests.factories import answer, make_card, make_quiz_question
from bitewise.testing import correct_choice_ids, make_skill, make_user, wrong_choice_ids

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown_token(html: str) -> str:
    found = re.search(r'name="shown" value="([^"]+)"', html)
    assert found, "no review form on the page"
    return found.group(1)


def test_today_needs_a_login() -> None:
    response = Client().get("/today/")
    assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_opening_today_makes_cards_from_past_answers_and_shows_the_due_one() -> None:
    learner = make_user()
    question = make_quiz_question()
    answer(learner, question, at=timezone.now() - timedelta(days=20))

    response = client_for(learner).get("/today/")

    assert response.status_code == 200
    html = response.content.decode()
    assert question.prompt in html and "Choice 1" in html
    assert '<span data-testid="left-today">1</span>&nbsp;left today' in html
    assert ReviewCard.objects.filter(learner=learner).count() == 1


def test_answering_rates_from_the_time_measured_on_the_server_and_explains() -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=20))
    client = client_for(learner)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = shown_token(client.get("/today/").content.decode())
    with time_machine.travel(start + timedelta(seconds=40), tick=False):
        response = client.post(
            f"/today/cards/{card.pk}/answer",
            {"choice": correct_choice_ids(card.question), "shown": token, "response_ms": 1},
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Correct." in html and "Because 0." in html
    log = ReviewLog.objects.get()
    assert log.response_ms == 40_000 and log.rating == 2  # slow and right: Hard
    assert "That&#x27;s all for today" in html or "That's all for today" in html


def test_a_wrong_answer_shows_the_right_one_with_its_explanation() -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=20))
    client = client_for(learner)
    token = shown_token(client.get("/today/").content.decode())
    response = client.post(
        f"/today/cards/{card.pk}/answer",
        {"choice": wrong_choice_ids(card.question), "shown": token},
    )
    html = response.content.decode()
    assert "Not quite." in html and "✓ (correct)" in html and "Because 0." in html


def test_another_learners_card_is_a_404_and_nothing_changes() -> None:
    card = make_card(make_user(), at=timezone.now() - timedelta(days=20))
    intruder = make_user()
    client = client_for(intruder)
    response = client.post(
        f"/today/cards/{card.pk}/answer",
        {"choice": correct_choice_ids(card.question), "shown": "x"},
    )
    assert response.status_code == 404
    assert not ReviewLog.objects.exists()


def test_a_card_not_due_is_refused_with_a_message() -> None:
    learner = make_user()
    due = make_card(learner, at=timezone.now() - timedelta(days=20))
    fresh = make_card(learner)
    client = client_for(learner)
    token = shown_token(client.get("/today/").content.decode())
    assert f"/today/cards/{due.pk}/answer" in client.get("/today/").content.decode()
    response = client.post(
        f"/today/cards/{fresh.pk}/answer",
        {"choice": correct_choice_ids(fresh.question), "shown": token},
    )
    assert response.status_code == 400
    assert "another card" in response.content.decode()
    from bitewise.reviews.shown import shown_token as sign

    token = sign(card_id=fresh.pk, learner_id=learner.pk, at=timezone.now())
    response = client.post(
        f"/today/cards/{fresh.pk}/answer",
        {"choice": correct_choice_ids(fresh.question), "shown": token},
    )
    assert response.status_code == 400 and "not due" in response.content.decode()
    assert not ReviewLog.objects.exists()


def test_a_tampered_form_is_refused_and_the_card_shown_again() -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=20))
    client = client_for(learner)
    token = shown_token(client.get("/today/").content.decode())
    response = client.post(
        f"/today/cards/{card.pk}/answer",
        {"choice": correct_choice_ids(card.question), "shown": token[:-2] + "xx"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "expired or was changed" in html and card.question.prompt in html
    assert not ReviewLog.objects.exists()


def test_no_choice_is_a_form_error() -> None:
    learner = make_user()
    card = make_card(learner, at=timezone.now() - timedelta(days=20))
    client = client_for(learner)
    token = shown_token(client.get("/today/").content.decode())
    response = client.post(f"/today/cards/{card.pk}/answer", {"shown": token})
    assert response.status_code == 400 and "Choose an answer." in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        pytest.param(5, 2, "on or after", id="to-before-from"),
        pytest.param(1, 95, "at most 90 days", id="too-long"),
    ],
)
def test_bad_hold_dates_are_a_form_error_and_nothing_is_saved(
    start: int, end: int, message: str
) -> None:
    today = timezone.localdate()
    response = client_for(make_user()).post(
        "/today/settings",
        {
            "hold_from": (today + timedelta(days=start)).isoformat(),
            "hold_to": (today + timedelta(days=end)).isoformat(),
        },
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not ReviewPreferences.objects.exists()


def test_saving_a_hold_and_the_digest_choice() -> None:
    learner = make_user()
    make_card(learner, at=timezone.now() - timedelta(days=20))
    today = timezone.localdate()
    client = client_for(learner)
    response = client.post(
        "/today/settings",
        {
            "hold_from": today.isoformat(),
            "hold_to": (today + timedelta(days=6)).isoformat(),
            "is_digest_wanted": "on",
        },
        follow=True,
    )
    assert "Review settings saved." in response.content.decode()
    assert "vacation hold until" in response.content.decode()
    preferences = ReviewPreferences.objects.get(learner=learner)
    assert preferences.is_digest_wanted and preferences.hold_to == today + timedelta(days=6)


def test_retention_page_lists_each_skill_with_its_estimate() -> None:
    learner = make_user()
    make_card(learner, skill=make_skill("Sterile field"))
    response = client_for(learner).get("/me/retention/")
    html = response.content.decode()
    assert response.status_code == 200 and "Sterile field" in html and "100%" in html
    assert Client().get("/me/retention/").status_code == 302


def test_a_planned_hold_is_shown_and_reviews_go_on_until_it_starts() -> None:
    learner = make_user()
    make_card(learner, at=timezone.now() - timedelta(days=20))
    today = timezone.localdate()
    client = client_for(learner)
    client.post(
        "/today/settings",
        {
            "hold_from": (today + timedelta(days=3)).isoformat(),
            "hold_to": (today + timedelta(days=8)).isoformat(),
        },
    )
    html = client.get("/today/").content.decode()
    assert "Vacation hold planned" in html and 'name="shown"' in html
