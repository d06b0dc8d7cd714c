"""Reinforcement lift: delayed recall of reinforced learners minus that of the held-back
control group, with Newcombe's interval for the difference of two proportions.

Checks are pooled per group, so each learner's several checks are treated as independent;
the interval is therefore a little too narrow when learners differ a lot. Below
MIN_PEOPLE_PER_GROUP people or MIN_CHECKS_PER_GROUP checks in either group the report
says it is too small to tell rather than print an interval that means nothing."""

from __future__ import annotations

from dataclasses import dataclass

from bitewise.engines.insight.stats import Interval, newcombe_difference, wilson

MIN_PEOPLE_PER_GROUP = 20
MIN_CHECKS_PER_GROUP = 40


@dataclass(frozen=True)
class Group:
    people: int
    checks: int
    correct: int


@dataclass(frozen=True)
class Lift:
    reinforced: Group
    holdout: Group
    verdict: str  # too_small, better, worse, unclear
    reinforced_recall: Interval | None = None
    holdout_recall: Interval | None = None
    difference: Interval | None = None  # reinforced - holdout, in proportion points

    @property
    def sentence(self) -> str:
        if self.verdict == "too_small" or self.difference is None:
            return (
                "Too small to tell: each group needs at least "
                f"{MIN_PEOPLE_PER_GROUP} people and {MIN_CHECKS_PER_GROUP} answered checks."
            )
        d = self.difference
        span = f"{d.estimate * 100:+.1f} points (95% CI {d.low * 100:+.1f} to {d.high * 100:+.1f})"
        if self.verdict == "better":
            return f"Reinforced learners recall more: {span}."
        if self.verdict == "worse":
            return f"Reinforced learners recall less: {span}."
        return f"No clear difference: {span}; the interval includes zero."


def _is_big_enough(group: Group) -> bool:
    return group.people >= MIN_PEOPLE_PER_GROUP and group.checks >= MIN_CHECKS_PER_GROUP


def lift(reinforced: Group, holdout: Group) -> Lift:
    if not (_is_big_enough(reinforced) and _is_big_enough(holdout)):
        return Lift(reinforced, holdout, "too_small")
    difference = newcombe_difference(
        reinforced.correct, reinforced.checks, holdout.correct, holdout.checks
    )
    if difference.low > 0:
        verdict = "better"
    elif difference.high < 0:
        verdict = "worse"
    else:
        verdict = "unclear"
    return Lift(
        reinforced,
        holdout,
        verdict,
        wilson(reinforced.correct, reinforced.checks),
        wilson(holdout.correct, holdout.checks),
        difference,
    )
