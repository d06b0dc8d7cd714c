"""Group cues into passages a learner can jump to: about 30-60 s, ending on a sentence."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import groupby

from bitewise.engines.transcripts.cues import Cue, Passage

_SENTENCE_END = (".", "?", "!", "…", '."', '?"', '!"')


def _close(cues: list[Cue]) -> Passage:
    speakers = tuple(dict.fromkeys(c.speaker for c in cues if c.speaker))
    return Passage(
        start=cues[0].start,
        end=max(c.end for c in cues),
        text=" ".join(c.text for c in cues),
        speakers=speakers,
    )


def group_passages(
    cues: Sequence[Cue],
    *,
    min_seconds: float = 30.0,
    max_seconds: float = 60.0,
    breaks: Iterable[float] = (),
) -> list[Passage]:
    """Cut after the first sentence end once a passage lasts ``min_seconds``, and in any
    case before it would pass ``max_seconds``; a short tail joins the passage before it.
    No passage spans one of ``breaks`` (where one lesson cut from the recording ends or
    another begins), so each passage lies within one lesson's range."""
    marks = sorted(set(breaks))
    passages: list[Passage] = []
    for _, run in groupby(cues, key=lambda cue: bisect_right(marks, cue.start)):
        passages += _group(list(run), min_seconds, max_seconds)
    return passages


def _group(cues: list[Cue], min_seconds: float, max_seconds: float) -> list[Passage]:
    passages: list[Passage] = []
    current: list[Cue] = []
    for cue in cues:
        if current and cue.end - current[0].start > max_seconds:
            passages.append(_close(current))
            current = []
        current.append(cue)
        length = cue.end - current[0].start
        if length >= min_seconds and cue.text.rstrip().endswith(_SENTENCE_END):
            passages.append(_close(current))
            current = []
    if current:
        tail = _close(current)
        if passages and tail.end - tail.start < min_seconds / 3:
            last = passages.pop()
            tail = Passage(
                start=last.start,
                end=tail.end,
                text=f"{last.text} {tail.text}",
                speakers=tuple(dict.fromkeys(last.speakers + tail.speakers)),
            )
        passages.append(tail)
    return passages
