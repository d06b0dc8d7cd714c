"""Reads for the repurposing staff pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from bitewise.accounts.models import User
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.permissions import jobs_visible_to

TIMELINE_MIN_SHARE = 0.5  # percent: a very short segment still shows on the timeline


def job_list(*, viewer: User) -> QuerySet[RepurposeJob]:
    return (
        jobs_visible_to(viewer)
        .select_related("created_by", "micro_credential")
        .defer("cues", "transcript_text")[:100]
    )


def access_job(*, job_id: int, viewer: User) -> RepurposeJob:
    """404 for a missing job and for another organisation's (permissions.py)."""
    job = jobs_visible_to(viewer).select_related("micro_credential").filter(pk=job_id).first()
    if job is None:
        raise Http404("No such job")
    return job


def timeline(
    job: RepurposeJob, segments: list[DraftSegment], *, per_page: int
) -> list[dict[str, Any]]:
    """Blocks for the timeline bar: each segment (and the page of the review it is on), and
    the dropped parts between them, with its share of the recording in percent."""
    if not segments or not job.cues:
        return []
    total_start = float(job.cues[0][0])
    total = max(float(c[1]) for c in job.cues) - total_start or 1.0
    blocks: list[dict[str, Any]] = []
    clock, next_cue = total_start, 0
    for segment in segments:
        # dropped: words no lesson holds (a pause between two lessons is no dropped part)
        if segment.first_cue > next_cue and segment.start > clock:
            blocks.append({"kind": "gap", "share": 100 * (segment.start - clock) / total})
        share = max(TIMELINE_MIN_SHARE, 100 * (segment.end - segment.start) / total)
        page = segment.position // per_page + 1
        blocks.append({"kind": "segment", "segment": segment, "share": share, "page": page})
        clock, next_cue = segment.end, segment.stop_cue
    return blocks


def recording_visible_to_staff(*, stored: str, user: User | None) -> bool:
    """A stored file is a repurposing job's recording or a draft's clip: for the staff who
    may see the job."""
    if not isinstance(user, User) or not user.is_staff:
        return False
    jobs = jobs_visible_to(user)
    return (
        jobs.filter(media_file=stored).exists()
        or DraftSegment.objects.filter(clip=stored, job__in=jobs).exists()
    )
