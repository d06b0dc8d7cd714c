"""Who signed in through which identity provider, and what it last said about them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class SsoLink(models.Model):
    """A person's account tied to one identity at one provider (by the OpenID Connect
    ``sub`` or the SAML persistent NameID), made on first sign-in by verified email."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_links"
    )
    provider = models.CharField(max_length=64, help_text="The provider's slug in the SSO config.")
    subject = models.CharField(max_length=255, help_text="The person's id at the provider.")
    email = models.EmailField(help_text="The verified email address the link was made with.")
    linked_at = models.DateTimeField(default=timezone.now)
    last_sign_in_at = models.DateTimeField(default=timezone.now)
    last_claims = models.JSONField(
        default=dict, help_text="Every claim or attribute received at the last sign-in."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="sso_link_one_per_subject"
            ),
            models.UniqueConstraint(fields=["provider", "user"], name="sso_link_one_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.subject}"
