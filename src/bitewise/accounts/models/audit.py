"""The audit log: staff reads of learners' personal data, staff security actions, and every
change to memberships, access and money."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from bitewise.accounts.models.users import User


class AuditAction(models.TextChoices):
    PERSONAL_DATA_READ = "personal_data_read", "Read learners' personal data"
    LOCK_CLEARED = "lock_cleared", "Cleared a lockout"
    ACCESS_CHANGED = "access_changed", "Changed a membership, seat or access"
    MONEY_CHANGED = "money_changed", "Changed a price, plan, order or refund"


class AuditEntry(models.Model):
    """Who did what to which list or record, and when. Rows are only ever added."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.EmailField(blank=True)  # kept when the account is deleted
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    # What was read or changed: "credentials.list", "admin:accounts.user", "webinar:<id>:people".
    target = models.CharField(max_length=200)
    record = models.CharField(max_length=100, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    address = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.target}"
