"""Evidence of attendance: imported platform reports, in-session checks, and on-demand
viewing of the recording."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bitewise.webinars.models.webinars import Webinar


class AttendanceImport(models.Model):
    """One uploaded report, with everything it said that did not become attendance."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255)
    platform = models.CharField(max_length=20)
    encoding = models.CharField(max_length=20)
    data_rows = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    unmatched = models.PositiveIntegerField(default=0)
    never_joined = models.JSONField(default=list)  # registrants' emails
    rejected = models.JSONField(default=list)  # [{"row", "raw", "reason", "email"}]
    notes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class Attendance(models.Model):
    """A learner's merged presence in the live session, from every source."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="attendances")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_attendances"
    )
    intervals = models.JSONField(default=list)  # [[start ISO, end ISO], …] merged, UTC
    minutes = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["webinar", "learner"], name="one_attendance_each")
        ]


class UnmatchedStatus(models.TextChoices):
    OPEN = "open", "To resolve"
    MATCHED = "matched", "Matched to a learner"
    DISMISSED = "dismissed", "Dismissed"


class UnmatchedAttendee(models.Model):
    """Someone in a report who is not a registrant: kept until staff decide."""

    attendance_import = models.ForeignKey(
        AttendanceImport, on_delete=models.CASCADE, related_name="unmatched_people"
    )
    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="unmatched")
    email = models.CharField(max_length=254, blank=True)
    name = models.CharField(max_length=200, blank=True)
    intervals = models.JSONField(default=list)
    minutes = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    status = models.CharField(
        max_length=10, choices=UnmatchedStatus.choices, default=UnmatchedStatus.OPEN
    )
    resolved_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["email", "pk"]


class AttendanceCheck(models.Model):
    """A short code shown during the session; learners enter it to prove presence."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="checks")
    code = models.CharField(max_length=8)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "code"], name="unique_check_code")
        ]


class CheckAnswer(models.Model):
    attendance_check = models.ForeignKey(
        AttendanceCheck, on_delete=models.CASCADE, related_name="answers"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attendance_check", "learner"], name="one_answer_per_check"
            )
        ]


class Viewing(models.Model):
    """On-demand viewing of the recording, from the player's heartbeats."""

    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="viewings")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    watched = models.JSONField(default=list)  # [[from s, to s], …] merged positions
    seconds = models.PositiveIntegerField(default=0)
    last_heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["webinar", "learner"], name="one_viewing_each")
        ]
