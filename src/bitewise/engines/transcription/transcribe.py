"""Speech to timed cues with faster-whisper (CTranslate2 Whisper), with progress reports."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bitewise.engines.transcription.cues import cues_from_segments
from bitewise.engines.transcription.errors import NoSpeechError, TranscriptionError
from bitewise.engines.transcription.model import resolve_model
from bitewise.engines.transcripts import Transcript

SAMPLE_RATE = 16000
NO_SPEECH = "No speech was found in the recording."
# Chosen by benchmarks/transcription_bench.py (speed and word error rate side by side): on a
# CPU, one CTranslate2 thread per core (faster-whisper's default of 4 oversubscribes small
# machines); the speech chunks Silero VAD finds decoded eight at a time, which was both
# faster and more accurate than one window after another; beam search kept, since greedy
# decoding missed more words.
BEAM_SIZE = 5
BATCH_SIZE = 8


@dataclass(frozen=True)
class Progress:
    percent: float  # of the recording's length transcribed so far, 0 to 100
    elapsed_seconds: float
    remaining_seconds: float | None  # None until there is something to extrapolate from


_models: dict[tuple[str, str, str, int], Any] = {}
_models_lock = threading.Lock()


def pick_device(device: str) -> str:
    """ "auto" becomes "cuda" when CTranslate2 sees a GPU, else "cpu"."""
    if device != "auto":
        return device
    import ctranslate2

    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def cpu_threads() -> int:
    """Threads for CPU inference: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def load_model(
    spec: str,
    cache_dir: Path,
    *,
    device: str = "cpu",
    compute_type: str = "int8",
    threads: int = 0,
) -> Any:
    """The WhisperModel for ``spec``, loaded once per (model, device, compute type, threads);
    ``threads`` 0 is one per core (:func:`cpu_threads`)."""
    path = resolve_model(spec, cache_dir)
    key = (path, pick_device(device), compute_type, threads or cpu_threads())
    with _models_lock:
        if key not in _models:
            _models[key] = _load(path, cache_dir, key[1], compute_type, key[3])
        return _models[key]


def _load(path: str, cache_dir: Path, device: str, compute_type: str, threads: int) -> Any:
    from faster_whisper import WhisperModel  # heavy import: only when a model is needed

    is_folder = Path(path).is_dir()
    try:
        return WhisperModel(
            path,
            device=device,
            compute_type=compute_type,
            cpu_threads=threads,
            local_files_only=is_folder,
            download_root=None if is_folder else str(cache_dir / "hub"),
        )
    except Exception as error:  # faster-whisper and the Hub client raise many kinds
        if not is_folder and _is_download_error(error):
            detail = (
                f'the model "{path}" could not be downloaded (is the server offline?); '
                'set the model to a local model folder or to "base-packaged"'
            )
        else:
            detail = f'the model "{path}" could not be loaded on {device} ({compute_type})'
        raise TranscriptionError(
            f"Speech recognition is unavailable: {detail}. ({str(error)[:300]})"
        ) from error


def _is_download_error(error: Exception) -> bool:
    module = type(error).__module__.split(".")[0]
    return isinstance(error, OSError) or module in ("huggingface_hub", "httpx", "requests")


def transcribe(
    audio: npt.NDArray[np.float32],
    *,
    model_spec: str,
    cache_dir: Path,
    device: str = "cpu",
    compute_type: str = "int8",
    language: str | None = None,
    beam_size: int = BEAM_SIZE,
    threads: int = 0,
    vad: bool = True,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[Progress], None] | None = None,
) -> Transcript:
    """Transcribe 16 kHz mono float32 samples into sentence-sized timed cues.

    Silence is skipped (Silero voice activity detection, unless ``vad`` is False) and every
    word is timed, so long Whisper segments can be split at sentence ends and the words the
    model was unsure of travel with their cue (:class:`HeardCue`). ``language`` None detects
    it from the first 30 s. ``batch_size`` above 0 decodes that many speech chunks at once
    (faster-whisper's batched pipeline, which needs ``vad``); 0 decodes one window after
    another. Raises TranscriptionError when the model cannot be
    loaded or no speech is found."""
    if audio.ndim != 1:
        raise ValueError(f"expected mono samples (one dimension), got shape {audio.shape}")
    duration = len(audio) / SAMPLE_RATE
    if duration == 0:
        raise NoSpeechError(NO_SPEECH)
    model = load_model(
        model_spec, cache_dir, device=device, compute_type=compute_type, threads=threads
    )
    reported = _Reporter(duration, time.monotonic(), on_progress)
    reported.report(0.0)
    try:  # the work happens while the segments are iterated
        if batch_size > 0 and vad:
            from faster_whisper import BatchedInferencePipeline

            segments, _info = BatchedInferencePipeline(model).transcribe(
                audio,
                language=language,
                beam_size=beam_size,
                vad_filter=vad,
                word_timestamps=True,
                batch_size=batch_size,
            )
        else:
            segments, _info = model.transcribe(
                audio,
                language=language,
                beam_size=beam_size,
                vad_filter=vad,
                word_timestamps=True,
            )
        cues = cues_from_segments(reported.passing(segments), duration)
    except RuntimeError as error:  # CTranslate2: out of memory, a missing CUDA library, …
        raise TranscriptionError(f"Speech recognition failed on {device}: {error}") from error
    reported.done()
    if not cues:
        raise NoSpeechError(NO_SPEECH)
    return Transcript(format="speech", cues=tuple(cues), is_timed=True)


class _Reporter:
    """Progress from how far into the recording the last segment ends, never going back."""

    def __init__(
        self, duration: float, began: float, on_progress: Callable[[Progress], None] | None
    ) -> None:
        self.duration, self.began, self.on_progress = duration, began, on_progress
        self.percent = 0.0

    def passing(self, segments: Iterable[Any]) -> Iterable[Any]:
        for segment in segments:
            self.report(min(100.0, 100.0 * float(segment.end) / self.duration))
            yield segment

    def report(self, percent: float) -> None:
        self.percent = max(self.percent, percent)
        if self.on_progress is None:
            return
        elapsed = time.monotonic() - self.began
        remaining = elapsed * (100.0 - self.percent) / self.percent if self.percent else None
        self.on_progress(Progress(self.percent, elapsed, remaining))

    def done(self) -> None:
        self.report(100.0)
