"""Frozen values other apps receive from reviews."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecallItem:
    """A question the learner has met, with FSRS's predicted recall of it now (0..1)."""

    question_id: int
    lesson_id: int
    prompt: str
    predicted_recall: float
