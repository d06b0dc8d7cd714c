"""Request and response shapes of the reviews API."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from bitewise.reviews.services.cards import MAX_RESPONSE_MS


class ReviewChoiceOut(Schema):
    id: int
    text: str


class DueCardOut(Schema):
    id: int
    question_id: int
    prompt: str
    kind: str = Field(..., description="single, multiple or true_false")
    choices: list[ReviewChoiceOut]
    due_at: datetime
    predicted_recall: float = Field(..., description="0..1, now")


class DueOut(Schema):
    left_today: int = Field(..., description="Cards offered today (the daily cap applied)")
    done_today: int
    due_total: int = Field(..., description="All due cards, the backlog included")
    later: dict[date, int] = Field(..., description="The backlog spread over the next days")
    is_on_hold: bool
    cards: list[DueCardOut]


class ReviewIn(Schema):
    choice_ids: list[int] = Field(..., min_length=1)
    response_ms: int = Field(
        ..., ge=0, le=24 * 3600 * 1000, description=f"Capped at {MAX_RESPONSE_MS} when rated"
    )


class ExplanationOut(Schema):
    choice_id: int
    is_correct: bool
    explanation: str


class ReviewOut(Schema):
    card_id: int
    is_correct: bool
    rating: int = Field(..., description="FSRS rating: 1 Again, 2 Hard, 3 Good, 4 Easy")
    correct_choice_ids: list[int]
    explanations: list[ExplanationOut]
    predicted_recall: float = Field(..., description="Before this answer")
    next_due_at: datetime


class RetentionOut(Schema):
    skill_id: int
    skill: str
    cards: int
    retention: float = Field(..., description="Mean predicted recall now, 0..1")


class PreferencesIn(Schema):
    hold_from: date | None = Field(None, description="First day of the vacation hold")
    hold_to: date | None = Field(None, description="Last day (inclusive); at most 90 days")
    is_digest_wanted: bool = Field(..., description="A daily email when reviews are due")


class PreferencesOut(PreferencesIn):
    is_on_hold: bool
