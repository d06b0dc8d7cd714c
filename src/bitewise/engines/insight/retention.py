"""Observed delayed recall beside the FSRS-predicted recall, and how well they agree.

Observations come from unscored retention checks: did the learner still get the item right
``delay_days`` after first answering it, and what did FSRS predict for that moment?"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bitewise.engines.insight.privacy import is_shown
from bitewise.engines.insight.stats import Interval, wilson

CHECK_DELAYS = (7, 30, 90)


@dataclass(frozen=True)
class Observation:
    learner_id: int
    delay_days: int
    is_correct: bool
    predicted: float | None  # FSRS recall probability at the check; None: no card


@dataclass(frozen=True)
class CurvePoint:
    delay_days: int
    people: int
    checks: int
    is_shown: bool
    observed: Interval | None  # share correct with its Wilson interval
    predicted: float | None  # mean FSRS prediction over the checks that had one


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    checks: int
    predicted: float | None  # mean predicted in the bin
    observed: float | None  # share correct in the bin


@dataclass(frozen=True)
class Calibration:
    bins: list[CalibrationBin]
    checks: int
    brier: float | None  # mean squared error of the prediction; 0 is perfect
    calibration_error: float | None  # checks-weighted mean |observed - predicted| over bins


def retention_curve(
    observations: Iterable[Observation], delays: Sequence[int] = CHECK_DELAYS
) -> list[CurvePoint]:
    """One point per delay (7, 30, 90 days by default); a delay with fewer than five people
    is kept with its counts but no figures."""
    grouped: dict[int, list[Observation]] = defaultdict(list)
    for observation in observations:
        grouped[observation.delay_days].append(observation)
    points = []
    for delay in delays:
        rows = grouped.get(delay, [])
        people = len({o.learner_id for o in rows})
        if not is_shown(people):
            points.append(CurvePoint(delay, people, len(rows), False, None, None))
            continue
        predictions = [o.predicted for o in rows if o.predicted is not None]
        points.append(
            CurvePoint(
                delay,
                people,
                len(rows),
                True,
                wilson(sum(o.is_correct for o in rows), len(rows)),
                sum(predictions) / len(predictions) if predictions else None,
            )
        )
    return points


def calibration(observations: Iterable[Observation], *, bins: int = 10) -> Calibration:
    """Checks with a prediction, binned by predicted recall into ``bins`` equal bins."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    counts = [[0, 0.0, 0] for _ in range(bins)]  # checks, sum predicted, correct
    squared = 0.0
    total = 0
    for o in observations:
        if o.predicted is None:
            continue
        p = min(max(o.predicted, 0.0), 1.0)
        index = min(int(p * bins), bins - 1)
        counts[index][0] += 1
        counts[index][1] += p
        counts[index][2] += int(o.is_correct)
        squared += (p - int(o.is_correct)) ** 2
        total += 1
    result = []
    error = 0.0
    for index, (n, predicted_sum, correct) in enumerate(counts):
        low, high = index / bins, (index + 1) / bins
        if not n:
            result.append(CalibrationBin(low, high, 0, None, None))
            continue
        predicted, observed = predicted_sum / n, correct / n
        error += n * abs(observed - predicted)
        if not is_shown(int(n)):  # a bin of one or two checks would tell their answers
            result.append(CalibrationBin(low, high, int(n), None, None))
            continue
        result.append(CalibrationBin(low, high, int(n), predicted, observed))
    return Calibration(
        bins=result,
        checks=total,
        brier=squared / total if total else None,
        calibration_error=error / total if total else None,
    )


@dataclass(frozen=True)
class GroupCount:
    """Checks answered in one group (a skill, a learning cohort) at one delay, counted by
    the database: ``people`` distinct learners, ``right`` answered right."""

    group: str
    delay_days: int
    people: int
    checks: int
    right: int


@dataclass(frozen=True)
class GroupRecall:
    title: str
    delay_days: int
    people: int
    checks: int
    is_shown: bool
    observed: Interval | None  # None: fewer than five people (or no check)


def group_recall(counts: Iterable[GroupCount]) -> list[GroupRecall]:
    """Observed recall with its Wilson interval per group and delay, in group then delay
    order; a group of fewer than five people keeps its counts but no figure."""
    rows = []
    for c in sorted(counts, key=lambda c: (c.group, c.delay_days)):
        shown = is_shown(c.people)
        observed = wilson(c.right, c.checks) if shown and c.checks else None
        rows.append(GroupRecall(c.group, c.delay_days, c.people, c.checks, shown, observed))
    return rows


def busiest_groups(rows: Sequence[GroupRecall], *, limit: int = 4) -> list[str]:
    """The groups with the most checks among those with a figure shown, for a chart that
    can draw only a few lines (ties by name)."""
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        if row.is_shown:
            totals[row.title] += row.checks
    return sorted(totals, key=lambda g: (-totals[g], g))[:limit]
