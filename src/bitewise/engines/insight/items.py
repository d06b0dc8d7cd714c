"""Item analysis (classical test theory): difficulty (share correct), point-biserial
discrimination against the rest of the learner's score, the wrong choice chosen most,
and flags for questions that look broken.

Point-biserial: r = (M1 - M0) / s * sqrt(p q), where M1 and M0 are the mean rest-scores of
those who got the item right and wrong, s the rest-score standard deviation (population)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bitewise.engines.insight.privacy import is_shown

TOO_EASY = 0.95
TOO_HARD = 0.25
LOW_DISCRIMINATION = 0.15


@dataclass(frozen=True)
class Response:
    learner_id: int
    question_id: int
    is_correct: bool
    choice_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    people: int
    is_shown: bool  # False under the small-group threshold: no figures below
    difficulty: float | None = None  # share correct, 0..1 (higher is easier)
    discrimination: float | None = None  # point-biserial vs rest score, -1..1
    top_distractor_id: int | None = None
    top_distractor_share: float | None = None  # of everyone who answered
    flags: tuple[str, ...] = field(default_factory=tuple)


FLAG_LABELS = {
    "negative": "Strong learners get it wrong more than weak ones: check the key",
    "distractor": "A wrong choice is chosen more often than the right answer",
    "low": "Barely separates strong from weak learners",
    "easy": "Almost everyone gets it right",
    "hard": "Most learners get it wrong",
}


def _point_biserial(pairs: list[tuple[bool, float]]) -> float | None:
    n = len(pairs)
    right = [rest for ok, rest in pairs if ok]
    wrong = [rest for ok, rest in pairs if not ok]
    if n < 2 or not right or not wrong:
        return None
    mean = sum(rest for _, rest in pairs) / n
    sd = math.sqrt(sum((rest - mean) ** 2 for _, rest in pairs) / n)
    if sd == 0:
        return None
    p = len(right) / n
    m1, m0 = sum(right) / len(right), sum(wrong) / len(wrong)
    return (m1 - m0) / sd * math.sqrt(p * (1 - p))


def _flags(
    difficulty: float, discrimination: float | None, distractor: float, correct: float
) -> tuple[str, ...]:
    flags = []
    if discrimination is not None and discrimination < 0:
        flags.append("negative")
    if distractor > correct:
        flags.append("distractor")
    if discrimination is not None and 0 <= discrimination < LOW_DISCRIMINATION:
        flags.append("low")
    if difficulty > TOO_EASY:
        flags.append("easy")
    if difficulty < TOO_HARD:
        flags.append("hard")
    return tuple(flags)


def item_analysis(
    responses: Iterable[Response], correct_choices: Mapping[int, Iterable[int]]
) -> list[ItemStats]:
    """One row per question answered, in question id order. ``correct_choices`` maps each
    question to its right choice ids (so a chosen id outside it is a distractor)."""
    by_question: dict[int, list[Response]] = defaultdict(list)
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # learner: [right, answered]
    for response in responses:
        by_question[response.question_id].append(response)
        totals[response.learner_id][0] += int(response.is_correct)
        totals[response.learner_id][1] += 1
    rows = []
    for question_id in sorted(by_question):
        answers = by_question[question_id]
        people = len({r.learner_id for r in answers})
        if not is_shown(people):
            rows.append(ItemStats(question_id, people, is_shown=False))
            continue
        n = len(answers)
        right_count = sum(r.is_correct for r in answers)
        pairs = []
        for r in answers:
            right, answered = totals[r.learner_id]
            if answered > 1:  # the rest score leaves this item out
                pairs.append((r.is_correct, (right - int(r.is_correct)) / (answered - 1)))
        keys = set(correct_choices.get(question_id, ()))
        wrong_picks = Counter(c for r in answers for c in r.choice_ids if c not in keys)
        top_id, top_count = (
            min(wrong_picks.items(), key=lambda kv: (-kv[1], kv[0])) if wrong_picks else (None, 0)
        )
        difficulty = right_count / n
        discrimination = _point_biserial(pairs)
        rows.append(
            ItemStats(
                question_id,
                people,
                is_shown=True,
                difficulty=difficulty,
                discrimination=discrimination,
                top_distractor_id=top_id,
                top_distractor_share=top_count / n if top_id is not None else None,
                flags=_flags(difficulty, discrimination, top_count / n, difficulty),
            )
        )
    return rows
