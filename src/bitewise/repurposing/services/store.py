"""A job's transcript is kept as cues on the job: read back into the engine's values here."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.utils.text import slugify

from bitewise.engines import media, transcripts
from bitewise.repurposing.models import RepurposeJob


def cues_store(job: RepurposeJob, transcript: transcripts.Transcript) -> None:
    """Set (not save) the job's cues from a transcript."""
    job.cues = [[c.start, c.end, c.text, c.speaker] for c in transcript.cues]
    job.cues_are_timed = transcript.is_timed


def job_transcript(job: RepurposeJob) -> transcripts.Transcript:
    cues = tuple(
        transcripts.Cue(start=float(a), end=float(b), text=str(text), speaker=str(speaker))
        for a, b, text, speaker in job.cues
    )
    return transcripts.Transcript(format="stored", cues=cues, is_timed=job.cues_are_timed)


def media_settle(job: RepurposeJob) -> str | None:
    """Sniff the saved recording by its content and give the file the matching extension, so
    it is never served under a type its uploader chose. Returns the container, or None (the
    file is then deleted) when it is not a recording we read."""
    path = Path(job.media_file.path)
    container = media.sniff(path)
    if container is None:
        path.unlink(missing_ok=True)
        job.media_file.name = ""
        return None
    # a random prefix: media is served without a login, so unpublished files must not be
    # guessable, and two uploads of one name never meet
    stem = slugify(path.stem)[:40] or "recording"
    target = path.with_name(f"{secrets.token_hex(8)}-{stem}.{container}")
    os.replace(path, target)
    job.media_file.name = str(Path(job.media_file.name or "").with_name(target.name))
    job.container = container
    return container
