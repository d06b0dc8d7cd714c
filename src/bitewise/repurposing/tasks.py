"""Thin task wrappers: ids in, call a service."""

from __future__ import annotations

from django.tasks import task

from bitewise.repurposing.services.run import repurpose_job_run


@task(queue_name="media")  # minutes of ffmpeg and speech recognition: its own workers
def repurpose_job_run_task(job_id: int) -> str:
    """Run (or carry on) a repurposing job; returns its status."""
    return str(repurpose_job_run(job_id=job_id).status)
