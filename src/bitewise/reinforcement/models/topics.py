from __future__ import annotations

from django.conf import settings
from django.db import models


class TopicFollow(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_follows"
    )
    skill = models.ForeignKey("catalog.Skill", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "skill"], name="one_follow_per_skill")
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.skill}"


class TopicDigest(models.Model):
    """One weekly digest per learner: the unique week is the "once", the state the claim."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_digests"
    )
    week = models.DateField()  # the Monday (UTC) of the ISO week it covers
    state = models.CharField(max_length=8, default="planned")  # DeliveryState values
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)  # after a failure that may pass
    dispatched_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    handed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, blank=True)
    item_count = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "week"], name="one_digest_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.week}"
