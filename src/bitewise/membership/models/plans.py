"""All-access plans (a pool of micro-credentials for a monthly or annual price) and the
subscriptions people hold to them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from bitewise.catalog.models import MicroCredential


class Interval(models.TextChoices):
    MONTH = "month", "Monthly"
    YEAR = "year", "Annual"


class Plan(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=120)
    interval = models.CharField(max_length=5, choices=Interval.choices, default=Interval.MONTH)
    price = models.DecimalField(max_digits=9, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3, default="USD")
    micro_credentials = models.ManyToManyField(MicroCredential, blank=True, related_name="+")
    is_active = models.BooleanField(default=True)  # offered to new subscribers
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    LAPSED = "lapsed", "Lapsed"  # the paid period ended: access paused, progress kept


class Subscription(models.Model):
    """A person's subscription to a plan; gives access until ``current_period_end``.
    Renewal moves the period end; cancelling sets ``cancel_at_period_end``."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_subscriptions"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(
        max_length=8, choices=SubscriptionStatus.choices, default=SubscriptionStatus.ACTIVE
    )
    current_period_end = models.DateTimeField()
    cancel_at_period_end = models.BooleanField(default=False)
    provider_ref = models.CharField(max_length=120, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    lapsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "plan"], name="one_subscription_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.plan_id} · {self.status}"
