"""Speech to timed transcripts with faster-whisper; word error rate (framework-free)."""

from bitewise.engines.transcription.cues import UNSURE_PROBABILITY, HeardCue, cues_from_segments
from bitewise.engines.transcription.errors import NoSpeechError, TranscriptionError
from bitewise.engines.transcription.model import (
    MODEL_SHA256,
    PACKAGED,
    assemble_from_packages,
    resolve_model,
)
from bitewise.engines.transcription.transcribe import (
    NO_SPEECH,
    SAMPLE_RATE,
    Progress,
    load_model,
    pick_device,
    transcribe,
)
from bitewise.engines.transcription.wer import word_error_rate
from bitewise.engines.transcription.windows import window_bounds

__all__ = [
    "MODEL_SHA256",
    "NO_SPEECH",
    "PACKAGED",
    "SAMPLE_RATE",
    "UNSURE_PROBABILITY",
    "HeardCue",
    "NoSpeechError",
    "Progress",
    "TranscriptionError",
    "assemble_from_packages",
    "cues_from_segments",
    "load_model",
    "pick_device",
    "resolve_model",
    "transcribe",
    "window_bounds",
    "word_error_rate",
]
