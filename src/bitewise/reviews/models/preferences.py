from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ReviewPreferences(models.Model):
    """A learner's vacation hold and digest choice; a row exists once they save either."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_preferences"
    )
    # Both dates inclusive, in the site's time zone.
    hold_from = models.DateField(null=True, blank=True)
    hold_to = models.DateField(null=True, blank=True)
    is_digest_wanted = models.BooleanField(default=False)
    # The due-date column of the daily digest: the scheduler claims rows whose time has
    # come by moving it to the next day (at most one digest a day).
    digest_next_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(hold_from__isnull=True) & Q(hold_to__isnull=True))
                | Q(hold_to__gte=F("hold_from")),
                name="review_hold_forward",
            )
        ]

    def __str__(self) -> str:
        return f"Review preferences of {self.learner}"
