"""LTI 1.3: the platforms (an association's Moodle, Canvas…) that launch Bitewise, the
accounts they link, and the scores we send back (Assignment and Grade Services)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bitewise.catalog.models import Lesson, MicroCredential
from bitewise.integrations.models.records import OutboxState


class LtiPlatform(models.Model):
    """A platform registration, as the platform's administrator gives it to staff."""

    name = models.CharField(max_length=120)
    issuer = models.URLField(max_length=255, help_text="The platform's issuer (iss).")
    client_id = models.CharField(max_length=255, help_text="The client id it gave Bitewise.")
    deployment_ids = models.JSONField(
        default=list, help_text="Deployment ids it may launch with (a list of strings)."
    )
    auth_login_url = models.URLField(
        max_length=500, help_text="The platform's OIDC authorization endpoint."
    )
    auth_token_url = models.URLField(
        max_length=500, help_text="The platform's OAuth 2.0 token endpoint (for grades)."
    )
    keyset_url = models.URLField(max_length=500, help_text="The platform's public JWKS URL.")
    asserts_verified_emails = models.BooleanField(
        "asserts verified emails",
        default=False,
        help_text=(
            "Trust the email address this platform sends as verified: a first launch makes "
            "the account with it, or links the existing learner account that has it. Leave "
            "off unless the platform verifies every user's address; then launches make "
            "accounts with a placeholder address and never touch an existing account."
        ),
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="unique_lti_client")
        ]

    def __str__(self) -> str:
        return self.name


class LtiAccount(models.Model):
    """A platform's user (its ``sub``) linked to a Bitewise account."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="accounts")
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_accounts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "subject"], name="unique_lti_subject")
        ]


class LtiNonce(models.Model):
    """A launch's nonce, kept so the same id_token can never launch twice."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=255)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["platform", "nonce"], name="unique_lti_nonce")
        ]


class LtiGradeLink(models.Model):
    """Where a learner's score for a launched resource goes: the line item the platform
    named in the launch (AGS endpoint claim)."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="+")
    deployment_id = models.CharField(max_length=255)
    resource_link_id = models.CharField(max_length=255)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_grade_links"
    )
    subject = models.CharField(max_length=255)  # the platform's user id, for the score
    micro_credential = models.ForeignKey(
        MicroCredential, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    lineitem_url = models.URLField(max_length=500)
    scopes = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "resource_link_id", "learner"], name="unique_lti_grade_link"
            )
        ]


class LtiScore(models.Model):
    """A score to post to a line item (outbox, like learning records)."""

    grade_link = models.ForeignKey(LtiGradeLink, on_delete=models.CASCADE, related_name="scores")
    key = models.CharField(max_length=120)  # what it reports, e.g. "attempt:12"
    score_given = models.DecimalField(max_digits=7, decimal_places=2)
    score_maximum = models.DecimalField(max_digits=7, decimal_places=2)
    activity_progress = models.CharField(max_length=20)
    grading_progress = models.CharField(max_length=20)
    timestamp = models.DateTimeField()
    state = models.CharField(max_length=8, choices=OutboxState.choices, default=OutboxState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "retry_at"])]
        constraints = [
            models.UniqueConstraint(fields=["grade_link", "key"], name="unique_lti_score")
        ]
