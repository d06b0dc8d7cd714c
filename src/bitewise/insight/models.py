"""Delayed retention checks, anonymous credential activity counters and stored rollups."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RetentionCheck(models.Model):
    """An answered quiz item asked again, unscored, ``delay_days`` after it was first
    answered (7, 30 or 90; engines.insight.sampling picks which items and when). The FSRS
    recall predicted for the moment of the answer is kept beside the outcome."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retention_checks"
    )
    question = models.ForeignKey(
        "catalog.Question", on_delete=models.CASCADE, related_name="retention_checks"
    )
    delay_days = models.PositiveSmallIntegerField()
    learned_at = models.DateTimeField()  # the first graded answer
    # In the learner's zone, out of their quiet hours (engines.campaigns.step_due_at).
    due_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    is_correct = models.BooleanField(null=True, blank=True)
    choice_ids = models.JSONField(null=True, blank=True)
    predicted_recall = models.FloatField(null=True, blank=True)  # None: no review card
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "question"], name="one_check_per_item")
        ]
        indexes = [
            models.Index(fields=["learner", "answered_at", "due_at"]),
            models.Index(fields=["answered_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.question_id} · +{self.delay_days} d"


class ActivityKind(models.TextChoices):
    PAGE_VIEW = "view", "Public page views"
    DOWNLOAD = "download", "Downloads"
    LINKEDIN = "linkedin", "LinkedIn clicks"
    VERIFICATION = "verify", "Verifications (API)"


class CredentialActivity(models.Model):
    """How often credentials were looked at, per day and kind: a counter, with nothing
    about who looked (no address, no account, no credential id)."""

    day = models.DateField()
    kind = models.CharField(max_length=8, choices=ActivityKind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "kind"], name="one_activity_counter_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.kind} · {self.count}"


class Rollup(models.Model):
    """A stored aggregate that would be slow to compute per request (item analysis over
    every answer, the retention curve over every check). ``source_mark`` says what it was
    computed from (row count and newest id); the scheduler recomputes it only when that
    changed."""

    name = models.CharField(max_length=80, unique=True)
    payload = models.JSONField()
    source_mark = models.CharField(max_length=80)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class CounterFlush(models.Model):
    """How far counters kept in the cache were added to the database: the last minute
    (seconds since the epoch // 60) flushed. Moved by a conditional UPDATE, so a minute is
    added once however many schedulers run (insight.services.counters)."""

    name = models.CharField(max_length=40, unique=True)
    slot = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name} · {self.slot}"
