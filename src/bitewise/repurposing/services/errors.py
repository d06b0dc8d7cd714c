"""The one error repurposing services raise for input staff can fix; shown to them as is."""

from __future__ import annotations

from bitewise.repurposing.models import RepurposeJob


class RepurposeJobError(Exception):
    pass


def job_locked(job: RepurposeJob) -> RepurposeJob:
    """The job's row, locked for this transaction; an error if it was deleted meanwhile."""
    locked = RepurposeJob.objects.select_for_update().filter(pk=job.pk).first()
    if locked is None:
        raise RepurposeJobError("This job has been deleted.")
    return locked
