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
    """Where a learner stands: lessons done, and the assessment (the questions of the
    micro-credential's lessons) scored by the best submitted attempt over the questions
    that attempt drew. Open attempts never count: their score is not known yet."""

    lessons_total: int
    lessons_done: int
    pass_percent: int
    pool_size: int = 0  # questions in the assessment; 0: none, lessons alone pass
    best_score: int | None = None  # the best submitted attempt's score, in percent
    attempts_submitted: int = 0

    @property
    def has_assessment(self) -> bool:
        return self.pool_size > 0

    @property
    def score(self) -> int:
        if self.best_score is not None:
            return self.best_score
        return 0 if self.has_assessment else 100

    @property
    def all_lessons_done(self) -> bool:
        return self.lessons_total > 0 and self.lessons_done >= self.lessons_total

    @property
    def is_assessment_passed(self) -> bool:
        if not self.has_assessment:
            return True
        return self.best_score is not None and self.best_score >= self.pass_percent

    @property
    def is_passed(self) -> bool:
        return self.all_lessons_done and self.is_assessment_passed

    @property
    def steps_total(self) -> int:
        """The lessons, and the assessment as one more step when there is one."""
        return self.lessons_total + (1 if self.has_assessment else 0)

    @property
    def steps_done(self) -> int:
        passed = 1 if self.has_assessment and self.is_assessment_passed else 0
        return min(self.lessons_done, self.lessons_total) + passed

    @property
    def percent_complete(self) -> int:
        """Lessons and the passed assessment: a full bar only once it is earned."""
        if self.lessons_total == 0:
            return 0
        return min(100, (self.steps_done * 100) // self.steps_total)


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
