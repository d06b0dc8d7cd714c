"""Replay a review log through the scheduler and score its recall predictions.

For every review after a card's first, the model predicts recall before it sees the
outcome (recalled = any rating but Again), then learns from the review. Scores: log loss,
AUC and RMSE over 20 equal-width probability bins, for FSRS and for a baseline that
predicts the running mean recall rate of the reviews scored so far.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bitewise.engines.spacing.memory import Memory, first_review, next_review, predicted_recall
from bitewise.engines.spacing.rating import Rating

EPSILON = 1e-6


@dataclass(frozen=True)
class LoggedReview:
    card_id: str
    rating: Rating
    at: datetime


@dataclass
class Predictions:
    outcomes: list[int] = field(default_factory=list)
    fsrs: list[float] = field(default_factory=list)
    fsrs_fractional: list[float] = field(default_factory=list)
    same_day: list[bool] = field(default_factory=list)
    reviews: int = 0
    cards: int = 0


def read_log(path: Path) -> list[LoggedReview]:
    """``card_id,review_rating,review_time,review_duration`` rows, oldest first."""
    with path.open(newline="") as handle:
        rows = [
            LoggedReview(
                card_id=row["card_id"],
                rating=Rating(int(row["review_rating"])),
                at=datetime.fromisoformat(row["review_time"]),
            )
            for row in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda review: review.at)


def replay(reviews: Iterable[LoggedReview]) -> Predictions:
    """Predict each later review's outcome, in time order across all cards."""
    result = Predictions()
    memories: dict[str, Memory] = {}
    for review in reviews:
        result.reviews += 1
        memory = memories.get(review.card_id)
        if memory is None:
            memories[review.card_id] = first_review(rating=review.rating, at=review.at)
            continue
        outcome = int(review.rating != Rating.Again)
        for whole_days, predictions in ((True, result.fsrs), (False, result.fsrs_fractional)):
            predictions.append(
                predicted_recall(
                    stability=memory.stability,
                    last_review=memory.last_review,
                    at=review.at,
                    whole_days=whole_days,
                )
            )
        result.same_day.append((review.at - memory.last_review).total_seconds() < 86_400)
        result.outcomes.append(outcome)
        memories[review.card_id] = next_review(memory, rating=review.rating, at=review.at)
    result.cards = len(memories)
    return result


def running_mean(outcomes: Sequence[int]) -> list[float]:
    """The baseline: before each outcome, the recall rate of those before it (Laplace
    smoothed, so 0.5 at the start)."""
    predicted: list[float] = []
    recalled = 0
    for seen, outcome in enumerate(outcomes):
        predicted.append((recalled + 1) / (seen + 2))
        recalled += outcome
    return predicted


@dataclass(frozen=True)
class Score:
    reviews: int
    recall_rate: float
    log_loss: float
    auc: float
    rmse_bins: float


def score(outcomes: Sequence[int], predicted: Sequence[float]) -> Score:
    return Score(
        reviews=len(outcomes),
        recall_rate=sum(outcomes) / len(outcomes),
        log_loss=log_loss(outcomes, predicted),
        auc=auc(outcomes, predicted),
        rmse_bins=rmse_bins(outcomes, predicted),
    )


def log_loss(outcomes: Sequence[int], predicted: Sequence[float]) -> float:
    total = 0.0
    for y, p in zip(outcomes, predicted, strict=True):
        p = min(max(p, EPSILON), 1 - EPSILON)
        total -= math.log(p) if y else math.log(1 - p)
    return total / len(outcomes)


def auc(outcomes: Sequence[int], predicted: Sequence[float]) -> float:
    """Area under the ROC curve as the Mann-Whitney U statistic, ties counted half."""
    positives = sum(outcomes)
    negatives = len(outcomes) - positives
    if not positives or not negatives:
        raise ValueError("AUC needs both outcomes")
    rank_sum = 0.0
    for rank, group in _tied_ranks(sorted(zip(predicted, outcomes, strict=True))):
        rank_sum += rank * sum(y for _, y in group)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def _tied_ranks(
    ordered: Sequence[tuple[float, int]],
) -> Iterator[tuple[float, Sequence[tuple[float, int]]]]:
    i = 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and ordered[j][0] == ordered[i][0]:
            j += 1
        yield (i + 1 + j) / 2, ordered[i:j]  # the mean of ranks i+1 .. j
        i = j


def rmse_bins(outcomes: Sequence[int], predicted: Sequence[float], *, bins: int = 20) -> float:
    """Calibration: RMSE between mean prediction and mean outcome per bin, weighted by size."""
    sums: dict[int, list[float]] = {}
    for y, p in zip(outcomes, predicted, strict=True):
        cell = sums.setdefault(min(int(p * bins), bins - 1), [0.0, 0.0, 0.0])
        cell[0] += p
        cell[1] += y
        cell[2] += 1
    squared = sum((p - y) ** 2 / n for p, y, n in sums.values())
    return math.sqrt(squared / len(outcomes))
