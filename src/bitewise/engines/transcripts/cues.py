"""Timed cues and passages: the plain values every transcript format is read into."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

OVERLAP_TOLERANCE = 2.0  # seconds: caption tools often let a cue run into the next one


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


def in_order(cues: Sequence[Cue]) -> tuple[Cue, ...]:
    """``cues`` checked to follow each other: a cue that starts before the previous one, or runs
    more than OVERLAP_TOLERANCE into the next, is an error (the file is not one recording's
    transcript in order); smaller overlaps are trimmed so every cue ends where the next starts."""
    for number, (before, after) in enumerate(pairwise(cues), start=2):
        if after.start < before.start:
            raise TranscriptError(
                f"Cue {number} starts at {_clock(after.start)}, before cue {number - 1} "
                f"({_clock(before.start)}): the cues are out of order."
            )
        if before.end - after.start > OVERLAP_TOLERANCE:
            raise TranscriptError(
                f"Cue {number} starts at {_clock(after.start)}, {before.end - after.start:.1f} s "
                f"before cue {number - 1} ends ({_clock(before.end)}): the cues overlap."
            )
    return tuple(
        replace(cue, end=min(cue.end, after.start)) if cue.end > after.start else cue
        for cue, after in pairwise(cues)
    ) + tuple(cues[-1:])


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours:02d}:{minutes:02d}:{secs:06.3f}"
