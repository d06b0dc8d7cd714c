"""Real media for the repurposing tests, made at test time with Debian's espeak-ng and ffmpeg
(installed by `make test-deps`): speech with a known text, silence, a video without sound."""

from __future__ import annotations

import subprocess
from pathlib import Path

SENTENCES = [
    "Welcome to this short session on budgeting for professional associations.",
    "A revenue forecast estimates membership dues and conference income for the year.",
    "The board approves the operating budget and keeps an operating reserve.",
    "Now let us turn to volunteers, who run most committees in an association.",
    "Volunteer recruitment works best when every role has a clear description.",
    "Thank your volunteers often, and give them a path to leadership roles.",
]


def speech(path: Path, sentences: list[str] | None = None) -> Path:
    """A WAV of espeak-ng reading ``sentences`` with a pause between them (about 30 s)."""
    text = " ".join(sentences or SENTENCES)
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", "150", "-g", "12", "-w", str(path), text],
        check=True,
        timeout=60,
    )
    return path


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True, timeout=60)


def silence(path: Path, seconds: int = 5) -> Path:
    ffmpeg("-f", "lavfi", "-i", f"anullsrc=r=16000:cl=mono:d={seconds}", str(path))
    return path


def video_without_sound(path: Path) -> Path:
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=2", "-c:v", "mpeg4", str(path))
    return path
