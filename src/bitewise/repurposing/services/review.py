"""Staff edits to a job's proposed segments before publishing: merge, split, move a start,
edit the text, drop. Cuts snap to sentence ends; changed segments are drafted again and
their clips cut again on the media queue (``clip_pending`` until then)."""

from __future__ import annotations

import math
from typing import Any

from django.db import transaction
from django.db.models import F

from bitewise.common.middleware import has_nul
from bitewise.engines.segmentation.snap import snap_cut
from bitewise.engines.text.clock import clock
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.services.locks import job_locked
from bitewise.repurposing.services.segments import (
    MAX_CHOICE,
    MAX_PROMPT,
    MAX_SUMMARY,
    segments_redraft,
)

MAX_QUESTIONS = 6
MAX_CHOICES = 6


def _editable(job: RepurposeJob) -> list[DraftSegment]:
    job = job_locked(job)
    if job.status != RepurposeJob.Status.READY:
        raise RepurposeError(f"The job is {job.get_status_display().lower()}: it can't be edited.")
    return list(job.segments.order_by("position"))


def _at(segments: list[DraftSegment], position: int) -> DraftSegment:
    if not 0 <= position < len(segments):
        raise RepurposeError("That segment is no longer there; reload the page.")
    return segments[position]


def _span(job: RepurposeJob, segment: DraftSegment) -> None:
    cues = job.cues[segment.first_cue : segment.stop_cue]
    segment.start = float(cues[0][0])
    segment.end = max(float(cue[1]) for cue in cues)


def _after_change(job: RepurposeJob, changed: list[DraftSegment], *, starts: bool = True) -> None:
    """Save new ranges (a segment whose start staff chose explains itself so), draft again."""
    for segment in changed:
        old_start = segment.start
        _span(job, segment)
        if starts and segment.start != old_start:
            segment.boundary = {"by_staff": True} if segment.first_cue > 0 else {}
        segment.save(update_fields=["first_cue", "stop_cue", "start", "end", "boundary"])
    segments_redraft(job=job, changed=[s.position for s in changed])
    if job.media_file:  # their clips are cut again on the media queue, never in the request
        ids = [s.pk for s in changed]
        DraftSegment.objects.filter(pk__in=ids).update(clip_pending=True)
        transaction.on_commit(lambda: _clips_enqueue(job.pk, ids))


def _clips_enqueue(job_id: int, segment_ids: list[int]) -> None:
    from bitewise.repurposing.tasks import segment_clips_cut_task

    segment_clips_cut_task.enqueue(job_id, segment_ids)


def _renumber(job: RepurposeJob) -> None:
    """Positions 0..n-1 in order, in two steps so the unique (job, position) never clashes.

    The first step lifts every position above the current highest, so no row passes through a
    value another row still holds (PostgreSQL checks the constraint row by row)."""
    segments = list(job.segments.order_by("first_cue", "position"))  # segments never overlap
    if not segments:
        return
    top = max(segment.position for segment in segments)
    job.segments.update(position=F("position") + top + 1)
    for position, segment in enumerate(segments):
        DraftSegment.objects.filter(pk=segment.pk).update(position=position)
        segment.position = position


@transaction.atomic
def segment_merge_next(*, job: RepurposeJob, position: int) -> None:
    """Join a segment with the one after it (taking in any dropped part between them)."""
    segments = _editable(job)
    segment, following = _at(segments, position), _at(segments, position + 1)
    segment.stop_cue = following.stop_cue
    if following.clip:
        following.clip.delete(save=False)
    following.delete()
    _renumber(job)
    segment.refresh_from_db(fields=["position"])
    _after_change(job, [segment])


@transaction.atomic
def segment_split(*, job: RepurposeJob, position: int, at_seconds: float) -> None:
    """Split a segment in two at the sentence end nearest ``at_seconds``."""
    segments = _editable(job)
    segment = _at(segments, position)
    if not segment.start <= at_seconds <= segment.end:  # NaN too: no comparison holds for it
        raise RepurposeError(
            f"Split lesson {position + 1} at a time inside it, between "
            f"{clock(segment.start)} and {clock(segment.end)}."
        )
    cut = _snap(job, at_seconds, lo=segment.first_cue + 1, hi=segment.stop_cue - 1)
    if cut is None:
        raise RepurposeError("This segment is a single sentence: there is nowhere to split it.")
    second = DraftSegment(  # a free position for now; the renumbering puts it after ``segment``
        job=job,
        position=segments[-1].position + 1,
        first_cue=cut,
        stop_cue=segment.stop_cue,
        start=0,
        end=0,
    )
    segment.stop_cue = cut
    _span(job, second)
    second.save()
    _renumber(job)
    segment.refresh_from_db(fields=["position"])
    _after_change(job, [segment, second])


@transaction.atomic
def segment_move_start(*, job: RepurposeJob, position: int, at_seconds: float) -> None:
    """Start a segment at the sentence end nearest ``at_seconds``; the segment before it (when
    they touch) ends there too. The first segment can start later, never before the first cue."""
    segments = _editable(job)
    segment = _at(segments, position)
    if not math.isfinite(at_seconds):
        raise RepurposeError("Give a time such as 12:30 or 1:02:03.")
    before = segments[position - 1] if position > 0 else None
    touching = before is not None and before.stop_cue == segment.first_cue
    lo = (
        before.first_cue + 1
        if before is not None and touching
        else (before.stop_cue if before else 0)
    )
    cut = _snap(job, at_seconds, lo=lo, hi=segment.stop_cue - 1)
    if position == 0 and at_seconds <= float(job.cues[0][0]):
        cut = 0
    if cut is None or cut == segment.first_cue:
        raise RepurposeError("The start did not move: pick a time inside the neighbouring text.")
    segment.first_cue = cut
    changed = [segment]
    if before is not None and touching:
        before.stop_cue = cut
        changed.append(before)
    _after_change(job, changed)


def _snap(job: RepurposeJob, at: float, *, lo: int, hi: int) -> int | None:
    starts = [float(cue[0]) for cue in job.cues]
    texts = [str(cue[2]) for cue in job.cues]
    return snap_cut(starts, texts, at, lo=lo, hi=hi)


@transaction.atomic
def segment_drop(*, job: RepurposeJob, position: int) -> None:
    segments = _editable(job)
    if len(segments) == 1:
        raise RepurposeError("This is the only segment left: drop the job instead.")
    segment = _at(segments, position)
    if segment.clip:
        segment.clip.delete(save=False)
    segment.delete()
    _renumber(job)


@transaction.atomic
def segment_edit(
    *, job: RepurposeJob, position: int, title: str, summary: str, questions: list[dict[str, Any]]
) -> DraftSegment:
    """Save staff's own title, summary and questions (kept when the segment's range changes
    only if they edit again after)."""
    segment = _at(_editable(job), position)
    if has_nul([title, summary, questions]):  # PostgreSQL stores none: refused, not a 500
        raise RepurposeError("The text holds a NUL character (a zero byte): remove it.")
    title, summary = " ".join(title.split()), summary.strip()
    if not title:
        raise RepurposeError("Give the lesson a title.")
    if len(title) > 200 or len(summary) > MAX_SUMMARY:
        raise RepurposeError(
            f"Keep the title to 200 characters and the summary to {MAX_SUMMARY:,}."
        )
    segment.title, segment.summary = title, summary
    segment.questions = [
        _question(q, n)
        for n, q in enumerate(questions, start=1)
        if str(q.get("prompt", "")).strip()
    ]
    if len(segment.questions) > MAX_QUESTIONS:
        raise RepurposeError(f"At most {MAX_QUESTIONS} questions a lesson.")
    segment.edited = True
    segment.save(update_fields=["title", "summary", "questions", "edited"])
    return segment


def _question(raw: dict[str, Any], number: int) -> dict[str, Any]:
    prompt = " ".join(str(raw.get("prompt", "")).split())
    answer = " ".join(str(raw.get("answer", "")).split())
    choices = [" ".join(str(c).split()) for c in raw.get("choices", []) if str(c).strip()]
    if not answer:
        raise RepurposeError(f"Question {number}: give the answer.")
    if len(prompt) > MAX_PROMPT or len(answer) > MAX_CHOICE:
        raise RepurposeError(
            f"Question {number}: keep the question to {MAX_PROMPT} characters and the answer "
            f"to {MAX_CHOICE}."
        )
    if len(choices) > MAX_CHOICES or any(len(c) > MAX_CHOICE for c in choices):
        raise RepurposeError(
            f"Question {number}: at most {MAX_CHOICES} choices of {MAX_CHOICE} characters each."
        )
    if choices and answer not in choices:
        choices = [answer, *choices]
    if len(set(c.lower() for c in choices)) != len(choices):
        raise RepurposeError(f"Question {number}: the choices repeat each other.")
    kind = "multiple_choice" if len(choices) >= 2 else "cloze"
    return {"kind": kind, "prompt": prompt, "choices": choices, "answer": answer}
