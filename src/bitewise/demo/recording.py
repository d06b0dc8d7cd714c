"""The demo's one long "webinar": a presenter's speech, synthesized when the demo loads.

With eSpeak NG and ffmpeg installed (``make test-deps`` installs both), each line of
``content/webinar_script.py`` is spoken by eSpeak NG at its half-minute mark, so the
recording says exactly what its transcript and captions show. eSpeak NG is GPL-3.0 software;
the speech it produces is the demo's own and carries no licence terms. Without them, the
recording is tones written with the stdlib ``wave`` module: each part opens with a chime that
beeps its part number, then repeats a two-note motif at its own pitch (the lessons say so).
8 kHz mono 8-bit keeps twelve minutes under 6 MB.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import wave
from pathlib import Path

from django.conf import settings

from bitewise.demo.content import RECORDING_NAME, RECORDING_PARTS, RecordingPart
from bitewise.demo.content.webinar_script import CUE_SECONDS, SCRIPT

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


VOICE = "en-us"
WORDS_PER_MINUTE = 160
SPEECH_TIMEOUT_SECONDS = 60


def recording_cues() -> list[tuple[int, int, str]]:
    """(start, end, words) of every line the presenter says, in order."""
    cues = []
    for part in sorted(RECORDING_PARTS, key=lambda p: p.start):
        for i, line in enumerate(SCRIPT[part.number]):
            start = part.start + i * CUE_SECONDS
            cues.append((start, min(start + CUE_SECONDS, part.end), line))
    return cues


def can_speak() -> bool:
    return bool(shutil.which("espeak-ng") and shutil.which("ffmpeg"))


def _spoken(line: str, words_per_minute: int) -> bytes:
    """One line as 8 kHz unsigned 8-bit samples: eSpeak NG's WAV, resampled by ffmpeg."""
    speech = subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(words_per_minute), "--stdout", line],
        capture_output=True, check=True, timeout=SPEECH_TIMEOUT_SECONDS,
    ).stdout  # fmt: skip
    return subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", "pipe:0", "-ac", "1",
         "-ar", str(SAMPLE_RATE), "-f", "u8", "pipe:1"],
        input=speech, capture_output=True, check=True, timeout=SPEECH_TIMEOUT_SECONDS,
    ).stdout  # fmt: skip


def speech_audio(line: str, seconds: int) -> bytes:
    """The line spoken within ``seconds`` (faster when it would run over), padded with
    silence to exactly that length."""
    room = (seconds - 1) * SAMPLE_RATE
    samples = _spoken(line, WORDS_PER_MINUTE)
    if len(samples) > room:
        faster = math.ceil(WORDS_PER_MINUTE * len(samples) / room) + 5
        samples = _spoken(line, faster)[:room]
    return samples + _silence(seconds)[: seconds * SAMPLE_RATE - len(samples)]


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
        if can_speak():
            _write_speech(out)
        else:
            _write_tones(out)
    os.replace(partial, path)
    return RECORDING_NAME


def _write_speech(out: wave.Wave_write) -> None:
    written = 0
    for start, end, line in recording_cues():
        out.writeframes(_silence(start - written))
        out.writeframes(speech_audio(line, end - start))
        written = end
    out.writeframes(_silence(expected_frames() // SAMPLE_RATE - written))


def _write_tones(out: wave.Wave_write) -> None:
    written = 0
    for part in sorted(RECORDING_PARTS, key=lambda p: p.start):
        out.writeframes(b"\x80" * ((part.start - written) * SAMPLE_RATE))
        out.writeframes(part_audio(part))
        written = part.end
