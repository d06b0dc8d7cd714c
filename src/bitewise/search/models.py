"""Transcripts of recordings, and the search index: one Document per searchable thing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bitewise.catalog.models import Lesson, Question
from bitewise.webinars.models import Webinar


class Transcript(models.Model):
    """A WebVTT / SRT transcript of a lesson's media or of a webinar's recording."""

    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    webinar = models.ForeignKey(
        Webinar, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=200)
    format = models.CharField(max_length=8)
    cue_count = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lesson__isnull=False, webinar__isnull=True)
                | Q(lesson__isnull=True, webinar__isnull=False),
                name="transcript_of_one_recording",
            ),
            models.UniqueConstraint(fields=["lesson"], name="one_transcript_per_lesson"),
            models.UniqueConstraint(fields=["webinar"], name="one_transcript_per_webinar"),
        ]

    def __str__(self) -> str:
        return self.filename


class TranscriptPassage(models.Model):
    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField()
    start_seconds = models.FloatField()
    end_seconds = models.FloatField()
    text = models.TextField()
    speakers = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["transcript_id", "position"]


class DocumentKind(models.TextChoices):
    LESSON = "lesson", "Lesson"
    EXPLANATION = "explanation", "Quiz explanation"
    PASSAGE = "passage", "Recording"


class Document(models.Model):
    """What search finds. The full-text index lives beside this table (an FTS5 table kept by
    triggers on SQLite, a generated tsvector column on PostgreSQL; see migration 0002)."""

    kind = models.CharField(max_length=12, choices=DocumentKind.choices)
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    passage = models.OneToOneField(
        TranscriptPassage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    webinar = models.ForeignKey(
        Webinar, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=300)
    body = models.TextField()
    # Where a hit links to: a micro-credential slug for lessons and explanations.
    micro_credential_slug = models.CharField(max_length=140, blank=True)
    start_seconds = models.FloatField(null=True, blank=True)
    is_public = models.BooleanField(default=False)  # learners may find it
    fingerprint = models.CharField(max_length=64)  # of the indexed text and link
    embedding = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lesson"], condition=Q(kind="lesson"), name="one_document_per_lesson"
            ),
            models.UniqueConstraint(
                fields=["question"], condition=Q(kind="explanation"), name="one_per_question"
            ),
        ]
        indexes = [models.Index(fields=["kind", "is_public"])]


class IndexState(models.Model):
    """One row: when the index last caught up, and a version token that every index write
    replaces, so web processes know to reload their in-memory embedding matrix."""

    refreshed_at = models.DateTimeField(null=True)
    claimed_at = models.DateTimeField(null=True)  # a refresh is running since then
    catalog_version = models.CharField(max_length=64, blank=True)
    version = models.CharField(max_length=32, blank=True)  # a fresh random token each time
