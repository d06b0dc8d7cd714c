"""Members of the association: their tier, status and expiry, wherever they came from."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q


class MembershipTier(models.Model):
    """A level of membership; a higher rank includes what lower ranks include."""

    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=100)
    rank = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    CANCELLED = "cancelled", "Cancelled"


class MembershipSource(models.TextChoices):
    ROSTER = "roster", "Roster import"
    API = "api", "API"
    SSO = "sso", "Single sign-on"
    STAFF = "staff", "Staff"


class Membership(models.Model):
    """One per person. Current while active and not past ``expires_on`` (the last day)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    member_id = models.CharField(max_length=64, blank=True)  # the association's own number
    tier = models.ForeignKey(
        MembershipTier, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    expires_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=MembershipSource.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member_id"], condition=~Q(member_id=""), name="membership_member_id_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id or self.person_id} · {self.status}"

    def is_current_on(self, day: date) -> bool:
        return self.status == MembershipStatus.ACTIVE and (
            self.expires_on is None or self.expires_on >= day
        )
