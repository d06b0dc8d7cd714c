"""Rolling captions read once.

Captions made to be watched repeat themselves: YouTube's automatic captions show two lines,
each cue repeating the line before it and adding one, with a 10 ms cue between them holding
the finished line; live captions grow a line word by word ("So", "So today", "So today we");
Whisper's word highlighting repeats a whole cue once for every word it underlines. Read as
written, each sentence comes two or more times. A person reads each line once, so the lines
a cue repeats from the cue before it are dropped.

Speech repeats itself too ("No. No. No."), so nothing is dropped from a file that does not
caption this way: a repeat counts as a sign of it only where speech seldom makes one (the
cue shows the line before it along with a new one, grows the cue before it, differs from it
in markup alone, or lasts under 50 ms), and the file is read as rolling only where such
repeats are common.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bitewise.engines.transcripts.cuetext import Line

_FLASH = 0.05  # seconds: a cue shorter than this is a screen refresh, not speech
_ROLL_LINES = 8  # captions roll up a few lines at a time: longer repeats are not looked for
_SHARE = 0.25  # the part of the cues that must show signs of rolling for a file to roll


@dataclass(frozen=True)
class Shown:
    """A cue as the file shows it."""

    start: float
    end: float
    lines: tuple[Line, ...]
    markup: str = ""  # its text as written, tags and all


def read_once(shown: Sequence[Shown]) -> list[Shown]:
    """``shown`` (in order of their start) with exact copies of a cue left out and, in a file
    of rolling captions, what each cue repeats of the cue before it; a cue left with nothing
    stretches the one kept before it to its end; cues with no lines are left out. Linear in
    the number of cues."""
    shown = [cue for cue in shown if cue.lines]
    rolling = _rolls(shown)
    kept: list[Shown] = []
    before: Shown | None = None
    for cue in shown:
        if cue == before:
            continue
        new = _new(before.lines, cue.lines) if rolling and before is not None else None
        before = cue
        lines = cue.lines if new is None else new
        if lines:
            kept.append(replace(cue, lines=lines))
        elif kept:  # all shown before: it stays on screen
            kept[-1] = replace(kept[-1], end=max(kept[-1].end, cue.end))
    return kept


def _rolls(shown: Sequence[Shown]) -> bool:
    signs = sum(1 for a, b in itertools.pairwise(shown) if _rolls_on(a, b))
    return signs >= 2 and signs >= _SHARE * (len(shown) - 1)


def _rolls_on(before: Shown, cue: Shown) -> bool:
    """Whether ``cue`` repeats ``before`` as captions do and speech does not."""
    new = _new(before.lines, cue.lines)
    if new is None:
        return False
    if new or len(before.lines) > len(cue.lines):  # an old line with a new one, or a grown one
        return True
    return cue.markup != before.markup or cue.end - cue.start < _FLASH


def _new(before: Sequence[Line], lines: Sequence[Line]) -> tuple[Line, ...] | None:
    """What ``lines`` add to ``before`` where they start by repeating the end of it (its last
    line or lines, or all of it, word for word whatever the line breaks); None where they do
    not."""
    texts, old = [line.text for line in lines], [line.text for line in before]
    if texts == old:
        return ()
    words = " ".join(texts).split()
    for count in sorted({len(old), *range(1, min(len(old), _ROLL_LINES) + 1)}, reverse=True):
        repeated = " ".join(old[-count:]).split()
        if words[: len(repeated)] == repeated:
            return _after(lines, len(repeated))
    return None


def _after(lines: Sequence[Line], skip: int) -> tuple[Line, ...]:
    """``lines`` without their first ``skip`` words."""
    rest: list[Line] = []
    for line in lines:
        words = line.text.split()
        if skip < len(words):
            rest.append(replace(line, text=" ".join(words[skip:])))
        skip = max(0, skip - len(words))
    return tuple(rest)
