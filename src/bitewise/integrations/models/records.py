"""xAPI statements waiting for, or delivered to, the association's LRS."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OutboxState(models.TextChoices):
    PENDING = "pending", "Pending"  # to send, now or at retry_at
    SENDING = "sending", "Sending"  # claimed by a worker
    SENT = "sent", "Sent"
    REJECTED = "rejected", "Rejected"  # the peer refused it as invalid: retrying cannot help
    FAILED = "failed", "Failed"  # gave up after the last retry


class LearningRecord(models.Model):
    """One xAPI statement in the outbox. Written in the same transaction as what it
    records; the unique statement id is the "once", here and in the LRS (PUT by id)."""

    statement_id = models.UUIDField(unique=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_records"
    )
    verb = models.CharField(max_length=200)
    statement = models.JSONField()
    state = models.CharField(max_length=8, choices=OutboxState.choices, default=OutboxState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)  # a send task was queued
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["state", "retry_at"])]

    def __str__(self) -> str:
        return f"{self.statement_id} · {self.state}"
