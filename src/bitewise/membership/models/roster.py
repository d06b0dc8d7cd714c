"""One roster import (a staff CSV upload or an API call) and its per-row report."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class RosterImport(models.Model):
    class Outcome(models.TextChoices):
        CREATED = "created", "Membership created"
        UPDATED = "updated", "Membership updated"
        UNCHANGED = "unchanged", "Already up to date"
        EXPIRED = "expired", "Membership expired"
        REFUSED = "refused", "Refused"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=8)  # "csv" or "api"
    filename = models.CharField(max_length=255, blank=True)
    total = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)  # outcome -> rows
    # Every row in file order: {"row", "member_id", "email", "outcome", "reason"}.
    report = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Roster import #{self.pk} ({self.total} rows)"

    @property
    def count_entries(self) -> list[tuple[str, int]]:
        labels = dict(self.Outcome.choices)
        return [(labels.get(outcome, outcome), n) for outcome, n in self.counts.items()]

    @property
    def report_entries(self) -> list[dict[str, Any]]:
        labels = dict(self.Outcome.choices)
        return [{**entry, "label": labels.get(entry["outcome"], "")} for entry in self.report]
