"""Thin task wrappers: ids in, call a service. Each is safe to run twice."""

from __future__ import annotations

from django.tasks import task


@task()
def award_email_send_task(email_id: int) -> str:
    from bitewise.learning.services.award_email import award_email_send

    return award_email_send(email_id=email_id)
