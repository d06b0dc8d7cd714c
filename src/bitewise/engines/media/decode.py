"""A recording's first sound track as mono float samples, the form speech models take."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bitewise.engines.media.data import MediaError, Probe
from bitewise.engines.media.probe import describe_length, probe
from bitewise.engines.media.run import FFMPEG, input_args, reason, run_tool

BYTES_PER_SAMPLE = 4  # f32le
# the decoded sound may run a little past the container's duration (padding, rounding)
SLACK_RATIO, SLACK_SECONDS = 1.02, 10.0
# less than this share of the announced length decoded: the file was cut short
MIN_DECODED_RATIO, MIN_MISSING_SECONDS = 0.5, 1.0


def decode_audio(
    path: str | os.PathLike[str],
    *,
    timeout: float,
    sample_rate: int = 16000,
    probed: Probe | None = None,
) -> npt.NDArray[np.float32]:
    """Decode the first sound track to mono float32 at ``sample_rate`` with ffmpeg.

    The output is capped at the probed duration plus slack, so a container that understates
    its length cannot fill memory. Raises MediaError when ffmpeg cannot decode it, when it
    runs past ``timeout``, or when far less sound comes out than the file announced."""
    source = Path(path)
    media = probed or probe(source, timeout=min(timeout, 30.0))
    max_seconds = media.duration * SLACK_RATIO + SLACK_SECONDS
    max_bytes = int(max_seconds * sample_rate) * BYTES_PER_SAMPLE
    args = [FFMPEG, "-nostdin", "-v", "error", *input_args(source, media.container)]
    args += ["-map", "0:a:0", "-ac", "1", "-ar", str(sample_rate), "-f", "f32le", "pipe:1"]
    completed = run_tool(args, timeout=timeout, max_stdout=max_bytes)
    if completed.timed_out:
        raise MediaError(f"Decoding the sound took longer than {describe_length(timeout)}.")
    if completed.overflowed:
        raise MediaError(
            "The sound track is longer than the file says it is; "
            "export the recording again and upload the new file."
        )
    if not completed.ok:
        raise MediaError(f"We cannot decode the sound: {reason(completed, source)}.")
    buffer = completed.stdout
    del buffer[len(buffer) - len(buffer) % BYTES_PER_SAMPLE :]
    samples = np.frombuffer(buffer, dtype=np.float32)  # shares the buffer: no copy
    decoded = len(samples) / sample_rate
    if decoded == 0:
        raise MediaError("We cannot decode the sound: the sound track is empty.")
    if (
        decoded < media.duration * MIN_DECODED_RATIO
        and media.duration - decoded > MIN_MISSING_SECONDS
    ):
        raise MediaError(
            f"The recording ends early: it should be {describe_length(media.duration)} long "
            f"but only {describe_length(decoded)} could be read. Upload the complete file."
        )
    return samples
