"""Group seats: an employer or chapter holds N seats for one item or plan and hands them
out with an enrolment code or an email list. ``used`` moves only by conditional update,
one per assignment (unique per pool and person), so a seat is counted exactly once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from bitewise.membership.models.access import AccessRule
from bitewise.membership.models.plans import Plan


class SeatPool(models.Model):
    name = models.CharField(max_length=200)  # "St Mary's Hospital", "Northern chapter"
    rule = models.ForeignKey(
        AccessRule, null=True, blank=True, on_delete=models.PROTECT, related_name="seat_pools"
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="seat_pools"
    )
    quantity = models.PositiveIntegerField()
    used = models.PositiveIntegerField(default=0)
    code = models.CharField(max_length=32, unique=True)  # the enrolment code
    order = models.OneToOneField(
        "membership.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="pool"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ends_at = models.DateTimeField(null=True, blank=True)  # seats give access until then
    ended_at = models.DateTimeField(null=True, blank=True)  # refunded or withdrawn
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(used__lte=F("quantity")), name="seats_within_quantity"
            ),
            models.CheckConstraint(
                condition=Q(rule__isnull=False, plan=None) | Q(rule=None, plan__isnull=False),
                name="seat_pool_is_for_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.used}/{self.quantity}"

    @property
    def left(self) -> int:
        return self.quantity - self.used


class SeatAssignment(models.Model):
    pool = models.ForeignKey(SeatPool, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seats"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pool", "person"], name="one_seat_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.pool_id} · {self.person_id}"


class SeatInvite(models.Model):
    """An address on the pool's email list: that person may take a seat without the code."""

    pool = models.ForeignKey(SeatPool, on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pool", "email"], name="one_invite_per_address")
        ]

    def __str__(self) -> str:
        return self.email
