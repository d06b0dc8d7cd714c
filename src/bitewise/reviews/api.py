"""Reviews API: the caller's due cards, answering one, retention per skill. Every route
acts on the caller's own cards only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from bitewise.accounts.access import request_user
from bitewise.accounts.api_auth import AUTH, Error
from bitewise.reviews import selectors
from bitewise.reviews.errors import ReviewError
from bitewise.reviews.models import ReviewPreferences
from bitewise.reviews.schemas import (
    DueOut,
    PreferencesIn,
    PreferencesOut,
    RetentionOut,
    ReviewIn,
    ReviewOut,
)
from bitewise.reviews.services.cards import card_review, cards_sync
from bitewise.reviews.services.preferences import preferences_update

router = Router(tags=["reviews"], auth=AUTH)


@router.get("/me/reviews/due", response=DueOut)
def reviews_due(request: HttpRequest) -> Any:
    """Today's reviews, lowest predicted recall first, at most the daily cap."""
    learner = request_user(request)
    cards_sync(learner=learner)
    now = timezone.now()
    queue = selectors.review_queue(learner=learner, now=now)
    return {
        "left_today": queue.left_today,
        "done_today": queue.done_today,
        "due_total": queue.due_total,
        "later": queue.later,
        "is_on_hold": queue.is_on_hold,
        "cards": [
            {
                "id": card.pk,
                "question_id": card.question_id,
                "prompt": card.question.prompt,
                "kind": card.question.kind,
                "choices": [{"id": c.pk, "text": c.text} for c in card.question.choices.all()],
                "due_at": card.due_at,
                "predicted_recall": selectors.recall_of(card, now),
            }
            for card in queue.cards
        ],
    }


def _preferences(preferences: ReviewPreferences) -> dict[str, Any]:
    hold = selectors.hold_of(preferences)
    return {
        "hold_from": preferences.hold_from,
        "hold_to": preferences.hold_to,
        "is_digest_wanted": preferences.is_digest_wanted,
        "is_on_hold": bool(hold and hold.is_active(timezone.now())),
    }


@router.get("/me/reviews/preferences", response=PreferencesOut)
def preferences_read(request: HttpRequest) -> Any:
    """The caller's vacation hold and digest choice."""
    return _preferences(selectors.preferences_of(request_user(request)))


@router.put("/me/reviews/preferences", response={200: PreferencesOut, 422: Error})
def preferences_write(request: HttpRequest, payload: PreferencesIn) -> Any:
    """Set or clear the vacation hold (both dates, or neither) and the digest choice."""
    try:
        preferences = preferences_update(learner=request_user(request), **payload.dict())
    except ReviewError as exc:
        raise HttpError(422, str(exc)) from exc
    return _preferences(preferences)


@router.post("/me/reviews/{card_id}", response={200: ReviewOut, 400: Error, 404: Error})
def review(request: HttpRequest, card_id: int, payload: ReviewIn) -> Any:
    """Answer a due card; the response time comes from the client here (the web page
    measures it on the server)."""
    learner = request_user(request)
    card = selectors.access_card(learner=learner, card_id=card_id)
    try:
        result = card_review(
            card=card, choice_ids=payload.choice_ids, response_ms=payload.response_ms
        )
    except ReviewError as exc:
        raise HttpError(exc.status_code, str(exc)) from exc
    cards_sync(learner=learner)
    choices = result.card.question.choices.all()
    return {
        "card_id": result.card.pk,
        "is_correct": result.is_correct,
        "rating": result.rating,
        "correct_choice_ids": result.correct_choice_ids,
        "explanations": [
            {"choice_id": c.pk, "is_correct": c.is_correct, "explanation": c.explanation}
            for c in choices
        ],
        "predicted_recall": result.predicted_recall,
        "next_due_at": result.next_due_at,
    }


@router.get("/me/retention", response=list[RetentionOut])
def retention(request: HttpRequest) -> Any:
    """Per skill: the mean predicted recall, now, of the caller's cards on it."""
    learner = request_user(request)
    cards_sync(learner=learner)
    return [
        {"skill_id": r.skill_id, "skill": r.name, "cards": r.cards, "retention": r.retention}
        for r in selectors.retention_for_learner(learner=learner)
    ]
