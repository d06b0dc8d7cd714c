"""Transcripts of recordings, and the search index: one Document per searchable thing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from bitewise.catalog.models import Lesson, Question
from bitewise.webinars.models import Webinar


class Transcript(models.Model):
    """A WebVTT / SRT transcript of a recording: the media of one or more lessons (each playing
    a range of it, or a clip cut from it), or a webinar's recording. Its times are seconds of
    that recording; each passage belongs to the lesson whose range holds it (see spans.py)."""

    # the lesson staff uploaded it for (blank for a repurposed recording's transcript)
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    webinar = models.ForeignKey(
        Webinar, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The recording the times refer to: a stored media file's name or a URL, as a lesson holds
    # it, so every lesson playing the same recording finds the transcript.
    recording_file = models.CharField(max_length=255, blank=True)
    recording_url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=300, blank=True)  # of the recording
    # What made it, for writing it once: "repurpose-job:<id>"; blank for an upload.
    source_key = models.CharField(max_length=64, blank=True)
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
                condition=Q(webinar__isnull=True)
                | Q(lesson__isnull=True, recording_file="", recording_url=""),
                name="transcript_of_one_recording",
            ),
            models.UniqueConstraint(fields=["lesson"], name="one_transcript_per_lesson"),
            models.UniqueConstraint(fields=["webinar"], name="one_transcript_per_webinar"),
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="one_transcript_per_source"
            ),
        ]

    def __str__(self) -> str:
        return self.filename


class TranscriptSpan(models.Model):
    """A lesson cut from the transcript's recording that does not play the recording itself (a
    clip): which range of the recording it holds, and where its own media begins. Lessons that
    play a range of the recording itself need no row: they are found by their media."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="spans")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    start_seconds = models.FloatField()
    end_seconds = models.FloatField()
    media_offset = models.FloatField(default=0.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["transcript", "lesson"], name="one_span_per_lesson"),
            models.CheckConstraint(
                condition=Q(end_seconds__gt=F("start_seconds")), name="span_forward"
            ),
        ]


class TranscriptCue(models.Model):
    """One timed line of the transcript, as read or heard, and as staff corrected it: the one
    source of every lesson's captions and transcript, and of the passages' text."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="cues")
    position = models.PositiveIntegerField()
    start_seconds = models.FloatField()
    end_seconds = models.FloatField()
    text = models.TextField()
    speaker = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["transcript_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["transcript", "position"], name="one_cue_per_position")
        ]
        indexes = [models.Index(fields=["transcript", "start_seconds"])]


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
