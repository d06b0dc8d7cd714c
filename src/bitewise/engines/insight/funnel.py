"""The funnel of one micro-credential: enrolled, started, each lesson reached, completed,
with the drop-off between steps and the time to complete. Counts in, shares out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bitewise.engines.insight.privacy import is_shown
from bitewise.engines.insight.stats import median


@dataclass(frozen=True)
class Stage:
    label: str
    people: int
    share_of_enrolled: float | None  # None when nobody enrolled
    # People at the previous stage who are not at this one; None unless both stages are shown
    # (a shown stage's loss would tell a hidden stage's size).
    lost_from_previous: int | None
    is_shown: bool


@dataclass(frozen=True)
class Funnel:
    stages: list[Stage]
    enrolled: int | None  # None under the small-group threshold, as every count here
    unsubscribed: int | None
    median_days_to_complete: float | None
    biggest_drop: str | None  # label of the shown stage that loses the most shown people


def funnel(
    *,
    enrolled: int,
    started: int,
    lessons: Sequence[tuple[str, int]],
    completed: int,
    unsubscribed: int,
    days_to_complete: Sequence[float] = (),
) -> Funnel:
    """``lessons``: (title, people who completed it) in the micro-credential's order. Every
    count under the threshold is hidden, zero included, and nothing shown is computed from a
    hidden one (a loss, the biggest drop)."""
    steps = [("Enrolled", enrolled), ("Started", started), *lessons, ("Completed", completed)]
    stages: list[Stage] = []
    for label, people in steps:
        shown = is_shown(people)
        before = stages[-1] if stages else None
        lost = (
            max(0, before.people - people)
            if before is not None and before.is_shown and shown
            else None
        )
        stages.append(Stage(label, people, people / enrolled if enrolled else None, lost, shown))
    losing = [s for s in stages[1:] if s.lost_from_previous]
    biggest = max(losing, key=lambda s: s.lost_from_previous or 0).label if losing else None
    days = median(list(days_to_complete)) if is_shown(len(days_to_complete)) else None
    return Funnel(
        stages,
        enrolled if is_shown(enrolled) else None,
        unsubscribed if is_shown(unsubscribed) else None,
        days,
        biggest,
    )
