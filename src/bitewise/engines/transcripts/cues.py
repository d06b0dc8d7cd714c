"""Timed cues and passages: the plain values every transcript format is read into."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace


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

    @property
    def seconds(self) -> float:
        """How long the transcript runs: the last moment any cue ends."""
        return max((cue.end for cue in self.cues), default=0.0)


@dataclass(frozen=True)
class Passage:
    start: float
    end: float
    text: str
    speakers: tuple[str, ...] = ()


def in_order(cues: Sequence[Cue]) -> tuple[Cue, ...]:
    """``cues`` in order of their start, each ending where the next starts, every word kept.

    Caption files often let cues overlap: a cue runs a little into the next, or, in exports
    with several speakers, one person's cue spans another's interjection (WebVTT allows
    both: https://www.w3.org/TR/webvtt1/#webvtt-cue-timings). The rest of the pipeline needs
    one cue after another, so: cues are sorted by start (file order breaks ties); a cue of
    the same speaker that starts with the one before or lies wholly inside it is the same
    utterance cut in two and joins it; any other overlap is trimmed, the earlier cue ending
    where the later begins, each keeping its own speaker."""
    ordered = sorted(cues, key=lambda cue: cue.start)
    kept: list[Cue] = []
    for cue in ordered:
        before = kept[-1] if kept else None
        if before is not None and cue.start < before.end:
            nested = cue.end <= before.end or cue.start == before.start
            if nested and cue.speaker == before.speaker:
                kept[-1] = replace(
                    before, end=max(before.end, cue.end), text=f"{before.text} {cue.text}"
                )
                continue
            kept[-1] = replace(before, end=cue.start)
        kept.append(cue)
    return tuple(kept)
