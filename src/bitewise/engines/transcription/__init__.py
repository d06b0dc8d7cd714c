"""Speech to timed transcripts with faster-whisper; word error rate (framework-free)."""

from bitewise.engines.transcription.cues import cues_from_segments
from bitewise.engines.transcription.errors import TranscriptionError
from bitewise.engines.transcription.model import (
    MODEL_SHA256,
    PACKAGED,
    assemble_from_packages,
    resolve_model,
)
from bitewise.engines.transcription.transcribe import (
    Progress,
    load_model,
    pick_device,
    transcribe,
)
from bitewise.engines.transcription.wer import word_error_rate

__all__ = [
    "MODEL_SHA256",
    "PACKAGED",
    "Progress",
    "TranscriptionError",
    "assemble_from_packages",
    "cues_from_segments",
    "load_model",
    "pick_device",
    "resolve_model",
    "transcribe",
    "word_error_rate",
]
