"""What a recording holds (ffprobe), and whether it is within the limits."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from bitewise.engines.media.data import MediaError, Probe
from bitewise.engines.media.run import FFPROBE, input_args, reason, run_tool
from bitewise.engines.media.sniff import sniff

MAX_PROBE_OUTPUT = 1 << 20  # ffprobe's JSON for a sane file is a few kB
UNKNOWN_TYPE = (
    "This is not an audio or video file we can read (mp3, m4a, wav, ogg, mp4, webm, mov)."
)
UNREADABLE = "The file is damaged or incomplete and cannot be read"


def probe(
    path: str | os.PathLike[str], *, timeout: float = 30.0, max_seconds: float | None = None
) -> Probe:
    """Container (by content), duration and tracks of a recording, via ffprobe.

    Raises MediaError for anything we cannot use: unknown content, a damaged file, no sound
    track, no length, or longer than ``max_seconds``. A truncated mp3 may still probe with the
    length its header claims; decode_audio() notices the missing part."""
    source = Path(path)
    try:
        container = sniff(source)
    except OSError as error:
        raise MediaError("The file could not be read.") from error
    if container is None:
        raise MediaError(UNKNOWN_TYPE)
    args = [FFPROBE, "-v", "error", "-print_format", "json", "-show_format", "-show_streams"]
    completed = run_tool(
        [*args, *input_args(source, container)], timeout=timeout, max_stdout=MAX_PROBE_OUTPUT
    )
    if completed.timed_out:
        raise MediaError(f"{UNREADABLE}: reading it took longer than {timeout:.0f} s.")
    if not completed.ok:
        raise MediaError(f"{UNREADABLE} ({reason(completed, source)}).")
    try:
        info = json.loads(completed.stdout)
    except ValueError as error:
        raise MediaError(f"{UNREADABLE}.") from error
    result = _read_info(info, container)
    if max_seconds is not None:
        check_limits(result, max_seconds=max_seconds)
    return result


def _read_info(info: dict[str, Any], container: str) -> Probe:
    streams = [s for s in info.get("streams", []) if isinstance(s, dict)]
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    video = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
    ]
    if not audio:
        raise MediaError("The recording has no sound track.")
    audio_codec = str(audio[0].get("codec_name") or "unknown")
    if audio_codec in ("unknown", "none"):
        raise MediaError("We cannot decode the sound: its format (codec) is not supported.")
    durations = [_seconds(info.get("format", {}).get("duration"))]
    durations += [_seconds(s.get("duration")) for s in streams]
    duration = max(durations)
    if duration <= 0:
        raise MediaError("The recording has no length we can read; it may be damaged.")
    return Probe(
        container=container,
        duration=duration,
        has_audio=True,
        has_video=bool(video),
        audio_codec=audio_codec,
        video_codec=str(video[0].get("codec_name") or "unknown") if video else "",
    )


def _seconds(value: object) -> float:
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return seconds if math.isfinite(seconds) and seconds > 0 else 0.0


def check_limits(media: Probe, *, max_seconds: float) -> None:
    """Raise MediaError when the recording is longer than ``max_seconds``."""
    if media.duration > max_seconds:
        raise MediaError(
            f"The recording is {describe_length(media.duration)} long; "
            f"the limit is {describe_length(max_seconds, compact=True)}."
        )


def describe_length(seconds: float, *, compact: bool = False) -> str:
    """ "10 h 0 min", "12 min 5 s", "40 s"; ``compact`` drops zero parts ("4 h")."""
    total = int(seconds)
    hours, minutes, rest = total // 3600, total % 3600 // 60, total % 60
    if hours:
        parts = [(hours, "h"), (minutes, "min")]
    elif minutes:
        parts = [(minutes, "min"), (rest, "s")]
    else:
        parts = [(rest, "s")]
    if compact:
        parts = [p for p in parts if p[0]] or parts[:1]
    return " ".join(f"{value} {unit}" for value, unit in parts)
