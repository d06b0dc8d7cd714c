"""The demo's one long "webinar": synthesized tones written with the stdlib ``wave`` module.

Each part opens with a chime that beeps its part number, then repeats a two-note motif at
its own pitch, so a lesson that plays one part's range sounds different from its
neighbours. 8 kHz mono 8-bit keeps twelve minutes under 6 MB.
"""

from __future__ import annotations

import math
import os
import wave
from pathlib import Path

from django.conf import settings

from bitewise.demo.content import RECORDING_NAME, RECORDING_PARTS, RecordingPart

SAMPLE_RATE = 8000
CHIME_HZ = 1046.5
PART_PITCHES_HZ = (261.6, 329.6, 392.0, 523.3, 659.3)
BAR_SECONDS = 2.0
FADE_SECONDS = 0.01


def _tone(freq: float, seconds: float, volume: float) -> bytes:
    """Unsigned 8-bit samples (silence is 128) with a short fade in and out, no clicks."""
    count = int(seconds * SAMPLE_RATE)
    fade = max(1, int(FADE_SECONDS * SAMPLE_RATE))
    samples = bytearray(count)
    for i in range(count):
        envelope = min(1.0, i / fade, (count - 1 - i) / fade)
        value = math.sin(2 * math.pi * freq * i / SAMPLE_RATE) * volume * envelope
        samples[i] = 128 + round(127 * value)
    return bytes(samples)


def _silence(seconds: float) -> bytes:
    return b"\x80" * int(seconds * SAMPLE_RATE)


def part_audio(part: RecordingPart) -> bytes:
    """The samples of one part: the numbered chime, then the part's motif to the end."""
    chime = b"".join(_tone(CHIME_HZ, 0.15, 0.5) + _silence(0.15) for _ in range(part.number))
    pitch = PART_PITCHES_HZ[(part.number - 1) % len(PART_PITCHES_HZ)]
    bar = _tone(pitch, 0.4, 0.35) + _silence(0.1) + _tone(pitch * 1.5, 0.4, 0.3)
    bar += _silence(BAR_SECONDS - 0.9)
    length = (part.end - part.start) * SAMPLE_RATE
    body = chime + _silence(0.5)
    body += bar * (max(0, length - len(body)) // len(bar) + 1)
    return body[:length]


def recording_path() -> Path:
    return Path(settings.MEDIA_ROOT) / RECORDING_NAME


def expected_frames() -> int:
    return max(part.end for part in RECORDING_PARTS) * SAMPLE_RATE


def _is_complete(path: Path) -> bool:
    try:
        with wave.open(str(path), "rb") as existing:
            return (
                existing.getframerate() == SAMPLE_RATE
                and existing.getnframes() == expected_frames()
            )
    except (OSError, EOFError, wave.Error):
        return False


def ensure_recording() -> str:
    """Write the recording under MEDIA_ROOT unless a complete one is there; return the
    name to store in a lesson's ``media_file``."""
    path = recording_path()
    if _is_complete(path):
        return RECORDING_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with wave.open(str(partial), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(SAMPLE_RATE)
        written = 0
        for part in sorted(RECORDING_PARTS, key=lambda p: p.start):
            out.writeframes(b"\x80" * ((part.start - written) * SAMPLE_RATE))
            out.writeframes(part_audio(part))
            written = part.end
    os.replace(partial, path)
    return RECORDING_NAME
