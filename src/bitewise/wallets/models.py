"""Wallet deliveries (VC-API exchanges) and the OB 3.0 API's registered clients."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from oauth2_provider.models import Application

from bitewise.credentials.models import IssuedCredential


class Exchange(models.Model):
    """One claim of one credential into a wallet: the learner starts it, the wallet asks for
    what to prove (a DIDAuth request with this challenge), then presents; it completes once.
    https://w3c-ccg.github.io/vc-api/#exchange-states"""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"  # made; no wallet has asked yet
        ACTIVE = "active", "Active"  # a wallet has the request
        COMPLETE = "complete", "Complete"

    # Random: the id is the capability a wallet holds (https://w3c-ccg.github.io/vc-api/#exchanges).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    credential = models.ForeignKey(IssuedCredential, on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    holder_did = models.CharField(max_length=300, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Exchange {self.pk} ({self.state})"


class RegisteredClient(models.Model):
    """What a backpack said about itself when it registered (OB 3.0 section 6.2.2); the
    OAuth client itself is django-oauth-toolkit's Application."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="+")
    client_uri = models.URLField(max_length=500)
    logo_uri = models.URLField(max_length=500, blank=True)
    tos_uri = models.URLField(max_length=500, blank=True)
    policy_uri = models.URLField(max_length=500, blank=True)
    software_id = models.CharField(max_length=200, blank=True)
    software_version = models.CharField(max_length=100, blank=True)
    scope = models.CharField(max_length=500)
    registered_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.application.name} ({self.client_uri})"
