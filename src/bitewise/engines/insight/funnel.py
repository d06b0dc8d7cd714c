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
    lost_from_previous: int  # people at the previous stage who are not at this one
    is_shown: bool


@dataclass(frozen=True)
class Funnel:
    stages: list[Stage]
    enrolled: int
    unsubscribed: int
    median_days_to_complete: float | None
    biggest_drop: str | None  # label of the stage that loses the most people


def funnel(
    *,
    enrolled: int,
    started: int,
    lessons: Sequence[tuple[str, int]],
    completed: int,
    unsubscribed: int,
    days_to_complete: Sequence[float] = (),
) -> Funnel:
    """``lessons``: (title, people who completed it) in the micro-credential's order."""
    steps = [("Enrolled", enrolled), ("Started", started), *lessons, ("Completed", completed)]
    stages = []
    previous: int | None = None
    for label, people in steps:
        lost = max(0, previous - people) if previous is not None else 0
        stages.append(
            Stage(
                label,
                people,
                people / enrolled if enrolled else None,
                lost,
                is_shown(people) or people == 0,
            )
        )
        previous = people
    losing = [s for s in stages[1:] if s.lost_from_previous > 0]
    biggest = max(losing, key=lambda s: s.lost_from_previous).label if losing else None
    days = median(list(days_to_complete)) if is_shown(len(days_to_complete)) else None
    return Funnel(stages, enrolled, unsubscribed, days, biggest)
