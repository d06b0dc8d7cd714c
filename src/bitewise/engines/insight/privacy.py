"""Small groups are not shown: a figure about fewer than MIN_GROUP people could single
someone out (a question three people answered, one of them wrong)."""

from __future__ import annotations

MIN_GROUP = 5


def is_shown(people: int) -> bool:
    return people >= MIN_GROUP
