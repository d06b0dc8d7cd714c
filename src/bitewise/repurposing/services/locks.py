"""A job's row locked for the change a service makes to it."""

from __future__ import annotations

from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError


def job_locked(job: RepurposeJob) -> RepurposeJob:
    """The job's row, locked for this transaction; an error if it was deleted meanwhile."""
    locked = RepurposeJob.objects.select_for_update().filter(pk=job.pk).first()
    if locked is None:
        raise RepurposeError("This job has been deleted.")
    return locked
