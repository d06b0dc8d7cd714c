"""Issued Open Badges 3.0 credentials."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from bitewise.credentials.models.issuers import Issuer, SigningKey
from bitewise.credentials.models.status import StatusList
from bitewise.learning.models import Award


class IssuedCredential(models.Model):
    """The signed credential for one award (a micro-credential or a pathway) or for one CE
    credit (a micro-webinar's), issued exactly once (unique award, unique ce_credit_id)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    award = models.OneToOneField(
        Award, null=True, blank=True, on_delete=models.PROTECT, related_name="credential"
    )
    # The CE credit (webinars.CreditAward) this credential certifies. A plain id, not a
    # foreign key: the webinars app builds on this one, not the other way round.
    ce_credit_id = models.UUIDField(null=True, blank=True, unique=True)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credentials"
    )
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="credentials")
    signing_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    document = models.JSONField()
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="entries")
    status_index = models.PositiveIntegerField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A pathway credential whose component was revoked waits for a staff decision.
    needs_review = models.BooleanField(default=False)
    review_reason = models.CharField(max_length=500, blank=True)
    is_hidden = models.BooleanField(default=False)
    shows_name = models.BooleanField(default=True)
    # The public page's last verification, kept until something it depends on changes
    # (services/checking.py says what).
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    check_result = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="unique_status_entry"
            ),
            models.CheckConstraint(
                condition=Q(award__isnull=False, ce_credit_id__isnull=True)
                | Q(award__isnull=True, ce_credit_id__isnull=False),
                name="credential_is_for_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.learner}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def kind(self) -> str:
        """micro_credential, pathway or ce_credit."""
        if self.award_id is None:
            return "ce_credit"
        assert self.award is not None
        return "micro_credential" if self.award.micro_credential_id else "pathway"


class CredentialStatusChange(models.Model):
    """The audit record of every revocation and reinstatement: who, when, why."""

    class Action(models.TextChoices):
        REVOKED = "revoked", "Revoked"
        REINSTATED = "reinstated", "Reinstated"

    credential = models.ForeignKey(
        IssuedCredential, on_delete=models.PROTECT, related_name="status_changes"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    reason = models.CharField(max_length=500)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.credential_id} {self.action} {self.at:%Y-%m-%d}"
