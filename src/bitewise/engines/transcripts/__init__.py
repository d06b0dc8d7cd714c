"""Transcript formats (WebVTT, SRT, plain text) into timed cues and searchable passages."""

from bitewise.engines.transcripts.cues import Cue, Passage, Transcript, TranscriptError
from bitewise.engines.transcripts.parse import decode, parse_transcript, split_speaker
from bitewise.engines.transcripts.passages import group_passages

__all__ = [
    "Cue",
    "Passage",
    "Transcript",
    "TranscriptError",
    "decode",
    "group_passages",
    "parse_transcript",
    "split_speaker",
]
