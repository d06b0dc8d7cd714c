"""Thin task wrappers: ids in, load, call a service."""

from __future__ import annotations

from uuid import UUID

from django.tasks import task

from bitewise.webinars.services.ce_credentials import credit_credential_issue
from bitewise.webinars.services.invites import registration_email_send


@task()
def registration_email_task(registration_id: int, kind: str) -> bool:
    return registration_email_send(registration_id=registration_id, kind=kind)


@task()
def credit_credential_issue_task(award_id: str) -> bool:
    """Issue one CE credit award's credential (the backfill command); True once it has one."""
    return credit_credential_issue(award_id=UUID(award_id)) is not None
