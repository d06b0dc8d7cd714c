"""A vacation hold is bounded (at most a year ahead), refused with a message past it in the
web form and the API, and a hold stored before the bound existed harms nothing: the pages
render and the form clears it."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.accounts.services import api_token_create
from bitewise.reviews.models import ReviewPreferences
from bitewise.reviews.tests.factories import make_card
from bitewise.testing import make_user

pytestmark = pytest.mark.django_db

FAR = {"hold_from": "9999-12-01", "hold_to": "9999-12-31"}


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='t').secret}"}


def with_stored_far_hold() -> User:
    """A learner with a card and a hold dated 9999, as rows saved before the bound hold."""
    learner = make_user()
    make_card(learner)
    ReviewPreferences.objects.create(
        learner=learner, hold_from=date(9999, 12, 1), hold_to=date(9999, 12, 31)
    )
    return learner


@pytest.mark.parametrize(
    ("days_ahead", "length"),
    [pytest.param(366, 1, id="starts-past-a-year"), pytest.param(360, 10, id="ends-past-a-year")],
)
def test_a_hold_ending_more_than_a_year_ahead_is_refused_in_the_api(
    days_ahead: int, length: int
) -> None:
    learner = make_user()
    first = timezone.localdate() + timedelta(days=days_ahead)
    body = {"hold_from": str(first), "hold_to": str(first + timedelta(days=length - 1))}

    response = Client().put(
        "/api/me/reviews/preferences",
        data=json.dumps({**body, "is_digest_wanted": False}),
        content_type="application/json",
        headers=bearer(learner),
    )

    assert response.status_code == 422
    assert "at most a year ahead" in response.json()["detail"]
    assert not ReviewPreferences.objects.filter(learner=learner).exists()


def test_a_hold_a_year_ahead_at_most_is_kept() -> None:
    learner = make_user()
    last = timezone.localdate() + timedelta(days=365)
    body = {"hold_from": str(last - timedelta(days=6)), "hold_to": str(last)}

    response = Client().put(
        "/api/me/reviews/preferences",
        data=json.dumps({**body, "is_digest_wanted": False}),
        content_type="application/json",
        headers=bearer(learner),
    )

    assert response.status_code == 200
    assert ReviewPreferences.objects.get(learner=learner).hold_to == last


def test_the_web_form_refuses_a_hold_dated_9999_with_a_message() -> None:
    learner = make_user()
    client = Client()
    client.force_login(learner)

    response = client.post("/today/settings", FAR)

    assert response.status_code == 400
    assert "at most a year ahead" in response.content.decode()
    assert not ReviewPreferences.objects.filter(learner=learner).exists()


def test_a_stored_hold_dated_9999_leaves_today_and_the_review_api_working() -> None:
    learner = with_stored_far_hold()
    client = Client()
    client.force_login(learner)

    page = client.get("/today/")
    due = client.get("/api/me/reviews/due", headers=bearer(learner))
    preferences = client.get("/api/me/reviews/preferences", headers=bearer(learner))

    assert page.status_code == 200
    assert due.status_code == 200 and due.json()["is_on_hold"] is False
    assert due.json()["due_total"] == 0  # the card is new, not due: nothing is moved
    assert preferences.status_code == 200 and preferences.json()["is_on_hold"] is False


def test_the_web_form_clears_a_stored_hold_dated_9999() -> None:
    learner = with_stored_far_hold()
    client = Client()
    client.force_login(learner)

    response = client.post("/today/settings", {"hold_from": "", "hold_to": ""})

    assert response.status_code == 302
    preferences = ReviewPreferences.objects.get(learner=learner)
    assert preferences.hold_from is None and preferences.hold_to is None
