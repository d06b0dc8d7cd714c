from __future__ import annotations

from django.conf import settings
from django.db import models

from bitewise.webinars.models.webinars import Webinar


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    WAITLISTED = "waitlisted", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Registration(models.Model):
    webinar = models.ForeignKey(Webinar, on_delete=models.CASCADE, related_name="registrations")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webinar_registrations"
    )
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a seat was given (at once, or later from the waiting list): orders the list.
    seated_at = models.DateTimeField(null=True, blank=True)
    # Scheduled reminders: a due-date check plus an atomic claim on these columns.
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_soon_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "learner"], name="one_registration_each")
        ]
        indexes = [models.Index(fields=["webinar", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.webinar}"
