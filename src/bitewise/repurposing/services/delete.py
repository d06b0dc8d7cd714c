"""Deleting a repurposing job and its files.

A job holds its recording, the clips cut for its segments and its transcript (the cues, in
the job's row). Deleting it deletes all of them, except files a published lesson plays: from
publication those are the lessons' media (a clip, or the recording when a lesson plays a range
of it), so lessons made from a deleted job keep working. See docs/decisions/0007."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction

from bitewise.accounts.models import User
from bitewise.catalog.models import Lesson
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.locks import job_locked
from bitewise.search.services.transcripts import transcript_forget_recording


@dataclass(frozen=True)
class JobFiles:
    """What deleting a job removes, and what it leaves to the lessons made from it."""

    deleted: tuple[str, ...]
    kept_for_lessons: tuple[str, ...]


def can_delete(job: RepurposeJob, user: User) -> bool:
    """Admins may delete any job; an author, a job they uploaded that is not published."""
    if user.is_staff_admin:
        return True
    return (
        user.is_staff
        and job.created_by_id == user.pk
        and job.status != RepurposeJob.Status.PUBLISHED
    )


def job_files(job: RepurposeJob) -> JobFiles:
    names = [job.media_file.name or "", *(s.clip.name or "" for s in job.segments.all())]
    names = [name for name in dict.fromkeys(names) if name]
    played = set(Lesson.objects.filter(media_file__in=names).values_list("media_file", flat=True))
    return JobFiles(
        deleted=tuple(n for n in names if n not in played),
        kept_for_lessons=tuple(n for n in names if n in played),
    )


@transaction.atomic
def repurpose_job_delete(*, job: RepurposeJob, by: User) -> JobFiles:
    """Delete the job, its segments and transcript, and (after commit) the files no lesson
    plays. A worker running it stops at its next heartbeat and removes what it was writing."""
    job = job_locked(job)
    if not can_delete(job, by):
        raise RepurposeError(
            "Only an admin can delete a published job or one someone else uploaded."
        )
    files = job_files(job)
    if job.status == RepurposeJob.Status.PUBLISHED and job.media_file.name in files.deleted:
        # search keeps the passages in the lessons; the recording they were cut from goes
        transcript_forget_recording(source_key=f"repurpose-job:{job.pk}")
    job.delete()
    transaction.on_commit(lambda: _unlink(files.deleted))
    return files


def _unlink(names: tuple[str, ...]) -> None:
    for name in names:
        default_storage.delete(name)
