"""A recording being turned into micro-lessons: the job, and the draft segments staff review."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from bitewise.catalog.models import Lesson, MicroCredential

STALLED_AFTER = timedelta(minutes=3)  # a running job's heartbeat older than this: worker gone
QUEUED_TOO_LONG = timedelta(minutes=15)  # no worker took it (none running, or it was not queued)


class RepurposeJob(models.Model):
    """One recording (a file, a transcript, both, or a podcast episode to fetch), processed by the
    worker in stages. Each stage saves its result before the next starts, so a job run again
    (after a failure or a dead worker) carries on from the last finished stage."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        READY = "ready", "Ready for review"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"

    class Stage(models.TextChoices):
        FETCH = "fetch", "Fetching the episode"
        PROBE = "probe", "Checking the recording"
        TRANSCRIBE = "transcribe", "Transcribing"
        SEGMENT = "segment", "Finding lessons"
        CLIPS = "clips", "Cutting clips"
        DONE = "done", "Done"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    media_file = models.FileField(upload_to="recordings/%Y/%m/", blank=True, max_length=255)
    media_url = models.URLField(blank=True, max_length=1000, help_text="Episode to fetch")
    transcript_url = models.URLField(
        blank=True, max_length=1000, help_text="The episode's published transcript, if any"
    )
    media_name = models.CharField(max_length=255, blank=True, help_text="Uploaded file name")
    container = models.CharField(max_length=8, blank=True)  # mp3, m4a, wav, ogg, mp4, webm, mov
    has_video = models.BooleanField(default=False)
    duration_seconds = models.FloatField(null=True, blank=True)
    transcript_name = models.CharField(max_length=255, blank=True)
    transcript_text = models.TextField(blank=True, help_text="Uploaded transcript, decoded")
    # Transcript cues once read or heard: [[start, end, text, speaker], ...]
    cues = models.JSONField(default=list, blank=True)
    cues_are_timed = models.BooleanField(default=True)
    # While transcribing: the cues heard so far, a window at a time, and up to where.
    partial_cues = models.JSONField(default=list, blank=True)
    transcribed_seconds = models.FloatField(default=0.0)
    feed_title = models.CharField(max_length=200, blank=True)
    episode_guid = models.CharField(max_length=500, blank=True)
    min_minutes = models.FloatField(default=2.0)
    max_minutes = models.FloatField(default=8.0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.FETCH)
    percent = models.FloatField(default=0.0)  # of the current stage
    remaining_seconds = models.FloatField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # While finding lessons again with new bounds: staff's edits and the parts they dropped,
    # for the new segments to keep (services/resegment.py); {} otherwise.
    kept_review = models.JSONField(default=dict, blank=True)
    micro_credential = models.ForeignKey(
        MicroCredential, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # An episode once per uploader; once per organisation is the intake's doing
            # (services/intake.py), as an organisation is whoever sees the uploader's jobs.
            models.UniqueConstraint(
                fields=["created_by", "episode_guid"],
                condition=~models.Q(episode_guid=""),
                name="repurpose_job_one_per_episode_and_uploader",
            )
        ]

    def __str__(self) -> str:
        return f"Repurpose #{self.pk}: {self.title}"

    @property
    def is_stalled(self) -> bool:
        """Running, but the worker has not reported for a while (it probably died); or queued
        for long with no worker taking it. Running it again is safe: one run claims it."""
        if self.status == self.Status.QUEUED:
            return timezone.now() - (self.heartbeat_at or self.created_at) > QUEUED_TOO_LONG
        if self.status != self.Status.RUNNING:
            return False
        beat = self.heartbeat_at or self.started_at
        return beat is None or timezone.now() - beat > STALLED_AFTER

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stalled

    @property
    def has_media(self) -> bool:
        return bool(self.media_file or self.media_url)

    @property
    def elapsed_seconds(self) -> float | None:
        if self.started_at is None:
            return None
        end = self.finished_at or timezone.now()
        return (end - self.started_at).total_seconds()


class DraftSegment(models.Model):
    """A proposed micro-lesson: a range of the recording with its drafted text and questions."""

    job = models.ForeignKey(RepurposeJob, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveSmallIntegerField()
    first_cue = models.PositiveIntegerField()  # cues [first_cue, stop_cue) of the job
    stop_cue = models.PositiveIntegerField()
    start = models.FloatField()
    end = models.FloatField()
    title = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    key_terms = models.JSONField(default=list, blank=True)
    # [{"kind": "multiple_choice"|"cloze", "prompt": str, "choices": [str], "answer": str}]
    questions = models.JSONField(default=list, blank=True)
    # Why the segment starts here: {"score", "similarity", "depth", "pause", ...}; {} for the first
    boundary = models.JSONField(default=dict, blank=True)
    clip = models.FileField(upload_to="clips/%Y/%m/", blank=True, max_length=255)
    # a staff change moved its range: the media queue is cutting its clip again
    clip_pending = models.BooleanField(default=False)
    edited = models.BooleanField(default=False)  # staff changed the text: re-drafting keeps it
    # The segmenter found a second topic inside that it could not cut off without a lesson
    # shorter than the minimum: staff are offered the split there.
    spans_topics = models.BooleanField(default=False)
    suggested_split_time = models.FloatField(null=True, blank=True)  # seconds of the recording
    # the lesson it became when the job was published
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["job_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="draft_segment_position"),
            models.CheckConstraint(
                condition=models.Q(stop_cue__gt=models.F("first_cue")),
                name="draft_segment_has_cues",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Segment {self.position + 1}"

    @property
    def minutes(self) -> float:
        return (self.end - self.start) / 60

    @property
    def offers_split(self) -> bool:
        """Spans two topics, and the second still starts inside it (not once split there)."""
        at = self.suggested_split_time
        return self.spans_topics and at is not None and self.start < at < self.end

    def as_document(self) -> dict[str, Any]:
        return {
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "title": self.title,
            "summary": self.summary,
            "key_terms": list(self.key_terms),
            "questions": list(self.questions),
            "clip": self.clip.name or None,
            "spans_topics": self.offers_split,
            "suggested_split": (
                round(self.suggested_split_time, 3)
                if self.offers_split and self.suggested_split_time is not None
                else None
            ),
        }
