"""One set of limits for every transcript we read (staff uploads for search, repurposing
uploads, the command line), checked before the work that they bound."""

from __future__ import annotations

from dataclasses import dataclass

from bitewise.engines.text.clock import clock
from bitewise.engines.text.sizes import size_and_limit
from bitewise.engines.transcripts.cues import Transcript, TranscriptError
from bitewise.engines.transcripts.parse import decode, parse_transcript

# One caption: what a speaker says in one turn of a few minutes, with room to spare. The
# same bound holds for staff's corrections (search/services/captions.py), so any caption read
# can be corrected.
MAX_CUE_CHARS = 10_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # the file as uploaded
    max_seconds: float  # how long it runs: no longer than the longest recording we take
    max_cues: int
    max_cue_chars: int = MAX_CUE_CHARS


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file by its size alone, before it is read."""
    if size > limits.max_bytes:
        said, limit = size_and_limit(size, limits.max_bytes)
        raise TranscriptError(f"The transcript is {said}; the limit is {limit}.")


def check_length(transcript: Transcript, limits: Limits) -> None:
    """Refuse a transcript that runs too long, has too many cues or a caption of pages,
    before any work on it."""
    if len(transcript.cues) > limits.max_cues:
        raise TranscriptError(
            f"The transcript has {len(transcript.cues):,} cues; the limit is {limits.max_cues:,}."
        )
    if transcript.seconds > limits.max_seconds:
        how = "" if transcript.is_timed else " (estimated from its words: it has no timestamps)"
        raise TranscriptError(
            f"The transcript runs {clock(transcript.seconds)}{how}; the limit is "
            f"{clock(limits.max_seconds)}, the longest recording we take."
        )
    longest = max(transcript.cues, key=lambda cue: len(cue.text), default=None)
    if longest is not None and len(longest.text) > limits.max_cue_chars:
        why = "" if transcript.is_timed else " (text without timestamps is cut at sentence ends)"
        raise TranscriptError(
            f"The caption at {clock(longest.start)} has {len(longest.text):,} characters; a "
            f"caption may hold {limits.max_cue_chars:,}{why}: split it into shorter ones."
        )


def read_transcript_bytes(data: bytes, *, format: str, limits: Limits) -> Transcript:
    """Check the size, decode, parse (``format`` as for parse_transcript), check the length."""
    check_size(len(data), limits)
    transcript = parse_transcript(decode(data), format=format)
    check_length(transcript, limits)
    return transcript
