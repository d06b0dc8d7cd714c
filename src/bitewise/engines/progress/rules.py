"""Passing rules for micro-credentials and pathways, as plain arithmetic."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum


def score_percent(*, correct: int, total: int) -> int:
    """Whole-number quiz score; a credential without questions scores 100."""
    if total < 0 or correct < 0 or correct > total:
        raise ValueError("need 0 <= correct <= total")
    if total == 0:
        return 100
    return (correct * 100) // total


@dataclass(frozen=True)
class MicroCredentialStanding:
    lessons_total: int
    lessons_done: int
    questions_total: int
    questions_answered: int
    questions_correct: int
    pass_percent: int

    @property
    def score(self) -> int:
        return score_percent(correct=self.questions_correct, total=self.questions_total)

    @property
    def all_lessons_done(self) -> bool:
        return self.lessons_total > 0 and self.lessons_done >= self.lessons_total

    @property
    def is_passed(self) -> bool:
        return self.all_lessons_done and self.score >= self.pass_percent

    @property
    def percent_complete(self) -> int:
        if self.lessons_total == 0:
            return 0
        return min(100, (self.lessons_done * 100) // self.lessons_total)


class PathwayRule(StrEnum):
    ALL = "all"
    N_OF = "n_of"


def pathway_required(*, rule: PathwayRule, required_count: int, member_count: int) -> int:
    """How many member micro-credentials a learner must hold."""
    if rule is PathwayRule.ALL:
        return member_count
    return max(1, min(required_count, member_count))


def pathway_satisfied(
    *, rule: PathwayRule, required_count: int, members: Collection[int], held: Collection[int]
) -> bool:
    if not members:
        return False
    needed = pathway_required(rule=rule, required_count=required_count, member_count=len(members))
    return len(set(members) & set(held)) >= needed
