"""The plain values segmentation takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A sentence, cue or speaker turn. ``start``/``end`` in seconds, or None when untimed."""

    text: str
    start: float | None = None
    end: float | None = None
    speaker: str = ""


@dataclass(frozen=True)
class Options:
    """Segment duration bounds and the knobs of the boundary score (tuned on QMSum train, the
    scripted spoken sessions, the demo talk and the tuning half of real podcasts and sessions;
    see benchmarks/RESULTS.md).

    Every gap gets a probability that the topic changes there, from how far the similarity
    dips and from the spoken cues (weights in ``learned.py``); a gap's score is the summed
    probability near it over the transcript's average. Cuts are made where the score passes
    ``cut_threshold``, as many as the content has, within the bounds: the number of lessons
    follows from the transcript, not from a price per segment."""

    min_minutes: float = 2.0
    max_minutes: float = 8.0
    words_per_minute: float = 150.0  # speaking rate assumed for units without timestamps
    # a cut is worth making where the evidence of a topic change within ``tolerance_seconds``
    # of it passes this many times the transcript's average (1.5 cut real podcasts and sessions
    # more coarsely than their chapters, whether 3 or 7 minutes long; 1.3 split clean topics)
    cut_threshold: float = 1.4
    tolerance_seconds: float = 30.0
    # among gaps within ``tolerance_seconds`` of each other, the most likely gets this much more
    # (the others in proportion): where the cut goes among gaps sharing the same evidence
    peak_bonus: float = 0.25
    # a dip deeper than ``clear_dip`` standard deviations adds ``clear_dip_bonus`` per one more
    clear_dip: float = 1.0
    clear_dip_bonus: float = 0.5
    pause_seconds: float = 1.5  # a silence at least this long counts as a pause
    pause_bonus: float = 1.0  # added to the log-odds of a change at a long pause
    mid_sentence_penalty: float = 100.0  # a cut after a unit that does not end its sentence
    # a short topic at the very start or end may stand alone down to this length when the
    # cut before (or after) it is clear, rather than being glued to an unrelated topic
    edge_min_minutes: float = 1.0
    # a cut clear enough for that: it scores this much and is the highest within
    # ``tolerance_seconds`` (the pooled score runs high beside a change too)
    clear_score: float = 1.5
    # a segment whose two parts (at its best place to split) are less alike than this spans
    # two topics: it is flagged, with that place offered as the split
    spans_similarity: float = 0.7

    def __post_init__(self) -> None:
        if not 0 <= self.min_minutes <= self.max_minutes or self.max_minutes <= 0:
            raise ValueError("need 0 <= min_minutes <= max_minutes and max_minutes > 0")
        if self.words_per_minute <= 0 or self.tolerance_seconds <= 0:
            raise ValueError("words_per_minute and tolerance_seconds must be positive")
        if self.edge_min_minutes < 0:
            raise ValueError("edge_min_minutes must not be negative")


@dataclass(frozen=True)
class Boundary:
    """Why a segment starts at unit ``index``: its ``score`` is the evidence of a change of
    topic near it (relative to the transcript's average), from the dip and the cues below."""

    index: int
    time: float  # seconds (estimated from word counts when the transcript is untimed)
    score: float
    similarity: float  # cosine of the text before and after the gap
    depth: float  # how far the similarity dips below the peaks on either side
    pause: float  # silence before the unit, seconds
    is_pause: bool
    is_speaker_change: bool
    is_transition: bool = False  # the unit opens with a phrase announcing a new subject
    is_question: bool = False  # a new speaker opens with a question
    after_sentence: bool = True  # the unit before ends a sentence


@dataclass(frozen=True)
class Segment:
    first: int  # index of the first unit
    stop: int  # one past the last unit
    start: float
    end: float
    # True when a clear change of topic lies inside the segment and could not be cut there
    # without a lesson shorter than the minimum: staff may split it at ``suggested_split``
    spans_topics: bool = False
    suggested_split: int | None = None  # unit index where the second topic starts
    suggested_split_time: float | None = None

    @property
    def minutes(self) -> float:
        return (self.end - self.start) / 60.0


@dataclass(frozen=True)
class Segmentation:
    segments: tuple[Segment, ...]
    boundaries: tuple[Boundary, ...]  # one per segment after the first
    is_timed: bool  # False: times were estimated from word counts
    within_bounds: bool  # False only when no choice of cuts could respect the bounds
