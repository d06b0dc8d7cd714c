"""Finding a job's lessons again with new length bounds, without uploading it again.

The media worker segments and drafts the transcript (as staff corrected it) again, as on the
first run, and cuts the clips again; the review page shows its progress meanwhile. What staff
did to the proposal before:

- a lesson whose title, summary or questions staff edited keeps them when a new lesson covers
  nearly the same part of the recording (``KEEP_OVERLAP`` of the longer of the two); the job's
  warnings name each edited lesson that no new lesson matched, whose texts are drafted afresh;
- a part staff dropped stays dropped: a new lesson lying wholly inside one is left out;
- splits, merges and moved starts give way to the new cuts, and other lessons are drafted
  afresh."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.engines.text.clock import clock
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.permissions import job_permission_check
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.intake import bounds_check
from bitewise.repurposing.services.locks import job_locked

KEEP_OVERLAP = 0.8


@transaction.atomic
def repurpose_job_resegment(
    *, job: RepurposeJob, by: User, min_minutes: float, max_minutes: float
) -> RepurposeJob:
    """Queue the job to find its lessons again between ``min_minutes`` and ``max_minutes``
    (see the module's docstring for what happens to staff's edits and drops)."""
    job_permission_check(job=job, by=by)
    bounds_check(min_minutes, max_minutes)
    job = job_locked(job)
    if job.status != RepurposeJob.Status.READY:
        raise RepurposeError(
            f"The job is {job.get_status_display().lower()}: only a job ready for review can "
            "be segmented again."
        )
    if not job.cues:
        raise RepurposeError("The job has no transcript to segment.")
    segments = list(job.segments.order_by("position"))
    clips = [str(s.clip.name) for s in segments if s.clip]
    job.kept_review = review_kept(len(job.cues), segments)
    job.segments.all().delete()
    job.min_minutes, job.max_minutes = min_minutes, max_minutes
    job.status, job.stage, job.percent = RepurposeJob.Status.QUEUED, RepurposeJob.Stage.SEGMENT, 0.0
    job.remaining_seconds, job.error, job.warnings = None, "", []
    job.attempts = 0  # a run of its own: the worker's crash count starts again
    job.started_at = job.finished_at = None
    job.heartbeat_at = timezone.now()  # queued now: "waiting for a worker" counts from here
    job.save(
        update_fields=[
            "kept_review", "min_minutes", "max_minutes", "status", "stage", "percent",
            "remaining_seconds", "error", "warnings", "attempts", "started_at", "finished_at",
            "heartbeat_at",
        ]
    )  # fmt: skip
    job_id = job.pk
    transaction.on_commit(lambda: _after(job_id, clips))
    return job


def _after(job_id: int, clips: list[str]) -> None:
    from bitewise.repurposing.tasks import repurpose_job_run_task  # tasks import services

    for name in clips:  # the old lessons' clips: no lesson plays them
        default_storage.delete(name)
    repurpose_job_run_task.enqueue(job_id)


def review_kept(cue_count: int, segments: list[DraftSegment]) -> dict[str, Any]:
    """Staff's edited texts, by the cues they covered, and the cue ranges no lesson holds."""
    edits = [
        {
            "first": s.first_cue,
            "stop": s.stop_cue,
            "title": s.title,
            "summary": s.summary,
            "questions": s.questions,
        }
        for s in segments
        if s.edited
    ]
    dropped: list[list[int]] = []
    clock = 0
    for s in sorted(segments, key=lambda s: s.first_cue):
        if s.first_cue > clock:
            dropped.append([clock, s.first_cue])
        clock = max(clock, s.stop_cue)
    if segments and clock < cue_count:
        dropped.append([clock, cue_count])
    return {"edits": edits, "dropped": dropped}


def review_restore(job: RepurposeJob) -> list[str]:
    """On the job's new segments: leave out those inside dropped parts (never all of them),
    give staff's texts back to those covering the same part, and forget what was kept.
    Returns a warning for each of staff's edits that no new segment took."""
    kept = job.kept_review or {}
    if not kept:
        return []
    segments = list(job.segments.order_by("position"))
    dropped = [(int(a), int(b)) for a, b in kept.get("dropped", [])]
    out = [s for s in segments if any(a <= s.first_cue and s.stop_cue <= b for a, b in dropped)]
    if len(out) == len(segments):
        out = []
    DraftSegment.objects.filter(pk__in=[s.pk for s in out]).delete()
    remaining = [s for s in segments if s not in out]
    edits = list(kept.get("edits", []))
    for segment in remaining:
        match = _same_part(segment, edits)
        if match is not None:
            edits.remove(match)
            segment.title = str(match["title"])[:200]
            segment.summary = str(match["summary"])
            segment.questions = list(match["questions"])
            segment.edited = True
    # ascending, each position only moves down: never two segments on one position
    for position, segment in enumerate(remaining):
        segment.position = position
        DraftSegment.objects.filter(pk=segment.pk).update(position=position)
    DraftSegment.objects.bulk_update(remaining, ["title", "summary", "questions", "edited"])
    RepurposeJob.objects.filter(pk=job.pk).update(kept_review={})
    job.kept_review = {}
    return [_edit_lost(job, edit) for edit in edits]


def _edit_lost(job: RepurposeJob, edit: dict[str, Any]) -> str:
    first, stop = int(edit["first"]), int(edit["stop"])
    start, end = float(job.cues[first][0]), float(job.cues[stop - 1][1])
    return (
        f"Your edits to “{edit['title']}” ({clock(start)} to {clock(end)}) were not kept: no new "
        "lesson covers nearly the same part of the recording, so its texts were drafted afresh."
    )


def _same_part(segment: DraftSegment, edits: list[dict[str, Any]]) -> dict[str, Any] | None:
    best, best_overlap = None, 0
    for edit in edits:
        first, stop = int(edit["first"]), int(edit["stop"])
        overlap = min(stop, segment.stop_cue) - max(first, segment.first_cue)
        longer = max(stop - first, segment.stop_cue - segment.first_cue)
        if overlap >= KEEP_OVERLAP * longer and overlap > best_overlap:
            best, best_overlap = edit, overlap
    return best
