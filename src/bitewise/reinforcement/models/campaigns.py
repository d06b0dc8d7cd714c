from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from bitewise.engines.campaigns import MAX_OFFSET_DAYS, MIN_OFFSET_DAYS, StepOffset
from bitewise.engines.insight.sampling import MAX_HOLDOUT_PERCENT
from bitewise.reinforcement.models.events import Event


class Campaign(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="campaigns")
    title = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    # A random share of registrants (a hash of campaign and learner) gets none of the steps:
    # the control group the insight lift report compares reinforced learners with. Fixed
    # once the first step was planned, so nobody moves between groups.
    holdout_percent = models.PositiveSmallIntegerField(
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_HOLDOUT_PERCENT)],
        help_text="Percent of registrants held back as a control group (0 to 50)",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class StepKind(models.TextChoices):
    LESSON = "lesson", "Micro-lesson"
    QUESTION = "question", "Quiz question"
    MESSAGE = "message", "Short message"


class Step(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="steps")
    offset_days = models.SmallIntegerField(
        validators=[MinValueValidator(MIN_OFFSET_DAYS), MaxValueValidator(MAX_OFFSET_DAYS)]
    )
    offset_hours = models.SmallIntegerField(
        default=0, validators=[MinValueValidator(-23), MaxValueValidator(23)]
    )
    kind = models.CharField(max_length=8, choices=StepKind.choices)
    subject = models.CharField(max_length=200)
    message = models.TextField(blank=True)
    lesson = models.ForeignKey(
        "catalog.Lesson", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    question = models.ForeignKey(
        "catalog.Question", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["offset_days", "offset_hours", "pk"]

    def __str__(self) -> str:
        return f"{self.offset_label} · {self.subject}"

    @property
    def offset(self) -> StepOffset:
        return StepOffset(self.offset_days, self.offset_hours)

    @property
    def offset_label(self) -> str:
        parts = [f"{self.offset_days:+d} d"] if self.offset_days else []
        if self.offset_hours or not parts:
            parts.append(f"{self.offset_hours:+d} h")
        return " ".join(parts)
