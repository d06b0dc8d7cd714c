"""Start and end times for every unit, estimated from word counts where the transcript has none."""

from __future__ import annotations

from collections.abc import Sequence

from bitewise.engines.segmentation.data import Unit


def is_timed(units: Sequence[Unit]) -> bool:
    return bool(units) and all(u.start is not None and u.end is not None for u in units)


def word_count(text: str) -> int:
    return len(text.split())


def timeline(units: Sequence[Unit], words_per_minute: float) -> list[tuple[float, float]]:
    """Timed transcripts keep their times (an end before its start is clamped); untimed ones
    are laid end to end at ``words_per_minute``, at least one word per unit."""
    if is_timed(units):
        times = []
        for unit in units:
            assert unit.start is not None and unit.end is not None
            times.append((unit.start, max(unit.start, unit.end)))
        return times
    times, clock = [], 0.0
    for unit in units:
        length = max(1, word_count(unit.text)) * 60.0 / words_per_minute
        times.append((clock, clock + length))
        clock += length
    return times
