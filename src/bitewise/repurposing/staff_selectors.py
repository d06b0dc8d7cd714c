"""Reads for the repurposing staff pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from bitewise.accounts.models import User
from bitewise.repurposing.models import DraftSegment, RepurposeJob

TIMELINE_MIN_SHARE = 0.5  # percent: a very short segment still shows on the timeline


def job_list() -> QuerySet[RepurposeJob]:
    return RepurposeJob.objects.select_related("created_by", "micro_credential").defer(
        "cues", "transcript_text"
    )[:100]


def access_job(*, job_id: int) -> RepurposeJob:
    return get_object_or_404(RepurposeJob.objects.select_related("micro_credential"), pk=job_id)


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
    clock = total_start
    for segment in segments:
        if segment.start - clock > 1.0:
            blocks.append({"kind": "gap", "share": 100 * (segment.start - clock) / total})
        share = max(TIMELINE_MIN_SHARE, 100 * (segment.end - segment.start) / total)
        page = segment.position // per_page + 1
        blocks.append({"kind": "segment", "segment": segment, "share": share, "page": page})
        clock = segment.end
    return blocks


def recording_visible_to_staff(*, stored: str, user: User | None) -> bool:
    """A stored file is a repurposing job's recording or a draft's clip: staff only."""
    if user is None or not user.is_authenticated or not user.is_staff:
        return False
    return (
        RepurposeJob.objects.filter(media_file=stored).exists()
        or DraftSegment.objects.filter(clip=stored).exists()
    )
