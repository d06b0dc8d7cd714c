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
    """Segment duration bounds and the knobs of the boundary score (tuned on QMSum train)."""

    min_minutes: float = 2.0
    max_minutes: float = 8.0
    words_per_minute: float = 150.0  # speaking rate assumed for units without timestamps
    # text compared on each side of a gap; the similarities at these widths are averaged
    windows_seconds: tuple[float, ...] = (60.0, 120.0)
    segment_cost: float = 3.0  # paid per segment: higher gives fewer, longer segments
    pause_seconds: float = 1.5  # a silence at least this long counts as a pause
    pause_bonus: float = 0.5
    speaker_bonus: float = 0.1

    def __post_init__(self) -> None:
        if not 0 <= self.min_minutes <= self.max_minutes or self.max_minutes <= 0:
            raise ValueError("need 0 <= min_minutes <= max_minutes and max_minutes > 0")
        if self.words_per_minute <= 0 or not self.windows_seconds:
            raise ValueError("words_per_minute must be positive; give at least one window")
        if min(self.windows_seconds) <= 0:
            raise ValueError("windows_seconds must be positive")


@dataclass(frozen=True)
class Boundary:
    """Why a segment starts at unit ``index``: its ``score`` is ``depth`` plus the bonuses."""

    index: int
    time: float  # seconds (estimated from word counts when the transcript is untimed)
    score: float
    similarity: float  # cosine of the text before and after the gap
    depth: float  # how far the similarity dips below the peaks on either side
    pause: float  # silence before the unit, seconds
    is_pause: bool
    is_speaker_change: bool


@dataclass(frozen=True)
class Segment:
    first: int  # index of the first unit
    stop: int  # one past the last unit
    start: float
    end: float

    @property
    def minutes(self) -> float:
        return (self.end - self.start) / 60.0


@dataclass(frozen=True)
class Segmentation:
    segments: tuple[Segment, ...]
    boundaries: tuple[Boundary, ...]  # one per segment after the first
    is_timed: bool  # False: times were estimated from word counts
    within_bounds: bool  # False only when no choice of cuts could respect the bounds
