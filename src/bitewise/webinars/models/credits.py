"""CE credit earned, with the evidence it was computed from."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from bitewise.webinars.models.programs import Series
from bitewise.webinars.models.webinars import Webinar


class CreditMode(models.TextChoices):
    LIVE = "live", "Live session"
    SELF_STUDY = "self_study", "Recording (self-study)"
    SERIES = "series", "Series"


class CreditAward(models.Model):
    """Credit a learner earned for a session, its recording, or a series. ``evidence`` is
    the audit record (rule and version, attendance intervals, check answers, assessment
    score, every step of the arithmetic). The id is the certificate's public id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credit_awards"
    )
    mode = models.CharField(max_length=12, choices=CreditMode.choices)
    webinar = models.ForeignKey(
        Webinar, null=True, blank=True, on_delete=models.PROTECT, related_name="credit_awards"
    )
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.PROTECT, related_name="credit_awards"
    )
    title = models.CharField(max_length=200)
    activity_date = models.DateField()
    program_code = models.CharField(max_length=60)
    rule_version = models.PositiveIntegerField()
    credit = models.DecimalField(max_digits=6, decimal_places=2)
    unit = models.CharField(max_length=80)
    credit_type = models.CharField(max_length=120, blank=True)
    delivery_method = models.CharField(max_length=80, blank=True)
    provider_name = models.CharField(max_length=200)
    approver_statement = models.TextField(blank=True)
    evidence = models.JSONField()
    awarded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-activity_date", "-awarded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "webinar", "mode"],
                condition=Q(webinar__isnull=False),
                name="one_credit_per_session_mode",
            ),
            models.UniqueConstraint(
                fields=["learner", "series"],
                condition=Q(series__isnull=False),
                name="one_credit_per_series",
            ),
            models.CheckConstraint(
                condition=Q(webinar__isnull=False) | Q(series__isnull=False),
                name="credit_is_for_something",
            ),
        ]
