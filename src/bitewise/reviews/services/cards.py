"""Review cards: made from quiz answers, then reviewed from Today or the API."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models import Choice, QuestionKind
from bitewise.engines.spacing import Memory, first_review, next_review, rating_for
from bitewise.integrations.services import learning_records
from bitewise.learning.models import QuestionAnswer
from bitewise.learning.services import is_answer_correct
from bitewise.reviews import selectors
from bitewise.reviews.errors import ReviewError
from bitewise.reviews.models import ReviewCard, ReviewLog

# Longer than this between showing a card and the answer: the learner walked away, and the
# time says nothing about recall (it still rates "Hard" rather than nothing).
MAX_RESPONSE_MS = 10 * 60 * 1000


@dataclass(frozen=True)
class ReviewResult:
    card: ReviewCard
    is_correct: bool
    rating: int
    chosen_ids: list[int]
    correct_choice_ids: list[int]
    explanations: dict[int, str]
    predicted_recall: float  # before the answer
    next_due_at: datetime


@transaction.atomic
def cards_sync(*, learner: User) -> int:
    """Make a card for each question the learner has answered and has no card for, rated
    from that first answer. Idempotent: one read and one insert; returns how many."""
    retention = settings.BITEWISE_DESIRED_RETENTION
    has_card = ReviewCard.objects.filter(learner=learner, question=OuterRef("question"))
    answers = (
        QuestionAnswer.objects.filter(learner=learner)
        .filter(~Exists(has_card))
        .values_list("question_id", "is_correct", "response_ms", "answered_at")
    )
    cards = []
    for question_id, is_correct, response_ms, answered_at in answers:
        rating = rating_for(is_correct=is_correct, response_ms=response_ms)
        memory = first_review(rating=rating, at=answered_at, desired_retention=retention)
        cards.append(
            ReviewCard(
                learner=learner,
                question_id=question_id,
                stability=memory.stability,
                difficulty=memory.difficulty,
                due_at=memory.due,
                last_review_at=memory.last_review,
            )
        )
    # A concurrent sync made the same cards: the unique constraint keeps one of each.
    ReviewCard.objects.bulk_create(cards, ignore_conflicts=True)
    return len(cards)


def _grade(question_kind: str, choices: list[Choice], chosen: set[int]) -> bool:
    if not chosen:
        raise ReviewError("Choose an answer.")
    if not chosen <= {c.pk for c in choices}:
        raise ReviewError("That choice does not belong to this question.")
    if question_kind != QuestionKind.MULTIPLE and len(chosen) != 1:
        raise ReviewError("Choose exactly one answer.")
    return is_answer_correct(question_kind, chosen, {c.pk for c in choices if c.is_correct})


@transaction.atomic
def card_review(
    *,
    card: ReviewCard,
    choice_ids: Sequence[int],
    response_ms: int,
    now: datetime | None = None,
) -> ReviewResult:
    """Grade an answer to a due card, log it and schedule the next review with FSRS.

    Refuses a card that is not due (or is held), and any review past the daily cap."""
    now = now or timezone.now()
    card = ReviewCard.objects.select_for_update().select_related("question").get(pk=card.pk)
    hold = selectors.hold_of(selectors.preferences_of(card.learner), today=timezone.localdate(now))
    if not selectors.is_card_due(card, hold=hold, now=now):
        raise ReviewError("This card is not due for review yet.")
    if selectors.reviews_done_today(card.learner, now) >= settings.BITEWISE_REVIEWS_PER_DAY:
        raise ReviewError("That is today's reviews done. The rest wait for tomorrow.")
    if response_ms < 0:
        raise ReviewError("The response time cannot be negative.")
    choices = list(card.question.choices.all())
    chosen = set(choice_ids)
    is_correct = _grade(card.question.kind, choices, chosen)
    response_ms = min(response_ms, MAX_RESPONSE_MS)
    rating = rating_for(is_correct=is_correct, response_ms=response_ms)
    recall = selectors.recall_of(card, now)
    memory = next_review(
        Memory(
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due_at,
            last_review=card.last_review_at,
            reps=card.reps,
            lapses=card.lapses,
        ),
        rating=rating,
        at=now,
        desired_retention=settings.BITEWISE_DESIRED_RETENTION,
    )
    card.stability, card.difficulty = memory.stability, memory.difficulty
    card.reps, card.lapses = memory.reps, memory.lapses
    card.due_at, card.last_review_at = memory.due, memory.last_review
    card.save(
        update_fields=["stability", "difficulty", "reps", "lapses", "due_at", "last_review_at"]
    )
    log = ReviewLog.objects.create(
        card=card,
        learner=card.learner,
        rating=int(rating),
        is_correct=is_correct,
        choice_ids=sorted(chosen),
        response_ms=response_ms,
        predicted_recall=recall,
        reviewed_at=now,
    )
    learning_records.review_done(log=log)
    return ReviewResult(
        card=card,
        is_correct=is_correct,
        rating=int(rating),
        chosen_ids=sorted(chosen),
        correct_choice_ids=sorted(c.pk for c in choices if c.is_correct),
        explanations={c.pk: c.explanation for c in choices},
        predicted_recall=recall,
        next_due_at=memory.due,
    )
