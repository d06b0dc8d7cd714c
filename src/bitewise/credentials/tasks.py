"""Thin task wrappers: ids in, call a service."""

from __future__ import annotations

from django.tasks import task

from bitewise.credentials.services.bulk import bulk_award_run


@task()
def bulk_award_run_task(bulk_id: int) -> int:
    """Run a bulk award; returns how many rows it has processed in all."""
    return bulk_award_run(bulk_id=bulk_id).processed
