"""Transcript formats (WebVTT, SRT, plain text) into timed cues and searchable passages."""

from bitewise.engines.transcripts.attribution import Placement, Span, place
from bitewise.engines.transcripts.cues import Cue, Passage, Transcript, TranscriptError
from bitewise.engines.transcripts.cuetext import has_words
from bitewise.engines.transcripts.limits import (
    MAX_CUE_CHARS,
    Limits,
    check_length,
    check_size,
    read_transcript_bytes,
)
from bitewise.engines.transcripts.parse import decode, parse_transcript, split_speaker
from bitewise.engines.transcripts.passages import group_passages

__all__ = [
    "MAX_CUE_CHARS",
    "Cue",
    "Limits",
    "Passage",
    "Placement",
    "Span",
    "Transcript",
    "TranscriptError",
    "check_length",
    "check_size",
    "decode",
    "group_passages",
    "has_words",
    "parse_transcript",
    "place",
    "read_transcript_bytes",
    "split_speaker",
]
