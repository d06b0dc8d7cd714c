from __future__ import annotations

from django.conf import settings
from django.db import models

from bitewise.catalog.models import Question


class ReviewCard(models.Model):
    """One learner's memory of one quiz question, scheduled with FSRS (engines.spacing)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="review_cards")
    stability = models.FloatField()
    difficulty = models.FloatField()
    reps = models.PositiveIntegerField(default=1)
    lapses = models.PositiveIntegerField(default=0)
    due_at = models.DateTimeField()
    last_review_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "question"], name="one_review_card_each")
        ]
        indexes = [models.Index(fields=["learner", "due_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.question}"


class ReviewRating(models.IntegerChoices):
    AGAIN = 1, "Again"
    HARD = 2, "Hard"
    GOOD = 3, "Good"
    EASY = 4, "Easy"


class ReviewLog(models.Model):
    """A review done from Today or the API (the quiz answer a card starts from is the
    learning app's QuestionAnswer)."""

    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="logs")
    # The learner again, so "reviews done today" is one indexed count.
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs"
    )
    rating = models.PositiveSmallIntegerField(choices=ReviewRating.choices)
    is_correct = models.BooleanField()
    choice_ids = models.JSONField()
    response_ms = models.PositiveIntegerField()
    # What FSRS predicted just before the answer: scored later by insight and benchmarks.
    predicted_recall = models.FloatField()
    reviewed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["learner", "reviewed_at"])]
        ordering = ["reviewed_at", "pk"]
