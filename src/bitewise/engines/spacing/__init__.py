"""Spaced retrieval with FSRS (https://github.com/open-spaced-repetition/py-fsrs): rating a
quiz answer, scheduling the next review, predicted recall, the daily load cap with backlog
spreading, the vacation hold and retention per skill. Plain values in and out."""

from bitewise.engines.spacing.hold import (
    MAX_HOLD_AHEAD_DAYS,
    MAX_HOLD_DAYS,
    Hold,
    hold_problem,
    is_hold_in_bounds,
)
from bitewise.engines.spacing.load import DueItem, spread
from bitewise.engines.spacing.memory import Memory, first_review, next_review, predicted_recall
from bitewise.engines.spacing.rating import FAST_MS, SLOW_MS, Rating, rating_for
from bitewise.engines.spacing.retention import SkillRetention, retention_by_skill

__all__ = [
    "FAST_MS",
    "MAX_HOLD_AHEAD_DAYS",
    "MAX_HOLD_DAYS",
    "SLOW_MS",
    "DueItem",
    "Hold",
    "Memory",
    "Rating",
    "SkillRetention",
    "first_review",
    "hold_problem",
    "is_hold_in_bounds",
    "next_review",
    "predicted_recall",
    "rating_for",
    "retention_by_skill",
    "spread",
]
