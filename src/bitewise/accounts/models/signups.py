"""A sign-up waiting for its email address to be confirmed."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class SignupRequest(models.Model):
    """The account is made only when the link mailed to ``email`` is followed, so the
    sign-up page answers the same whether or not the address already has an account."""

    email = models.EmailField()
    display_name = models.CharField(max_length=120, blank=True)
    password = models.CharField(max_length=128)  # a hash, as in User.password
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} ({self.created_at:%Y-%m-%d %H:%M})"
