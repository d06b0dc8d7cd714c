"""Personal API tokens: hashed, scoped and expiring."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from bitewise.accounts.models.users import User


class Scope(models.TextChoices):
    READ = "read", "Read (GET requests)"
    WRITE = "write", "Write (POST, PUT, DELETE requests)"
    STAFF = "staff", "Staff routes (staff accounts only)"


class ApiToken(models.Model):
    """A per-user bearer token; only its SHA-256 is stored, the secret is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    # Space-separated Scope values, e.g. "read write".
    scopes = models.CharField(max_length=40, default="read write")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    def has_scope(self, scope: str) -> bool:
        return scope in self.scope_list

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired
