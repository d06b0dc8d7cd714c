from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from bitewise.catalog.models.lessons import Lesson
from bitewise.catalog.models.skills import Skill


class Level(models.TextChoices):
    FOUNDATION = "foundation", "Foundation"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    RETIRED = "retired", "Retired"


class FeedbackMode(models.TextChoices):
    # Credit-bearing assessments show nothing about correctness until the attempt is in.
    AFTER_SUBMIT = "after_submit", "After the attempt is submitted"
    IMMEDIATE = "immediate", "After each answer (practice)"


MAX_ATTEMPTS_LIMIT = 20
MAX_COOLING_OFF_HOURS = 24 * 30
MAX_QUESTIONS_PER_ATTEMPT = 200


class MicroCredential(models.Model):
    slug = models.SlugField(max_length=140, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    level = models.CharField(max_length=16, choices=Level.choices, default=Level.FOUNDATION)
    skills = models.ManyToManyField(Skill, blank=True, related_name="micro_credentials")
    lessons = models.ManyToManyField(
        Lesson, through="MicroCredentialLesson", related_name="micro_credentials"
    )
    ce_credits = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    ce_credit_type = models.CharField(max_length=40, blank=True, help_text="e.g. CNE, CPE, CLE")
    pass_percent = models.PositiveSmallIntegerField(
        default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    # The assessment: the questions of the lessons form its pool.
    max_attempts = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ATTEMPTS_LIMIT)],
        help_text="Attempts a learner may start; empty: no limit",
    )
    cooling_off_hours = models.PositiveSmallIntegerField(
        default=24,
        validators=[MaxValueValidator(MAX_COOLING_OFF_HOURS)],
        help_text="Hours between submitting an attempt and starting the next; 0: none",
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUESTIONS_PER_ATTEMPT)],
        help_text="Questions drawn at random from the pool for each attempt; empty: all",
    )
    shuffle_choices = models.BooleanField(
        default=True, help_text="Show each question's choices in a new order in every attempt"
    )
    feedback_mode = models.CharField(
        max_length=12,
        choices=FeedbackMode.choices,
        default=FeedbackMode.AFTER_SUBMIT,
        help_text="When learners see whether an answer is right, and the right answer",
    )
    # Denormalized sum of lesson minutes, kept by catalog services, so the catalog filters on it.
    estimated_minutes = models.PositiveIntegerField(default=0, db_index=True)
    validity_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Badges expire this many months after award; empty: never"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class MicroCredentialLesson(models.Model):
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="memberships"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="memberships")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["micro_credential_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["micro_credential", "lesson"], name="unique_lesson_per_micro_credential"
            )
        ]


class MicroCredentialVersion(models.Model):
    """A frozen copy of what a published micro-credential required, so an award keeps
    meaning what it meant when it was earned, whatever staff edit later."""

    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["micro_credential_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["micro_credential", "number"], name="unique_micro_credential_version"
            )
        ]
