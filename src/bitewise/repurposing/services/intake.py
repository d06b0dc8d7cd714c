"""New repurposing jobs: an uploaded recording and/or transcript, or a podcast feed's episodes.
Each is checked enough to refuse what can never work, then queued for the worker."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from bitewise.accounts.models import User
from bitewise.catalog.models.lessons import MAX_LESSON_MINUTES
from bitewise.engines import podcasts
from bitewise.engines.text.sizes import size_and_limit
from bitewise.engines.transcripts import TranscriptError, check_size
from bitewise.repurposing.models import RepurposeJob
from bitewise.repurposing.permissions import jobs_visible_to, uploaders_visible_to
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.lessons import transcript_from_bytes
from bitewise.repurposing.services.locks import job_locked
from bitewise.repurposing.services.store import cues_store, media_settle
from bitewise.search.limits import transcript_limits

MAX_FEED_EPISODES = 200
MAX_GUID = 500  # RepurposeJob.episode_guid
MAX_URL = 1000  # RepurposeJob.media_url


@dataclass(frozen=True)
class FeedIntake:
    jobs: list[RepurposeJob]
    already_queued: int  # episodes already queued by the uploader or a colleague
    without_media: int  # episodes the feed gives no playable recording for


def bounds_check(min_minutes: float, max_minutes: float) -> None:
    if not 0 < max_minutes <= MAX_LESSON_MINUTES or not 0 <= min_minutes <= max_minutes:
        raise RepurposeError(
            f"Lessons need 0 ≤ shortest ≤ longest, and the longest at most "
            f"{MAX_LESSON_MINUTES} minutes."
        )


@transaction.atomic
def repurpose_job_create(
    *,
    by: User,
    title: str,
    recording: UploadedFile[Any] | None = None,
    transcript: UploadedFile[Any] | None = None,
    min_minutes: float = 2.0,
    max_minutes: float = 8.0,
) -> RepurposeJob:
    """A job for a recording, a transcript, or both (the transcript is used, the recording is
    kept for clips). The recording's type is checked by its content here and probed fully by
    the worker; a transcript is read here, so its errors show at once."""
    bounds_check(min_minutes, max_minutes)
    if recording is None and transcript is None:
        raise RepurposeError("Upload a recording, a transcript, or both.")
    job = RepurposeJob(
        created_by=by,
        title=title.strip()[:200] or _title_from(recording or transcript),
        min_minutes=min_minutes,
        max_minutes=max_minutes,
    )
    if transcript is not None:
        name = transcript.name or "transcript.txt"
        try:
            if transcript.size is not None:  # refused before it is read
                check_size(transcript.size, transcript_limits())
            parsed = transcript_from_bytes(transcript.read(), name=name)
        except TranscriptError as exc:
            raise RepurposeError(f"{name}: {exc}") from exc
        except RepurposeError as exc:
            raise RepurposeError(str(exc)) from exc
        job.transcript_name = name[:255]
        cues_store(job, parsed)
    if recording is not None:
        limit = settings.BITEWISE_MAX_MEDIA_BYTES
        if recording.size is not None and recording.size > limit:
            size, most = size_and_limit(recording.size, limit)
            raise RepurposeError(f"The recording is {size}; the limit is {most}.")
        job.media_name = (recording.name or "")[:255]
        job.media_file.save(Path(recording.name or "recording").name, recording, save=False)
        if media_settle(job) is None:
            raise RepurposeError(
                f"{recording.name} is not an audio or video file we can read "
                "(mp3, m4a, wav, ogg, mp4, webm, mov)."
            )
    job.save()
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


@transaction.atomic
def repurpose_jobs_from_feed(
    *, by: User, data: bytes, min_minutes: float = 2.0, max_minutes: float = 8.0
) -> FeedIntake:
    """One job per episode of a podcast RSS feed file; the worker fetches each recording.
    Uploading the same feed again queues only the episodes that are new to the uploader's
    organisation: an episode counts as queued when a job for it is one ``by`` can see
    (permissions.py), so another organisation's upload neither blocks nor shows."""
    bounds_check(min_minutes, max_minutes)
    try:
        feed = podcasts.parse_feed(data)
    except podcasts.FeedError as exc:
        raise RepurposeError(str(exc)) from exc
    too_long = [e for e in feed.episodes if len(e.media_url) > MAX_URL]
    episodes = [e for e in feed.episodes if len(e.media_url) <= MAX_URL][:MAX_FEED_EPISODES]
    guids = {_guid_key(episode.guid) for episode in episodes}
    _uploads_serialize(by)
    known = set(
        jobs_visible_to(by).filter(episode_guid__in=guids).values_list("episode_guid", flat=True)
    )
    jobs = [
        RepurposeJob(
            created_by=by,
            title=(episode.title or feed.title or "Podcast episode")[:200],
            media_url=episode.media_url,
            transcript_url=_within(episode.transcript_url),
            feed_title=feed.title[:200],
            episode_guid=_guid_key(episode.guid),
            min_minutes=min_minutes,
            max_minutes=max_minutes,
        )
        for episode in episodes
        if _guid_key(episode.guid) not in known
    ]
    created = RepurposeJob.objects.bulk_create(jobs)
    ids = [job.pk for job in created]
    transaction.on_commit(lambda: _enqueue_all(ids))
    return FeedIntake(
        jobs=created, already_queued=len(known), without_media=feed.skipped + len(too_long)
    )


def _uploads_serialize(by: User) -> None:
    """Wait for the feed uploads of those whose jobs ``by`` sees (and who see ``by``'s) to
    commit, so that an upload made at the same moment by the same person or a colleague is
    read before deciding what is new. Each uploader locks their own row and those of the
    people whose jobs they see, in one order; the job table's constraint backs it for one
    person's uploads."""
    list(uploaders_visible_to(by).select_for_update().order_by("pk").values_list("pk", flat=True))


def _within(url: str | None) -> str:
    """A published transcript's link, or "" when there is none or it is too long to keep (the
    recording is then transcribed)."""
    return url if url and len(url) <= MAX_URL else ""


def _guid_key(guid: str) -> str:
    """An episode's id as stored: as it is, or its SHA-256 when longer than the column."""
    return guid if len(guid) <= MAX_GUID else "sha256:" + hashlib.sha256(guid.encode()).hexdigest()


@transaction.atomic
def repurpose_job_retry(*, job: RepurposeJob) -> RepurposeJob:
    """Queue a failed or stalled job again; it carries on from its last finished stage."""
    job = job_locked(job)
    if not job.can_retry:
        raise RepurposeError("Only a failed or stalled job can be run again.")
    job.status, job.error, job.finished_at = RepurposeJob.Status.QUEUED, "", None
    job.heartbeat_at = timezone.now()  # queued again now: "stalled" counts from here
    job.save(update_fields=["status", "error", "finished_at", "heartbeat_at"])
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _title_from(upload: UploadedFile[Any] | None) -> str:
    stem = Path(upload.name or "").stem if upload is not None else ""
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:200] or "Recording"


def _enqueue_all(job_ids: list[int]) -> None:
    for job_id in job_ids:
        _enqueue(job_id)


def _enqueue(job_id: int) -> None:
    from bitewise.repurposing.tasks import repurpose_job_run_task  # tasks import services

    repurpose_job_run_task.enqueue(job_id)
