"""Cut a stretch of a recording into its own file without re-encoding it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from bitewise.engines.media.data import MediaError
from bitewise.engines.media.probe import probe
from bitewise.engines.media.run import FFMPEG, input_args, run_tool

# the container we write for each container we read; the source's codecs are kept as they are
MUXERS = {
    "mp3": "mp3",
    "m4a": "ipod",
    "mp4": "mp4",
    "mov": "mov",
    "wav": "wav",
    "ogg": "ogg",
    "webm": "webm",  # a Matroska source with codecs WebM does not allow fails: no clip
}
MAX_CLIP_BYTES = 2 << 30


def cut_clip(
    source: str | os.PathLike[str],
    start: float,
    end: float,
    out_path: str | os.PathLike[str],
    *,
    container: str,
    has_video: bool | None = None,
    timeout: float = 120.0,
    max_bytes: int = MAX_CLIP_BYTES,
) -> bool:
    """Copy [start, end) seconds of ``source`` into ``out_path`` in the same container.

    Sound alone is cut at the packet nearest ``start``. Video can only be copied from a
    keyframe, so a clip with video starts at the last keyframe at or before ``start`` (a
    second or two early, never late). ``has_video`` None probes the source to find out
    (pass ``Probe.has_video`` to save that ffprobe run).

    Returns False, leaving no file, when the container cannot be copied, ffmpeg fails, the
    clip would be empty (a start past the end) or pass ``max_bytes``: the caller then plays
    the range of the whole recording."""
    if not 0 <= start < end:
        raise ValueError(f"need 0 <= start < end, got {start}..{end}")
    if container not in MUXERS:
        return False
    source_path, target = Path(source), Path(out_path)
    if has_video is None:
        try:
            has_video = probe(source_path, timeout=min(timeout, 30.0)).has_video
        except MediaError:
            return False
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent
    )
    os.close(descriptor)
    try:
        if _copy(
            source_path, start, end, Path(temporary), container, has_video, timeout, max_bytes
        ):
            os.replace(temporary, target)
            return True
        return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _copy(
    source: Path,
    start: float,
    end: float,
    temporary: Path,
    container: str,
    with_video: bool,
    timeout: float,
    max_bytes: int,
) -> bool:
    span = ["-ss", f"{start:.3f}", "-to", f"{end:.3f}"]
    # -progress reports how much was written, so an empty clip (start past the end) is
    # caught without running ffprobe on the result
    args = [FFMPEG, "-nostdin", "-v", "error", "-nostats", "-progress", "pipe:1", "-y"]
    args += ["-stats_period", "10"]
    # a sound-only file is read from the start either way: seeking first can land seconds
    # early in Ogg and WebM (a page or cluster boundary), dropping packets is exact
    if with_video:  # seek before reading: lands on the keyframe at or before start
        args += [*span, *input_args(source, container)]
    else:  # read from the beginning and drop packets before start: exact to a packet
        args += [*input_args(source, container), *span]
    args += ["-map", "0:a?", "-map", "0:v?", "-c", "copy", "-avoid_negative_ts", "make_zero"]
    if container in ("mp4", "m4a", "mov"):
        args += ["-movflags", "+faststart"]  # the index first, so browsers play at once
    args += ["-fs", str(max_bytes), "-f", MUXERS[container], "file:" + str(temporary.resolve())]
    try:
        completed = run_tool(args, timeout=timeout, max_stdout=1 << 20)
    except MediaError:
        return False
    if not completed.ok or not 0 < temporary.stat().st_size < max_bytes:
        return False
    return _written_seconds(completed.stdout) > 0


def _written_seconds(progress: bytes | bytearray) -> float:
    """The output length in ffmpeg's last progress block (``out_time_us=``), 0 if unknown."""
    lines = progress.decode("ascii", "replace").splitlines()
    if "progress=end" not in lines:
        return 0.0
    values = [line.partition("=")[2] for line in lines if line.startswith("out_time_us=")]
    try:
        return int(values[-1]) / 1e6
    except (IndexError, ValueError):
        return 0.0
