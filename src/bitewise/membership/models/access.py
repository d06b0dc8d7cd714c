"""Who may open a micro-credential, pathway, webinar or event, and what it costs; and the
grants (a purchase, a seat) that open a priced or members-only item to one person."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from bitewise.catalog.models import MicroCredential, Pathway
from bitewise.membership.models.members import MembershipTier
from bitewise.reinforcement.models import Event
from bitewise.webinars.models import Webinar


class AccessMode(models.TextChoices):
    OPEN = "open", "Open to all"
    MEMBERS = "members", "Members only"
    PRICED = "priced", "Priced"


class TargetKind(models.TextChoices):
    MICRO_CREDENTIAL = "micro_credential", "Micro-credential"
    PATHWAY = "pathway", "Pathway"
    WEBINAR = "webinar", "Webinar"
    EVENT = "event", "Event"


TARGET_FIELDS = [kind.value for kind in TargetKind]


class AccessRule(models.Model):
    """The rule of one item (exactly one target is set). No rule means open to all."""

    micro_credential = models.OneToOneField(
        MicroCredential, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pathway = models.OneToOneField(
        Pathway, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    webinar = models.OneToOneField(
        Webinar, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.OneToOneField(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(max_length=8, choices=AccessMode.choices, default=AccessMode.OPEN)
    min_tier = models.ForeignKey(
        MembershipTier, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    price = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    member_price = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, default="USD")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(micro_credential__isnull=False, pathway=None, webinar=None, event=None)
                    | Q(micro_credential=None, pathway__isnull=False, webinar=None, event=None)
                    | Q(micro_credential=None, pathway=None, webinar__isnull=False, event=None)
                    | Q(micro_credential=None, pathway=None, webinar=None, event__isnull=False)
                ),
                name="access_rule_has_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(mode="priced") | Q(price__isnull=False),
                name="access_rule_priced_has_price",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_kind}:{self.target_id} · {self.mode}"

    @property
    def target_kind(self) -> str:
        return next(f for f in TARGET_FIELDS if getattr(self, f"{f}_id") is not None)

    @property
    def target_id(self) -> object:
        return getattr(self, f"{self.target_kind}_id")

    @property
    def target(self) -> models.Model:
        return getattr(self, self.target_kind)  # type: ignore[no-any-return]


class GrantSource(models.TextChoices):
    PURCHASE = "purchase", "Purchase"
    SEAT = "seat", "Group seat"


class AccessGrant(models.Model):
    """Access to one item for one person, from a paid order or a seat; ended (never
    deleted) by a refund, a dispute or a withdrawn seat."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_grants"
    )
    rule = models.ForeignKey(AccessRule, on_delete=models.CASCADE, related_name="grants")
    source = models.CharField(max_length=8, choices=GrantSource.choices)
    order = models.OneToOneField(
        "membership.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="grant"
    )
    seat = models.OneToOneField(
        "membership.SeatAssignment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grant",
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "ended_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.rule_id} ({self.source})"
