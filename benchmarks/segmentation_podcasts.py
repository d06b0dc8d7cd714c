"""Real podcasts and recorded conference sessions with topic marks, as documents for the
segmentation scorer: the transcripts of Bitcoin Transcripts (github.com/bitcointranscripts/
bitcointranscripts, MIT licence, "Copyright (c) 2021 Bitcoin Transcripts"), read by path from a
checkout of that repository. Nothing of it is copied into this project.

Those transcripts are reviewed by people (review.btctranscripts.com) and many of them keep the
episode's chapters as ``## Heading`` lines between timed speaker turns::

    Speaker 1: 00:05:35
    Well, I'm excited to talk about this.

    ## Building a valid block 101

    Speaker 2: 00:05:47
    So, before we talk about building the blocks, ...

A document is a transcript with at least 20 timed turns, three chapters and ten minutes. Its
units are the speaker turns (a turn that a heading interrupts is cut there); a unit's start is
its timestamp, or where no timestamp marks it (a heading inside a turn) a time by its share of
the words between the timestamps around it. A reference topic starts at the first unit after a
heading. Documents are split in two halves by a hash of their path: ``tune`` for choosing knobs
and weights, ``report`` for the figures; the benchmark reports both, separately.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIMESTAMP = re.compile(r"^(?P<speaker>[^:\n]{1,60}?):\s*(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2})\s*$")
HEADING = re.compile(r"^##\s+(?P<title>\S.*)$")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"[*_`]{1,3}")
SECONDS_PER_WORD = 60.0 / 150.0
SLIP_SECONDS = 5.0
MIN_TURNS, MIN_CHAPTERS, MIN_SECONDS = 20, 3, 600.0


@dataclass
class _Turn:
    speaker: str
    start: float | None
    heading: str | None  # the chapter heading a topic starts under; None inside a topic
    lines: list[str] = field(default_factory=list)

    @property
    def topic(self) -> bool:
        return self.heading is not None

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


def _seconds(stamp: str) -> float:
    parts = [int(p) for p in stamp.split(":")]
    return float(sum(p * 60**i for i, p in enumerate(reversed(parts))))


def _clean(line: str) -> str:
    return EMPHASIS.sub("", LINK.sub(r"\1", line)).strip()


def _turns(body: str) -> list[_Turn]:
    turns: list[_Turn] = []
    speaker, pending = "", None  # the heading the next unit starts under
    for raw in body.splitlines():
        line = raw.strip()
        if heading := HEADING.match(line):
            pending = _clean(heading["title"])
            continue
        if stamp := TIMESTAMP.match(line):
            speaker = stamp["speaker"].strip()
            turns.append(_Turn(speaker, _seconds(stamp["time"]), pending))
            pending = None
            continue
        if not line or line.startswith(("#", "!", "<", "---")) or not speaker:
            continue
        if pending is not None or not turns:  # a heading inside a turn: a new, untimed unit
            turns.append(_Turn(speaker, None, pending))
            pending = None
        turns[-1].lines.append(_clean(line))
    return [t for t in turns if t.text]


def _timed(turns: list[_Turn]) -> list[tuple[float, float]] | None:
    """Start and end of every turn; None where the timestamps run backwards by more than a
    few seconds (a slip of a second or two, or two turns in one second, is kept in order)."""
    known: list[tuple[int, float]] = []
    for i, turn in enumerate(turns):
        if turn.start is None:
            continue
        if known and turn.start < known[-1][1] - SLIP_SECONDS:
            return None
        turn.start = max(turn.start, known[-1][1]) if known else turn.start
        known.append((i, turn.start))
    if len(known) < 2:
        return None
    words = [max(1, len(t.text.split())) for t in turns]
    starts: list[float] = []
    for i, turn in enumerate(turns):
        if turn.start is not None:
            starts.append(turn.start)
            continue
        before = max((k for k in known if k[0] < i), default=None, key=lambda k: k[0])
        after = min((k for k in known if k[0] > i), default=None, key=lambda k: k[0])
        if before is None or after is None:
            return None
        share = sum(words[before[0] : i]) / max(1, sum(words[before[0] : after[0]]))
        starts.append(before[1] + (after[1] - before[1]) * share)
    ends = [min(b, a + w * SECONDS_PER_WORD) for a, b, w in zip(starts, starts[1:], words)]  # noqa: B905
    ends.append(starts[-1] + words[-1] * SECONDS_PER_WORD)
    return list(zip(starts, ends, strict=True))


def half(path: str) -> str:
    return "tune" if hashlib.sha256(path.encode()).digest()[0] % 2 == 0 else "report"


def document(root: Path, path: Path) -> dict[str, Any] | None:
    text = path.read_text(encoding="utf-8", errors="replace")
    body = text.split("\n---", 2)[-1] if text.startswith("---") else text
    turns = _turns(body)
    if sum(t.start is not None for t in turns) < MIN_TURNS:
        return None
    times = _timed(turns)
    boundaries = [i for i, t in enumerate(turns) if t.topic and i > 0]
    if times is None or len(boundaries) < MIN_CHAPTERS - 1 or times[-1][1] < MIN_SECONDS:
        return None
    name = path.relative_to(root).as_posix()
    return {
        "id": f"podcasts/{half(name)}/{name}",
        "sentences": [
            {"text": f"{t.speaker}: {t.text}", "start": round(a, 2), "end": round(b, 2)}
            for t, (a, b) in zip(turns, times, strict=True)
        ],
        "boundaries": boundaries,
        # each topic's chapter heading; the first topic's is None unless a heading opens it
        "titles": [turns[0].heading, *(turns[i].heading for i in boundaries)],
    }


def podcasts(root: Path, part: str) -> list[dict[str, Any]]:
    """The documents of ``part`` ("tune" or "report") under a checkout of the repository,
    English transcripts only (translations end ``.es.md``, ``.zh.md`` ...)."""
    docs = []
    for path in sorted(root.rglob("*.md")):
        if re.search(r"\.[a-z]{2}\.md$", path.name) or path.name.startswith("_"):
            continue
        doc = document(root, path)
        if doc is not None and doc["id"].split("/")[1] == part:
            docs.append(doc)
    return docs
