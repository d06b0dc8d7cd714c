"""Awards: a micro-credential or pathway held, recorded exactly once; its email."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bitewise.catalog.models import MicroCredential, MicroCredentialVersion, Pathway


class Award(models.Model):
    """A learner holds a micro-credential or a pathway: recorded exactly once."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="awards"
    )
    micro_credential = models.ForeignKey(
        MicroCredential, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    micro_credential_version = models.ForeignKey(
        MicroCredentialVersion, null=True, blank=True, on_delete=models.PROTECT
    )
    pathway = models.ForeignKey(
        Pathway, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    # What was earned, frozen at award time (title, version, lessons, skills, credits, score).
    snapshot = models.JSONField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-awarded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "micro_credential"],
                condition=Q(micro_credential__isnull=False),
                name="unique_micro_credential_award",
            ),
            models.UniqueConstraint(
                fields=["learner", "pathway"],
                condition=Q(pathway__isnull=False),
                name="unique_pathway_award",
            ),
            models.CheckConstraint(
                condition=Q(micro_credential__isnull=False, pathway__isnull=True)
                | Q(micro_credential__isnull=True, pathway__isnull=False),
                name="award_is_for_one_thing",
            ),
        ]

    @property
    def title(self) -> str:
        return str(self.snapshot.get("title", ""))


class AwardEmail(models.Model):
    """The "you earned it" email for one award. The unique award is the "once"; the state
    is the claim, as for the reinforcement outbox (decision record 0003)."""

    award = models.OneToOneField(Award, on_delete=models.CASCADE, related_name="email")
    state = models.CharField(max_length=8, default="planned")  # DeliveryState values
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)  # after a failure that may pass
    dispatched_at = models.DateTimeField(null=True, blank=True)  # a send task was queued
    claimed_at = models.DateTimeField(null=True, blank=True)
    handed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["state", "retry_at"])]

    def __str__(self) -> str:
        return f"{self.award_id} · {self.state}"
