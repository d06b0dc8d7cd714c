"""What search hands to views, the API and other apps."""

from __future__ import annotations

from dataclasses import dataclass

from bitewise.engines.text.clock import clock
from bitewise.engines.transcripts import Cue


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    kind: str  # "lesson", "explanation" or "passage"
    title: str
    snippet: str
    url: str
    start_seconds: int | None  # where a recording hit starts playing
    score: float

    @property
    def clock(self) -> str:
        """Where a recording hit starts, as a player shows it: ``1:23`` or ``1:02:03``."""
        if self.start_seconds is None:
            return ""
        return clock(self.start_seconds)


@dataclass(frozen=True)
class LessonCut:
    """A lesson that plays a clip cut from a recording: the range of the recording it holds
    and where its clip begins in the recording."""

    lesson_id: int
    start: float
    end: float
    media_offset: float


@dataclass(frozen=True)
class RecordingTranscript:
    """A recording's timed transcript, handed to search by the app that cut lessons from it.
    Lessons that play the recording file itself (a range of it) are found by their media."""

    source_key: str  # what made it, written once: "repurpose-job:<id>"
    title: str
    recording_file: str  # the stored media file's name (or blank, and a URL)
    recording_url: str
    filename: str
    format: str
    cues: tuple[Cue, ...]
    lessons: tuple[LessonCut, ...] = ()
