"""Scripted spoken sessions for the segmentation and drafting benchmarks: passages written for
this project (``data/spoken/topics.json``) read by espeak-ng, joined into multi-topic sessions
and transcribed by the product's own speech recognition, so the cues carry real recognition
errors, punctuation, timing and word confidence.

    .venv/bin/python benchmarks/spoken_sessions.py   # writes data/spoken/sessions.jsonl

Deterministic up to the speech model; takes about 10 minutes on 2 cores.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bitewise.engines.transcription import PACKAGED, HeardCue, transcribe  # noqa: E402

DATA = Path(__file__).resolve().parent / "data/spoken"
TOPICS = DATA / "topics.json"
SESSIONS = DATA / "sessions.jsonl"
RATE = 16000
SPEED = "130"  # espeak-ng words a minute: each whole passage lasts a little over two minutes
PLAIN, SAID, ASKED = "plain", "said", "asked"
# (id, transitions, pieces): a piece is a topic name, with "/2" for its first half only
SESSIONS_PLAN: list[tuple[str, str, list[str]]] = [
    ("four-a", PLAIN, ["volcanoes", "sourdough", "honeybees", "interest"]),
    ("four-b", SAID, ["water-cycle", "hand-hygiene", "photosynthesis", "printing-press"]),
    ("short-six", PLAIN, ["interest/2", "photosynthesis/2", "volcanoes/2", "hand-hygiene/2",
                          "honeybees/2", "printing-press/2"]),
    ("long-eight", ASKED, ["printing-press", "honeybees", "hand-hygiene", "volcanoes",
                           "interest", "water-cycle", "sourdough", "photosynthesis"]),
    ("mixed", PLAIN, ["volcanoes/2", "sourdough", "water-cycle", "honeybees/2",
                      "printing-press"]),
]  # fmt: skip
SAID_LINES = [
    "Now let's turn to something completely different.",
    "Let's move on to our next topic.",
    "Okay, moving on.",
]
QUESTIONS = {
    "volcanoes": "Next question: where do volcanoes come from?",
    "sourdough": "Next question: how does sourdough bread rise?",
    "honeybees": "Next question: how do bees make honey?",
    "interest": "Next question: why does compound interest matter?",
    "water-cycle": "Next question: how does water move around the planet?",
    "hand-hygiene": "Next question: how do nurses stop infections spreading?",
    "photosynthesis": "Next question: how do plants make their food?",
    "printing-press": "Next question: why was the printing press so important?",
}


def topics() -> dict[str, dict[str, str]]:
    return {t["name"]: t for t in json.loads(TOPICS.read_text())["topics"]}


def half(text: str) -> str:
    """The sentences that make up the first half of ``text`` (by words)."""
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if sum(len(s.split()) for s in kept) >= len(text.split()) / 2:
            break
        kept.append(sentence)
    return " ".join(kept)


def speak(text: str, folder: Path, name: str) -> np.ndarray:
    wav = folder / f"{name}.wav"
    command = ["espeak-ng", "-v", "en-us", "-s", SPEED, "-w", str(wav), text]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    raw = folder / f"{name}.raw"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(wav), "-ac", "1", "-ar", str(RATE),
         "-f", "f32le", str(raw)],
        check=True, timeout=600,
    )  # fmt: skip
    return np.frombuffer(raw.read_bytes(), dtype=np.float32)


def session(plan: tuple[str, str, list[str]], folder: Path, cache: Path) -> dict[str, Any]:
    name, style, pieces = plan
    known = topics()
    audio: list[np.ndarray] = []
    starts: list[float] = []
    parts = []
    for number, piece in enumerate(pieces):
        topic, _, fraction = piece.partition("/")
        text = known[topic]["text"] if not fraction else half(known[topic]["text"])
        if number and style == SAID:
            text = f"{SAID_LINES[number % len(SAID_LINES)]} {text}"
        elif number and style == ASKED:
            text = f"{QUESTIONS[topic]} {text}"
        starts.append(sum(len(a) for a in audio) / RATE)
        audio.append(speak(text, folder, f"{name}-{number}"))
        parts.append({"topic": topic, "title": known[topic]["title"], "whole": not fraction})
    samples = np.concatenate(audio)
    transcript = transcribe(samples, model_spec=PACKAGED, cache_dir=cache)
    cues = transcript.cues
    boundaries = []
    for at in starts[1:]:
        index = min(range(len(cues)), key=lambda i: abs(cues[i].start - at))
        boundaries.append(index)
    return {
        "id": f"spoken/{name}",
        "source": "scripted passages (benchmarks/data/spoken/topics.json), espeak-ng, "
        "transcribed by bitewise.engines.transcription",
        "sentences": [{"text": c.text, "start": round(c.start, 2), "end": round(c.end, 2)}
                      for c in cues],
        "unsure": [list(c.unsure) if isinstance(c, HeardCue) else [] for c in cues],
        "boundaries": boundaries,
        "topic_starts": [round(s, 2) for s in starts],
        "topics": parts,
        "seconds": round(len(samples) / RATE, 2),
    }  # fmt: skip


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for plan in SESSIONS_PLAN:
            row = session(plan, work, work / "models")
            print(row["id"], row["seconds"], len(row["sentences"]), row["boundaries"], flush=True)
            rows.append(row)
    SESSIONS.write_text("".join(json.dumps(r) + "\n" for r in rows))


if __name__ == "__main__":
    main()
