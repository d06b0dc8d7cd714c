"""Quiz answers: the learner's graded answer to each question, and the answers given
inside assessment attempts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bitewise.catalog.models import FeedbackMode, MicroCredential, Question


class QuestionAnswer(models.Model):
    """The learner's latest answer to a question that they have seen graded: at once for a
    question outside any assessment (a retake deletes the lesson's answers), after the
    attempt is submitted for one inside an assessment (at once in practice mode). The
    reviews app makes its cards from these rows, so none exists before its grade is shown."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice_ids = models.JSONField()
    is_correct = models.BooleanField()
    response_ms = models.PositiveIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "question"], name="unique_answer")
        ]


class Attempt(models.Model):
    """One try at a micro-credential's assessment: the questions it drew from the pool (the
    questions of the micro-credential's lessons), the order it shows each one's choices in,
    and once submitted its score over the questions drawn. Started, answered and submitted
    only through ``learning.services.attempts``."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()  # 1 for the first attempt
    question_ids = models.JSONField()  # drawn, in the order shown
    choice_order = models.JSONField()  # {"<question id>": [choice ids in the order shown]}
    # Copied from the micro-credential when the attempt starts, so an edit by staff
    # never changes the rules of an attempt under way.
    feedback_mode = models.CharField(max_length=12, choices=FeedbackMode.choices)
    pass_percent = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    question_count = models.PositiveSmallIntegerField(null=True, blank=True)  # scored over
    correct_count = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["learner_id", "micro_credential_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "micro_credential", "number"], name="unique_attempt_number"
            ),
            # Concurrent "start" requests cannot open two attempts at once.
            models.UniqueConstraint(
                fields=["learner", "micro_credential"],
                condition=Q(submitted_at__isnull=True),
                name="one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True, score__isnull=True)
                | Q(submitted_at__isnull=False, score__isnull=False),
                name="attempt_scored_once_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.micro_credential} · attempt {self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_passed(self) -> bool:
        return self.score is not None and self.score >= self.pass_percent

    @property
    def shows_grades(self) -> bool:
        """May the learner see which answers are right (and the right choices)?"""
        return self.is_submitted or self.feedback_mode == FeedbackMode.IMMEDIATE


class AttemptAnswer(models.Model):
    """An answer given in an attempt; it can be changed until the attempt is submitted
    (in practice mode, where the grade shows at once, it cannot)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choice_ids = models.JSONField()
    is_correct = models.BooleanField()
    response_ms = models.PositiveIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="unique_attempt_answer")
        ]
