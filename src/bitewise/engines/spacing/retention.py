"""Retention per skill: the mean predicted recall, now, of the learner's cards on it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SkillRetention:
    skill_id: int
    cards: int
    retention: float  # 0..1


def retention_by_skill(recalls: Iterable[tuple[int, float]]) -> list[SkillRetention]:
    """``(skill_id, predicted recall)`` pairs, a card counted once per skill it is on;
    lowest retention first."""
    by_skill: dict[int, list[float]] = defaultdict(list)
    for skill_id, recall in recalls:
        by_skill[skill_id].append(recall)
    rows = [
        SkillRetention(skill_id=s, cards=len(r), retention=sum(r) / len(r))
        for s, r in by_skill.items()
    ]
    return sorted(rows, key=lambda row: (row.retention, row.skill_id))
