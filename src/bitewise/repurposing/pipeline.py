"""Transcript file → drafted micro-lessons: parse, segment, draft. Writes nothing."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bitewise.engines import drafting, segmentation, transcripts

logger = logging.getLogger(__name__)

TRANSCRIPT_FORMATS = {".vtt": "vtt", ".srt": "srt", ".txt": "text"}
MEDIA_SUFFIXES = frozenset({".mp3", ".m4a", ".wav", ".ogg", ".mp4", ".webm", ".mov"})
MAX_BYTES = 50 * 1024 * 1024  # ten hours of captions is a few MB; more is not a transcript


class RepurposeError(Exception):
    """Input we cannot repurpose; the message is shown to the user as is."""


@dataclass(frozen=True)
class Lesson:
    start: float
    end: float
    draft: drafting.Draft


def read_transcript(path: Path) -> transcripts.Transcript:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise RepurposeError(f"No such file: {path}")
    if suffix in MEDIA_SUFFIXES:
        raise RepurposeError(
            "Transcription is not available yet: give a transcript (.vtt, .srt or .txt) "
            "of the recording."
        )
    if suffix not in TRANSCRIPT_FORMATS:
        raise RepurposeError(
            f"Unsupported file type {suffix or '(none)'!r}: give a .vtt, .srt or .txt transcript."
        )
    if path.stat().st_size > MAX_BYTES:
        raise RepurposeError(f"{path.name} is over {MAX_BYTES // 2**20} MB: not a transcript.")
    try:
        text = transcripts.decode(path.read_bytes())
        return transcripts.parse_transcript(text, format=TRANSCRIPT_FORMATS[suffix])
    except OSError as exc:
        raise RepurposeError(f"Cannot read {path}: {exc.strerror}") from exc
    except transcripts.TranscriptError as exc:
        raise RepurposeError(f"{path.name}: {exc}") from exc


def lessons_from(
    transcript: transcripts.Transcript, *, min_minutes: float, max_minutes: float
) -> list[Lesson]:
    units = [
        segmentation.Unit(
            cue.text,
            cue.start if transcript.is_timed else None,
            cue.end if transcript.is_timed else None,
            cue.speaker,
        )
        for cue in transcript.cues
    ]
    if not any(unit.text.strip() for unit in units):
        raise RepurposeError("The transcript has no text.")
    options = segmentation.Options(min_minutes=min_minutes, max_minutes=max_minutes)
    result = segmentation.segment_units(units, vectors=_embeddings(units), options=options)
    texts = [" ".join(u.text for u in units[s.first : s.stop]) for s in result.segments]
    drafts = drafting.draft_segments(texts)
    return [
        Lesson(start=s.start, end=s.end, draft=d)
        for s, d in zip(result.segments, drafts, strict=True)
    ]


def _embeddings(units: Sequence[segmentation.Unit]) -> npt.NDArray[np.float64] | None:
    """Vectors from the shipped sentence model; None (the engine's model-free fallback) if the
    model cannot be loaded, so a missing model degrades quality but never the command."""
    try:
        from bitewise.search import embeddings

        return np.asarray(embeddings.embed([u.text for u in units]), dtype=np.float64)
    except Exception:  # any failure to load or run the model
        logger.warning("Embedding model unavailable; using lexical vectors", exc_info=True)
        return None
