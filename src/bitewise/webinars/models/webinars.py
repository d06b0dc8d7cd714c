"""A 10-20 minute live session on an external platform."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q

from bitewise.catalog.models import Lesson, MicroCredential, Skill
from bitewise.webinars.models.programs import CreditProgram, Series

MIN_MINUTES = 10
MAX_MINUTES = 20
# Attendance after the scheduled end still counts this long (sessions run over); credit is
# capped at the session's length by the rule anyway.
OVERRUN = timedelta(minutes=10)


class WebinarStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    CANCELLED = "cancelled", "Cancelled"


class Webinar(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown")
    skills = models.ManyToManyField(Skill, blank=True, related_name="webinars")
    presenter = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, help_text="IANA zone, e.g. America/Chicago")
    duration_minutes = models.PositiveSmallIntegerField()
    capacity = models.PositiveIntegerField(help_text="Seats; 0 = no limit")
    join_url = models.URLField(max_length=500)
    credit_program = models.ForeignKey(
        CreditProgram, null=True, blank=True, on_delete=models.PROTECT, related_name="webinars"
    )
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="webinars"
    )
    checks_planned = models.PositiveSmallIntegerField(
        default=0, help_text="Attendance checks shown during the session"
    )
    assessment = models.ForeignKey(
        Lesson,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A quiz lesson whose score is the session's assessment",
    )
    status = models.CharField(
        max_length=12, choices=WebinarStatus.choices, default=WebinarStatus.DRAFT
    )
    # RFC 5545 SEQUENCE of the invites: raised on every change attendees must see.
    sequence = models.PositiveIntegerField(default=0)
    recording_file = models.FileField(upload_to="webinars/%Y/%m/", blank=True)
    recording_url = models.URLField(max_length=500, blank=True)
    recording_seconds = models.PositiveIntegerField(null=True, blank=True)
    self_study_program = models.ForeignKey(
        CreditProgram,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Program for watching the recording on demand",
    )
    self_study_percent = models.PositiveSmallIntegerField(
        default=90, help_text="Share of the recording a learner must watch"
    )
    follow_up = models.ForeignKey(
        MicroCredential,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Micro-credential attendees are enrolled in afterwards",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_MINUTES, duration_minutes__lte=MAX_MINUTES),
                name="webinar_is_10_to_20_minutes",
            ),
            models.CheckConstraint(
                condition=Q(self_study_percent__gte=1, self_study_percent__lte=100),
                name="webinar_self_study_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def local_starts_at(self) -> datetime:
        return self.starts_at.astimezone(ZoneInfo(self.time_zone))

    @property
    def attendance_window(self) -> tuple[datetime, datetime]:
        return self.starts_at, self.ends_at + OVERRUN

    @property
    def recording_source(self) -> str:
        return self.recording_file.url if self.recording_file else self.recording_url
