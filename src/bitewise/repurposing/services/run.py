"""The worker's side of a job: fetch, probe, transcribe, segment and draft, cut clips.

Each stage saves what it made before the next begins, and starts by looking for that result,
so a job run again after a failure or a killed worker carries on where it stopped. Errors in
the input end the job with a message for staff; nothing is published by this module."""

from __future__ import annotations

import logging
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from bitewise.engines import transcripts
from bitewise.engines.transcription import Progress
from bitewise.repurposing.models import DraftSegment, RepurposeJob
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.lessons import lessons_drafted, transcript_from_bytes
from bitewise.repurposing.pipeline.recordings import (
    NO_SPEECH,
    clip_cut,
    recording_check,
    transcribe_recording,
)
from bitewise.repurposing.pipeline.sources import episode_fetch, published_transcript_fetch
from bitewise.repurposing.services.segments import segments_replace
from bitewise.repurposing.services.store import cue_row, cues_store, job_transcript, media_settle

logger = logging.getLogger(__name__)

Stage = RepurposeJob.Stage
Status = RepurposeJob.Status
PROGRESS_EVERY = 1.0  # seconds between progress writes
MIN_CLIP_SECONDS = 0.5  # shorter: no clip, the lesson plays the range of the recording


def repurpose_job_run(*, job_id: int) -> RepurposeJob | None:
    """Run (or carry on) one job. A job already running elsewhere, finished or published is
    left alone, so a task delivered twice does no harm; a deleted job gives None."""
    claimed = RepurposeJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        attempts=F("attempts") + 1,
        heartbeat_at=timezone.now(),
        started_at=timezone.now(),
        finished_at=None,
        error="",
    )
    job = RepurposeJob.objects.filter(pk=job_id).first()
    if not claimed or job is None:
        return job
    try:
        _run(job)
    except Superseded:  # run again while this run looked stalled (that run owns it), or deleted
        logger.warning("repurpose run superseded", extra={"repurpose_job": job_id})
        return RepurposeJob.objects.filter(pk=job_id).first()
    return job


def _run(job: RepurposeJob) -> None:
    try:
        _fetch(job)
        _probe(job)
        _transcribe(job)
        _segment(job)
        _clips(job)
    except RepurposeError as exc:
        _fail(job, str(exc))
        return
    except Superseded:
        raise
    except Exception:
        logger.exception("repurpose job failed", extra={"repurpose_job": job.pk})
        _fail(job, "Something went wrong on our side; run the job again, or tell us if it repeats.")
        raise
    _update(job, status=Status.READY, stage=Stage.DONE, percent=100.0, finished_at=timezone.now())


def _fetch(job: RepurposeJob) -> None:
    if job.media_file or not job.media_url:
        return
    _update(job, stage=Stage.FETCH, percent=0.0)
    with tempfile.TemporaryDirectory(prefix="bitewise-fetch-") as temp:
        folder = Path(temp)
        path = episode_fetch(job.media_url, folder / "episode")
        name = Path(job.media_url.split("?", 1)[0]).name or "episode"
        with path.open("rb") as stream:
            job.media_file.save(name[-100:], File(stream), save=False)
        published = (
            None if job.cues else published_transcript_fetch(job.transcript_url, Path(folder))
        )
        if published is not None:  # the feed's own words: nothing to transcribe
            cues_store(job, transcript_from_bytes(published.read_bytes(), name=published.name))
            job.transcript_name = Path(job.transcript_url.split("?", 1)[0]).name[:255]
    if media_settle(job) is None:
        raise RepurposeError(
            "The episode's file is not an audio or video file we can read "
            "(mp3, m4a, wav, ogg, mp4, webm, mov)."
        )
    try:
        _update(  # only while this run owns the job
            job,
            media_file=job.media_file.name,
            media_name=job.media_name or name[:255],
            container=job.container,
            cues=job.cues,
            cues_are_timed=job.cues_are_timed,
            transcript_name=job.transcript_name,
        )
    except Superseded:  # the job was deleted or taken over meanwhile: nobody holds this file
        job.media_file.delete(save=False)
        raise


def _probe(job: RepurposeJob) -> None:
    if not job.media_file or job.duration_seconds is not None:
        return
    _update(job, stage=Stage.PROBE, percent=0.0)
    probe = recording_check(Path(job.media_file.path))
    _update(
        job, container=probe.container, has_video=probe.has_video, duration_seconds=probe.duration
    )


def _transcribe(job: RepurposeJob) -> None:
    """Hear the recording a window at a time, saving each window's cues as it is heard: a run
    after a crash starts at the first window not saved."""
    if job.cues:
        return
    if not job.media_file:
        raise RepurposeError("The job has neither a transcript nor a recording.")
    _update(job, stage=Stage.TRANSCRIBE, remaining_seconds=None)
    last = 0.0

    def report(progress: Progress) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY or progress.percent >= 100:
            last = now
            _update(job, percent=progress.percent, remaining_seconds=progress.remaining_seconds)

    def save(heard: tuple[transcripts.Cue, ...], until: float) -> None:
        cues = [*job.partial_cues, *(cue_row(c) for c in heard)]
        _update(job, partial_cues=cues, transcribed_seconds=until)

    path = Path(job.media_file.path)
    transcribe_recording(
        path,
        recording_check(path),
        on_window=save,
        done_seconds=job.transcribed_seconds,
        on_progress=report,
    )
    if not job.partial_cues:
        raise RepurposeError(f"{path.name}: {NO_SPEECH}")
    _update(
        job, cues=job.partial_cues, cues_are_timed=True, partial_cues=[], remaining_seconds=None
    )


def _segment(job: RepurposeJob) -> None:
    if job.segments.exists():
        return
    _update(job, stage=Stage.SEGMENT, percent=0.0)

    def heartbeat(done: int, of: int) -> None:
        _update(job, percent=100.0 * done / max(1, of))

    # the optional model step: minutes of HTTP, outside any transaction, heartbeat between calls
    lessons, warnings = lessons_drafted(
        job_transcript(job),
        min_minutes=job.min_minutes,
        max_minutes=job.max_minutes,
        on_each=heartbeat,
    )
    with transaction.atomic():
        _own(job, lock=True)
        lost_edits = segments_replace(job=job, lessons=lessons)
    _update(job, warnings=[*lost_edits, *warnings])


def _clips(job: RepurposeJob) -> None:
    if not job.media_file:
        return
    segments = list(job.segments.filter(clip=""))
    _update(job, stage=Stage.CLIPS, percent=0.0)
    for done, segment in enumerate(segments, start=1):
        segment_clip_cut(job, segment)
        _update(job, percent=100.0 * done / len(segments))


def segment_clips_cut(*, job_id: int, segment_ids: list[int]) -> int:
    """Cut again the clips of segments whose range staff changed (the media queue's work,
    never a web request's); returns how many were cut. Safe to run twice."""
    job = RepurposeJob.objects.filter(pk=job_id).first()
    segments = DraftSegment.objects.filter(pk__in=segment_ids, job_id=job_id)
    if job is None or not job.media_file:  # deleted since, or nothing to cut clips from
        segments.update(clip_pending=False)
        return 0
    done = 0
    for segment in segments.order_by("position"):
        segment_clip_cut(job, segment)
        done += 1
    return done


def segment_clip_cut(job: RepurposeJob, segment: DraftSegment) -> None:
    """Cut the segment's clip and point it there; leave it blank if it cannot be cut."""
    suffix = Path(job.media_file.name or "").suffix.lower() or f".{job.container}"
    stem = f"{segment.position + 1:03d}-{segment.start:.0f}-{segment.end:.0f}"
    name = f"clips/{secrets.token_hex(8)}/{stem}{suffix}"  # unguessable: media needs no login
    target = Path(settings.MEDIA_ROOT) / name
    ok = False
    if segment.end - segment.start >= MIN_CLIP_SECONDS:
        target.parent.mkdir(parents=True, exist_ok=True)
        ok = clip_cut(Path(job.media_file.path), job.container, segment.start, segment.end, target)
    old = segment.clip.name or ""
    if not DraftSegment.objects.filter(pk=segment.pk).update(
        clip=name if ok else "", clip_pending=False
    ):
        target.unlink(missing_ok=True)  # the segment (or its job) was deleted meanwhile
        return
    segment.clip.name = name if ok else ""
    segment.clip_pending = False
    if old and old != segment.clip.name:  # the clip of the range it had before
        (Path(settings.MEDIA_ROOT) / old).unlink(missing_ok=True)


def _fail(job: RepurposeJob, message: str) -> RepurposeJob:
    _update(job, status=Status.FAILED, error=message[:2000], finished_at=timezone.now())
    return job


class Superseded(Exception):
    """This run no longer owns the job: it was run again (it looked stalled) or published."""


def _own(job: RepurposeJob, *, lock: bool = False) -> None:
    """Raise Superseded unless this run (its attempt number) still owns the running job."""
    rows = RepurposeJob.objects.filter(pk=job.pk, status=Status.RUNNING, attempts=job.attempts)
    if not (rows.select_for_update() if lock else rows).exists():
        raise Superseded


def _update(job: RepurposeJob, **fields: object) -> None:
    """Save some fields (and the heartbeat) at once, outside any transaction, so the staff page
    sees progress while the job runs; only while this run owns the job (Superseded if not)."""
    fields["heartbeat_at"] = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    with transaction.atomic():
        owned = RepurposeJob.objects.filter(
            pk=job.pk, status=Status.RUNNING, attempts=job.attempts
        ).update(**fields)
    if not owned:
        raise Superseded
