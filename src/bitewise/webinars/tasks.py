"""Thin task wrappers: ids in, load, call a service."""

from __future__ import annotations

from django.tasks import task

from bitewise.webinars.services.invites import registration_email_send


@task()
def registration_email_task(registration_id: int, kind: str) -> bool:
    return registration_email_send(registration_id=registration_id, kind=kind)
