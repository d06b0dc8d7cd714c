from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# How long after its start an event is still listed and open to self-registration.
SELF_REGISTRATION_AFTER = timedelta(days=30)


class EventKind(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    TRAINING = "training", "Training program"
    EXAM = "exam", "Certification exam"
    OTHER = "other", "Other event"


class Event(models.Model):
    """Something learners prepare for and follow up on; campaigns time their steps from it.
    It may be a micro-webinar, but most are outside Bitewise (a conference, an exam)."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=EventKind.choices, default=EventKind.CONFERENCE)
    starts_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, default="UTC")  # IANA name, as shown to people
    webinar = models.ForeignKey(
        "webinars.Webinar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_open = models.BooleanField(default=True, help_text="Learners may register themselves")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def self_registration_open(self, now: datetime | None = None) -> bool:
        """Learners register themselves while it is open, until SELF_REGISTRATION_AFTER past
        its start (as long as it is listed): later, most of its lessons have gone by."""
        moment = now or timezone.now()
        return self.is_open and self.starts_at >= moment - SELF_REGISTRATION_AFTER


class RegistrationSource(models.TextChoices):
    STAFF = "staff", "Added by staff"
    CSV = "csv", "CSV import"
    SELF = "self", "Self-registered"


class EventRegistration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    source = models.CharField(max_length=8, choices=RegistrationSource.choices)
    # Steps due before this moment are never sent: a late joiner gets only future steps.
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "learner"], name="one_event_registration")
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.event}"
