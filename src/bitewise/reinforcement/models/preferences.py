from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class DeliveryPreferences(models.Model):
    """A learner's own zone, quiet hours and email switch; absent means the defaults
    (UTC, BITEWISE_QUIET_HOURS, email on)."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delivery_preferences"
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    quiet_hours = models.CharField(max_length=11, blank=True, help_text="e.g. 21:00-08:00")
    is_email_enabled = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.learner} · {self.time_zone}"


class AddressStatus(models.TextChoices):
    VALID = "valid", "Valid"
    BOUNCING = "bouncing", "Bouncing"


class EmailAddressStatus(models.Model):
    """Marked bouncing when an SMTP server refuses the recipient permanently (5xx);
    bouncing addresses get no more email until the learner changes or confirms it."""

    email = models.EmailField(unique=True)
    status = models.CharField(max_length=8, choices=AddressStatus.choices)
    reason = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.email} · {self.status}"


class UnsubscribeScope(models.TextChoices):
    ALL = "all", "All email"
    CAMPAIGN = "campaign", "One campaign"
    TOPIC = "topic", "One topic's digest"
    DIGEST = "digest", "Topic digests"
    REVIEWS = "reviews", "Review reminders"
    AWARDS = "awards", "Badge emails"


# Scopes that name no campaign or topic: one row per learner each.
LEARNER_WIDE_SCOPES = [
    UnsubscribeScope.ALL,
    UnsubscribeScope.DIGEST,
    UnsubscribeScope.REVIEWS,
    UnsubscribeScope.AWARDS,
]


class Unsubscribe(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unsubscribes"
    )
    scope = models.CharField(max_length=8, choices=UnsubscribeScope.choices)
    campaign = models.ForeignKey(
        "reinforcement.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    skill = models.ForeignKey(
        "catalog.Skill", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # Three partial constraints: NULLs are distinct in a plain unique index.
            models.UniqueConstraint(
                fields=["learner", "scope"],
                condition=Q(scope__in=LEARNER_WIDE_SCOPES),
                name="one_unsubscribe_per_scope",
            ),
            models.UniqueConstraint(
                fields=["learner", "campaign"],
                condition=Q(scope="campaign"),
                name="one_unsubscribe_per_campaign",
            ),
            models.UniqueConstraint(
                fields=["learner", "skill"],
                condition=Q(scope="topic"),
                name="one_unsubscribe_per_topic",
            ),
            models.CheckConstraint(
                condition=Q(scope="campaign", campaign__isnull=False, skill__isnull=True)
                | Q(scope="topic", skill__isnull=False, campaign__isnull=True)
                | Q(scope__in=LEARNER_WIDE_SCOPES, campaign__isnull=True, skill__isnull=True),
                name="unsubscribe_target_matches_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.scope}"
