"""The shared kernel's one table: the domain-event outbox."""

from __future__ import annotations

from django.db import models


class DomainEvent(models.Model):
    """A fact other parts of the system react to, written in the same transaction as
    the change it describes, and dispatched to handlers after commit.

    ``key`` is unique so an event can be recorded at most once (e.g.
    ``credential_earned:award:42``); ``dispatched_at`` is claimed atomically so a
    task that runs twice dispatches once.
    """

    name = models.CharField(max_length=80, db_index=True)
    key = models.CharField(max_length=200, unique=True)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)  # claimed by a worker
    handled_at = models.DateTimeField(null=True, blank=True)  # every handler returned

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} {self.key}"
