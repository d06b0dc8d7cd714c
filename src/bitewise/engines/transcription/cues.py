"""Whisper segments → sentence-sized cues, using the word timestamps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from bitewise.engines.transcripts import Cue, has_words

# a sentence ends with . ! ? … (or their CJK forms), perhaps followed by a closing quote
SENTENCE_END = re.compile("[.!?\u2026\u3002\uff01\uff1f][\"')\\]\u201d\u2019]*$")
ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e.", "no."}
PAUSE_SECONDS = 1.5  # a silence this long ends a cue even without punctuation
MAX_CUE_SECONDS = 30.0
# below this probability a word was more likely misheard than not worth trusting: drafting
# never builds a question, title or key term on it
UNSURE_PROBABILITY = 0.5
_EDGES = "\"'()[]{}.,;:!?\u2026\u201c\u201d\u2018\u2019-"


@dataclass(frozen=True)
class HeardCue(Cue):
    """A cue the speech model heard, with the words it was unsure of (as they appear in
    ``text``, punctuation stripped, in order, each once)."""

    unsure: tuple[str, ...] = ()


class WordLike(Protocol):
    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def word(self) -> str: ...


class SegmentLike(Protocol):
    """The parts of faster_whisper.transcribe.Segment we read."""

    @property
    def start(self) -> float: ...
    @property
    def end(self) -> float: ...
    @property
    def text(self) -> str: ...
    @property
    def words(self) -> Sequence[WordLike] | None: ...


def cues_from_segments(segments: Iterable[SegmentLike], duration: float) -> list[Cue]:
    """One cue per sentence, even when Whisper's segments hold several sentences or cut one
    in two. A cue also ends at a pause or after MAX_CUE_SECONDS. Segments without word
    timestamps become one cue each. Times are clamped to [0, duration] and never go back."""
    cues: list[Cue] = []
    pending: list[WordLike] = []

    def add(start: float, end: float, text: str, unsure: tuple[str, ...] = ()) -> None:
        text = text.strip()
        if not has_words(text):  # Whisper's "..." over a silence says nothing
            return
        floor = cues[-1].start if cues else 0.0
        start = min(max(float(start), floor), duration)
        end = min(max(float(end), start), duration)
        cues.append(HeardCue(start, end, text, unsure=unsure) if unsure else Cue(start, end, text))

    def flush() -> None:
        if pending:
            unsure = (w.word.strip().strip(_EDGES) for w in pending if _is_unsure(w))
            text = "".join(w.word for w in pending)
            add(
                pending[0].start,
                pending[-1].end,
                text,
                tuple(dict.fromkeys(u for u in unsure if u)),
            )
            pending.clear()

    for segment in segments:
        words = [word for word in segment.words or () if word.word.strip()]
        if not words:
            flush()
            add(segment.start, segment.end, segment.text)
            continue
        for word in words:
            if pending and (
                word.start - pending[-1].end >= PAUSE_SECONDS
                or word.end - pending[0].start > MAX_CUE_SECONDS
            ):
                flush()
            pending.append(word)
            if _ends_sentence(word.word):
                flush()
    flush()
    return cues


def _is_unsure(word: WordLike) -> bool:
    """faster-whisper's word probability under UNSURE_PROBABILITY (words without one are not)."""
    probability = getattr(word, "probability", None)
    return probability is not None and float(probability) < UNSURE_PROBABILITY


def _ends_sentence(word: str) -> bool:
    token = word.strip()
    return bool(SENTENCE_END.search(token)) and token.lower() not in ABBREVIATIONS
