from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from bitewise.catalog.models.skills import Skill
from bitewise.common.uploads import RecordingContentValidator, UnguessableName

MIN_LESSON_MINUTES = 2
MAX_LESSON_MINUTES = 10
# A 10-minute lesson is a few thousand words; this leaves room for tables and links.
MAX_LESSON_BODY_CHARS = 100_000


class LessonKind(models.TextChoices):
    TEXT = "text", "Text"
    MEDIA = "media", "Audio or video"
    QUIZ = "quiz", "Quiz"


class MediaKind(models.TextChoices):
    AUDIO = "audio", "Audio"
    VIDEO = "video", "Video"


class Lesson(models.Model):
    slug = models.SlugField(max_length=140, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=LessonKind.choices, default=LessonKind.TEXT)
    summary = models.CharField(max_length=300, blank=True)
    body_markdown = models.TextField(blank=True, max_length=MAX_LESSON_BODY_CHARS)
    body_html = models.TextField(blank=True, editable=False)  # sanitized on save
    minutes = models.PositiveSmallIntegerField(
        default=MIN_LESSON_MINUTES,
        validators=[MinValueValidator(MIN_LESSON_MINUTES), MaxValueValidator(MAX_LESSON_MINUTES)],
    )
    media_kind = models.CharField(max_length=8, choices=MediaKind.choices, blank=True)
    media_file = models.FileField(
        upload_to=UnguessableName("lessons"), blank=True, validators=[RecordingContentValidator()]
    )
    media_url = models.URLField(blank=True)
    # One long recording can back several lessons: each plays only [start, end).
    start_seconds = models.PositiveIntegerField(null=True, blank=True)
    end_seconds = models.PositiveIntegerField(null=True, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="lessons")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_seconds__isnull=True)
                | Q(start_seconds__isnull=True)
                | Q(end_seconds__gt=F("start_seconds")),
                name="lesson_media_range_forward",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def media_source(self) -> str:
        if self.media_file:
            return str(self.media_file.url)
        return self.media_url

    @property
    def media_fragment(self) -> str:
        """W3C Media Fragments ``#t=start,end`` so players start and stop in range."""
        if self.start_seconds is None and self.end_seconds is None:
            return ""
        start = self.start_seconds or 0
        end = "" if self.end_seconds is None else f",{self.end_seconds}"
        return f"#t={start}{end}"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple select"
    TRUE_FALSE = "true_false", "True / false"


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        max_length=12, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    prompt = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["lesson_id", "position", "id"]

    def __str__(self) -> str:
        return self.prompt[:60]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)
    explanation = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question_id", "position", "id"]

    def __str__(self) -> str:
        return self.text
