"""A staff upload that awards one achievement to every email address in a CSV file."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from bitewise.catalog.models import MicroCredential, Pathway


class BulkAward(models.Model):
    """One upload, run as a background job. Rows are processed in file order, a batch per
    transaction, so ``processed`` is also the resume point when the job runs again."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Outcome(models.TextChoices):
        INVALID = "invalid", "Invalid email"
        DUPLICATE = "duplicate", "Duplicate"
        ALREADY_HELD = "already_held", "Already held"
        REFUSED = "refused", "Refused"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    micro_credential = models.ForeignKey(
        MicroCredential, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pathway = models.ForeignKey(
        Pathway, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    source = models.TextField(help_text="The uploaded CSV, decoded; parsed again on each run")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    awarded = models.PositiveIntegerField(default=0)
    accounts_created = models.PositiveIntegerField(default=0)
    already_held = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    # Rows not awarded, in file order: {"row": n, "email": str, "outcome": str, "reason": str}.
    report = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Written when a run starts and after each batch commits: a running job whose heartbeat
    # is old lost its worker, and the scheduler queues it again.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(micro_credential__isnull=False, pathway__isnull=True)
                | Q(micro_credential__isnull=True, pathway__isnull=False),
                name="bulk_award_is_for_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"Bulk award #{self.pk}: {self.achievement_title}"

    @property
    def kind(self) -> str:
        return "micro_credential" if self.micro_credential_id else "pathway"

    @property
    def achievement_title(self) -> str:
        achievement = self.micro_credential or self.pathway
        return achievement.title if achievement else ""

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.processed * 100 // self.total

    @property
    def report_entries(self) -> list[dict[str, Any]]:
        labels = dict(self.Outcome.choices)
        return [{**entry, "label": labels.get(entry["outcome"], "")} for entry in self.report]
