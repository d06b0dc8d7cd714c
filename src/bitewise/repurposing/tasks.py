"""Thin task wrappers: ids in, call a service."""

from __future__ import annotations

from django.tasks import task

from bitewise.repurposing.services.index import repurpose_job_index
from bitewise.repurposing.services.run import repurpose_job_run, segment_clips_cut


@task(queue_name="media")  # minutes of ffmpeg and speech recognition: its own workers
def repurpose_job_run_task(job_id: int) -> str:
    """Run (or carry on) a repurposing job; returns its status."""
    job = repurpose_job_run(job_id=job_id)
    return "deleted" if job is None else str(job.status)


@task(queue_name="media")  # ffmpeg: never inside the web request that changed the segments
def segment_clips_cut_task(job_id: int, segment_ids: list[int]) -> int:
    """Cut again the clips of segments staff split, merged or moved; returns how many."""
    return segment_clips_cut(job_id=job_id, segment_ids=segment_ids)


@task()
def repurpose_job_index_task(job_id: int) -> int:
    """Index a published job's transcript for search (safe to run twice)."""
    return repurpose_job_index(job_id=job_id)
