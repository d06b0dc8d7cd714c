"""Attempt counters behind throttling and lockouts (decision record 0005)."""

from __future__ import annotations

from django.db import models


class ThrottleKind(models.TextChoices):
    ACCOUNT = "account", "Account"
    ADDRESS = "address", "Client address"


class Throttle(models.Model):
    """Attempts of one kind (``rule``) by one account or from one client address within
    the current window, and the lock they earned once there were too many."""

    rule = models.CharField(max_length=32)
    kind = models.CharField(max_length=8, choices=ThrottleKind.choices)
    # A lower-cased email, "user:<id>", or a client address (an IPv6 address as its /64).
    subject = models.CharField(max_length=300)
    count = models.PositiveIntegerField(default=0)
    window_ends_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the one-time link emailed to the account holder when a log-in lock starts.
    unlock_hash = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rule", "kind", "subject"], name="one_throttle_each")
        ]
        indexes = [models.Index(fields=["window_ends_at"], name="throttle_window_ends")]

    def __str__(self) -> str:
        return f"{self.rule} · {self.get_kind_display()} {self.subject}"
