"""One card's memory state and the FSRS-6 step from review to review.

Learners come once a day for a few minutes, so there are no same-day learning steps: every
rating schedules a whole number of days (at least one), and fuzzing is off so a schedule is
reproducible; the daily cap (load.py) spreads load instead of random fuzz.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State


@dataclass(frozen=True)
class Memory:
    """What FSRS knows about one card after its last review."""

    stability: float  # days until recall falls to 90 %
    difficulty: float  # 1 (easy) .. 10 (hard)
    due: datetime
    last_review: datetime
    reps: int = 1
    lapses: int = 0


@lru_cache(maxsize=16)
def scheduler(desired_retention: float) -> Scheduler:
    if not 0.5 <= desired_retention < 1:
        raise ValueError("desired retention must be in [0.5, 1)")
    return Scheduler(
        desired_retention=desired_retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("aware datetimes only")
    return at.astimezone(UTC)


def _memory(card: Card, *, reps: int, lapses: int) -> Memory:
    assert card.stability is not None and card.difficulty is not None
    assert card.last_review is not None
    return Memory(
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=reps,
        lapses=lapses,
    )


def first_review(*, rating: Rating, at: datetime, desired_retention: float = 0.9) -> Memory:
    """The memory after a card's first answer (the quiz answer it was made from)."""
    card, _ = scheduler(desired_retention).review_card(Card(card_id=0), rating, _utc(at))
    return _memory(card, reps=1, lapses=0)


def next_review(
    memory: Memory, *, rating: Rating, at: datetime, desired_retention: float = 0.9
) -> Memory:
    """The memory after one more review rated ``rating`` at ``at``."""
    card = Card(
        card_id=0,
        state=State.Review,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=memory.due,
        last_review=memory.last_review,
    )
    card, _ = scheduler(desired_retention).review_card(card, rating, _utc(at))
    return _memory(card, reps=memory.reps + 1, lapses=memory.lapses + (rating == Rating.Again))


def predicted_recall(
    *, stability: float, last_review: datetime, at: datetime, whole_days: bool = True
) -> float:
    """FSRS-6 retrievability R(t) = (1 + factor·t/S)^-decay, the probability of recalling
    the card at ``at``. Elapsed time counts in whole days, as in py-fsrs and the data its
    default parameters were fitted on (the replay benchmark scores it slightly better than
    counting fractions of a day)."""
    decay = -scheduler(0.9).parameters[20]
    factor: float = 0.9 ** (1 / decay) - 1
    seconds = (_utc(at) - _utc(last_review)).total_seconds()
    days = max(0.0, seconds // 86_400 if whole_days else seconds / 86_400)
    return float((1 + factor * days / max(stability, 1e-3)) ** decay)
