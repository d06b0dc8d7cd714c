"""Timed cues and passages: the plain values every transcript format is read into."""

from __future__ import annotations

from dataclasses import dataclass


class TranscriptError(ValueError):
    """The file is not a transcript we can read; the message is shown to staff as is."""


@dataclass(frozen=True)
class Cue:
    start: float  # seconds from the start of the recording
    end: float
    text: str
    speaker: str = ""


@dataclass(frozen=True)
class Transcript:
    format: str  # "vtt", "srt" or "text"
    cues: tuple[Cue, ...]
    is_timed: bool  # False: plain text without timestamps, times are estimates


@dataclass(frozen=True)
class Passage:
    start: float
    end: float
    text: str
    speakers: tuple[str, ...] = ()
