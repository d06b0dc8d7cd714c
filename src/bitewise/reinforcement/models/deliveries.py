"""The outbox: one row per (learner, step), claimed atomically before anything is sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bitewise.reinforcement.models.campaigns import Step


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    IN_APP = "in_app", "In-app only"


class DeliveryState(models.TextChoices):
    PLANNED = "planned", "Planned"
    SENDING = "sending", "Sending"  # claimed by a worker
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Skipped"  # unsubscribed, email off, bouncing address
    FAILED = "failed", "Failed"


class Delivery(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    due_at = models.DateTimeField()
    state = models.CharField(
        max_length=8, choices=DeliveryState.choices, default=DeliveryState.PLANNED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    dispatched_at = models.DateTimeField(null=True, blank=True)  # a send task was queued
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Committed just before the message goes to the SMTP server: a claim that went stale
    # without it was never handed over and is safe to send again; one with it is not.
    handed_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)  # the same on every attempt
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "step"], name="one_delivery_per_step")
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["learner", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.step} · {self.state}"
