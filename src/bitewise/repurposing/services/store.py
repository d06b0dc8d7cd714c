"""A job's transcript is kept as cues on the job: read back into the engine's values here."""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from bitewise.engines import media, transcripts
from bitewise.engines.transcription import HeardCue
from bitewise.repurposing.models import RepurposeJob


def cue_row(cue: transcripts.Cue) -> list[Any]:
    """A cue as the job keeps it: ``[start, end, text, speaker]``, then the words the speech
    model was unsure of (a list) where it was unsure of any."""
    unsure = list(getattr(cue, "unsure", ()))
    row: list[Any] = [cue.start, cue.end, cue.text, cue.speaker]
    return [*row, unsure] if unsure else row


def cue_unsure(row: Sequence[Any]) -> tuple[str, ...]:
    """The words the speech model was unsure of in a kept cue (none for a read transcript)."""
    return tuple(str(w) for w in row[4]) if len(row) > 4 else ()


def cues_store(job: RepurposeJob, transcript: transcripts.Transcript) -> None:
    """Set (not save) the job's cues from a transcript."""
    job.cues = [cue_row(c) for c in transcript.cues]
    job.cues_are_timed = transcript.is_timed


def job_transcript(job: RepurposeJob) -> transcripts.Transcript:
    """The kept cues as the engines take them: heard cues keep their unsure words, so the
    drafts never build on a word the speech model doubted."""
    cues: list[transcripts.Cue] = []
    for row in job.cues:
        start, end, text, speaker = float(row[0]), float(row[1]), str(row[2]), str(row[3])
        unsure = cue_unsure(row)
        cues.append(
            HeardCue(start, end, text, speaker, unsure=unsure)
            if unsure
            else transcripts.Cue(start=start, end=end, text=text, speaker=speaker)
        )
    return transcripts.Transcript(format="stored", cues=tuple(cues), is_timed=job.cues_are_timed)


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
