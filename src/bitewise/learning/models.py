"""A learner's subscriptions, progress, answers and awards."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bitewise.catalog.models import (
    Lesson,
    MicroCredential,
    MicroCredentialVersion,
    Pathway,
    Question,
)


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


class QuestionAnswer(models.Model):
    """The learner's answer in the current attempt; a retake deletes the lesson's answers."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice_ids = models.JSONField()
    is_correct = models.BooleanField()
    response_ms = models.PositiveIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "question"], name="unique_answer")
        ]


class Award(models.Model):
    """A learner holds a micro-credential or a pathway: recorded exactly once."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="awards"
    )
    micro_credential = models.ForeignKey(
        MicroCredential, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    micro_credential_version = models.ForeignKey(
        MicroCredentialVersion, null=True, blank=True, on_delete=models.PROTECT
    )
    pathway = models.ForeignKey(
        Pathway, null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    # What was earned, frozen at award time (title, version, lessons, skills, credits, score).
    snapshot = models.JSONField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    awarded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-awarded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "micro_credential"],
                condition=Q(micro_credential__isnull=False),
                name="unique_micro_credential_award",
            ),
            models.UniqueConstraint(
                fields=["learner", "pathway"],
                condition=Q(pathway__isnull=False),
                name="unique_pathway_award",
            ),
            models.CheckConstraint(
                condition=Q(micro_credential__isnull=False, pathway__isnull=True)
                | Q(micro_credential__isnull=True, pathway__isnull=False),
                name="award_is_for_one_thing",
            ),
        ]

    @property
    def title(self) -> str:
        return str(self.snapshot.get("title", ""))
