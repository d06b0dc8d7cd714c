"""Transcript → proposed micro-lessons: read, segment, draft (and the optional model step).
Writes nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt
from django.conf import settings

from bitewise.engines import drafting, embeddings, segmentation, transcripts
from bitewise.repurposing.pipeline.errors import RepurposeError
from bitewise.repurposing.pipeline.llm import llm_improve
from bitewise.search.limits import transcript_limits

logger = logging.getLogger(__name__)

TRANSCRIPT_FORMATS = {".vtt": "vtt", ".srt": "srt", ".txt": "text"}


@dataclass(frozen=True)
class ProposedLesson:
    """A lesson the pipeline proposes: a range of the transcript and its draft (not yet a
    catalog ``Lesson``)."""

    start: float
    end: float
    draft: drafting.Draft
    first: int = 0  # the transcript's cues [first, stop)
    stop: int = 0
    boundary: segmentation.Boundary | None = None  # why it starts here; None for the first
    spans_topics: bool = False  # a second topic starts inside: staff may split it ...
    suggested_split: float | None = None  # ... here (seconds)


def require_file(path: Path) -> None:
    """Refuse, with a message, a path that is no file: missing, or a folder."""
    if path.is_dir():
        raise RepurposeError(f"{path} is a folder: give a recording or a transcript file.")
    if not path.is_file():
        raise RepurposeError(f"No such file: {path}")


def read_transcript(path: Path) -> transcripts.Transcript:
    suffix = path.suffix.lower()
    require_file(path)
    if suffix not in TRANSCRIPT_FORMATS:
        raise RepurposeError(
            f"Unsupported file type {suffix or '(none)'!r}: give a recording "
            "(mp3, m4a, wav, ogg, mp4, webm, mov) or a transcript (.vtt, .srt, .txt)."
        )
    try:
        transcripts.check_size(path.stat().st_size, transcript_limits())  # before reading it
        return transcript_from_bytes(path.read_bytes(), name=path.name)
    except transcripts.TranscriptError as exc:
        raise RepurposeError(f"{path.name}: {exc}") from exc
    except OSError as exc:
        raise RepurposeError(f"Cannot read {path}: {exc.strerror}") from exc


def transcript_from_bytes(data: bytes, *, name: str) -> transcripts.Transcript:
    """An uploaded or read transcript; ``name``'s suffix says the format. Refused, before any
    work on it, when it is over the transcript limits (size, length, cues)."""
    suffix = Path(name).suffix.lower()
    if suffix not in TRANSCRIPT_FORMATS:
        raise RepurposeError(f"{name}: a transcript must be a .vtt, .srt or .txt file.")
    try:
        return transcripts.read_transcript_bytes(
            data, format=TRANSCRIPT_FORMATS[suffix], limits=transcript_limits()
        )
    except transcripts.TranscriptError as exc:
        raise RepurposeError(f"{name}: {exc}") from exc


def units_of(transcript: transcripts.Transcript) -> list[segmentation.Unit]:
    return [
        segmentation.Unit(
            cue.text,
            cue.start if transcript.is_timed else None,
            cue.end if transcript.is_timed else None,
            cue.speaker,
        )
        for cue in transcript.cues
    ]


def lessons_from(
    transcript: transcripts.Transcript, *, min_minutes: float, max_minutes: float
) -> list[ProposedLesson]:
    units = units_of(transcript)
    if not any(unit.text.strip() for unit in units):
        raise RepurposeError("The transcript has no text.")
    options = segmentation.Options(min_minutes=min_minutes, max_minutes=max_minutes)
    result = segmentation.segment_units(units, vectors=_embeddings(units), options=options)
    texts = [" ".join(u.text for u in units[s.first : s.stop]) for s in result.segments]
    unsure = [  # words the speech model was unsure of (recordings only)
        [w for cue in transcript.cues[s.first : s.stop] for w in getattr(cue, "unsure", ())]
        for s in result.segments
    ]
    drafts = drafting.draft_segments(texts, unsure=unsure, related=related_words())
    explained: list[segmentation.Boundary | None] = [None, *result.boundaries]
    return [
        ProposedLesson(
            start=s.start,
            end=s.end,
            draft=d,
            first=s.first,
            stop=s.stop,
            boundary=b,
            spans_topics=s.spans_topics,
            suggested_split=s.suggested_split_time,
        )
        for s, d, b in zip(result.segments, drafts, explained, strict=True)
    ]


def _model_folder() -> Path:
    return embeddings.model_folder(settings.BITEWISE_EMBEDDINGS_DIR)


def related_words() -> drafting.Related | None:
    """Same-topic wrong choices from the shipped sentence model's vocabulary; None (fill-in-
    the-blank questions only) if the model cannot be loaded."""
    try:
        return drafting.Related.from_static_model(embeddings.static_model(_model_folder()))
    except Exception:  # any failure to load the model
        logger.warning("Embedding model unavailable; questions without choices", exc_info=True)
        return None


def _embeddings(units: Sequence[segmentation.Unit]) -> npt.NDArray[np.float64] | None:
    """Vectors from the shipped sentence model; None (the engine's model-free fallback) if the
    model cannot be loaded, so a missing model degrades quality but never the command."""
    try:
        vectors = embeddings.embed([u.text for u in units], _model_folder())
        return np.asarray(vectors, dtype=np.float64)
    except Exception:  # any failure to load or run the model
        logger.warning("Embedding model unavailable; using lexical vectors", exc_info=True)
        return None


def lessons_drafted(
    transcript: transcripts.Transcript,
    *,
    min_minutes: float,
    max_minutes: float,
    on_each: Callable[[int, int], None] | None = None,
) -> tuple[list[ProposedLesson], list[str]]:
    """The proposed lessons with their drafts, improved by the optional language model where
    one is configured (``on_each(done, of)`` after each of its calls: a worker's heartbeat),
    and the model step's warnings. The one drafting step of the worker and the command."""
    lessons = lessons_from(transcript, min_minutes=min_minutes, max_minutes=max_minutes)
    drafts, warnings = llm_improve(
        [" ".join(c.text for c in transcript.cues[x.first : x.stop]) for x in lessons],
        [x.draft for x in lessons],
        on_each=None if on_each is None else (lambda done: on_each(done, len(lessons))),
    )
    return [replace(x, draft=d) for x, d in zip(lessons, drafts, strict=True)], warnings
