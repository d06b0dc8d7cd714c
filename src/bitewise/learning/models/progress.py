"""A learner's subscriptions and the lessons they have done."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bitewise.catalog.models import Lesson, MicroCredential


class Enrollment(models.Model):
    """A subscription to a micro-credential. Unsubscribing keeps the row (and all
    progress, which hangs off the learner, not the enrollment); subscribing again resumes."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="enrollments"
    )
    is_active = models.BooleanField(default=True)
    subscribed_at = models.DateTimeField(auto_now_add=True)
    dropped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "micro_credential"], name="unique_enrollment"
            )
        ]
        indexes = [models.Index(fields=["learner", "is_active"])]


class LessonCompletion(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="unique_lesson_completion")
        ]
