"""The one error the transcription engine raises on purpose."""

from __future__ import annotations


class TranscriptionError(ValueError):
    """Transcription cannot go ahead; the message is shown to staff as is."""


class NoSpeechError(TranscriptionError):
    """The audio holds no speech the model could hear."""
