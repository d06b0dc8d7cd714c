from __future__ import annotations

import pytest

from bitewise.engines.progress.rules import (
    MicroCredentialStanding,
    PathwayRule,
    pathway_required,
    pathway_satisfied,
    score_percent,
)


@pytest.mark.parametrize(
    ("correct", "total", "expected"),
    [(0, 0, 100), (1, 3, 33), (2, 3, 66), (3, 3, 100), (0, 4, 0)],
    ids=["no-questions", "third", "two-thirds", "all", "none"],
)
def test_score_percent_rounds_down(correct: int, total: int, expected: int) -> None:
    assert score_percent(correct=correct, total=total) == expected


@pytest.mark.parametrize(("correct", "total"), [(-1, 2), (3, 2), (0, -1)])
def test_score_percent_refuses_impossible_counts(correct: int, total: int) -> None:
    with pytest.raises(ValueError):
        score_percent(correct=correct, total=total)


def standing(**overrides: int) -> MicroCredentialStanding:
    values = {
        "lessons_total": 4,
        "lessons_done": 4,
        "questions_total": 4,
        "questions_answered": 4,
        "questions_correct": 3,
        "pass_percent": 70,
    }
    values.update(overrides)
    return MicroCredentialStanding(**values)


def test_it_passes_when_all_lessons_done_and_score_meets_the_bar() -> None:
    assert standing().is_passed


def test_it_does_not_pass_with_a_lesson_left() -> None:
    assert not standing(lessons_done=3).is_passed


def test_it_does_not_pass_below_the_score_bar() -> None:
    assert not standing(questions_correct=2).is_passed


def test_an_empty_micro_credential_never_passes() -> None:
    assert not standing(lessons_total=0, lessons_done=0).is_passed


def test_percent_complete_counts_lessons() -> None:
    assert standing(lessons_done=1).percent_complete == 25


@pytest.mark.parametrize(
    ("rule", "required", "members", "held", "expected"),
    [
        (PathwayRule.ALL, 1, [1, 2, 3], [1, 2, 3], True),
        (PathwayRule.ALL, 1, [1, 2, 3], [1, 2], False),
        (PathwayRule.N_OF, 2, [1, 2, 3], [1, 3], True),
        (PathwayRule.N_OF, 2, [1, 2, 3], [3, 9], False),
        (PathwayRule.N_OF, 5, [1, 2], [1, 2], True),
        (PathwayRule.ALL, 1, [], [1], False),
    ],
    ids=["all-held", "all-missing-one", "n-of-met", "outside-ids-ignored", "n-capped", "empty"],
)
def test_pathway_satisfied(
    rule: PathwayRule, required: int, members: list[int], held: list[int], expected: bool
) -> None:
    assert (
        pathway_satisfied(rule=rule, required_count=required, members=members, held=held)
        is expected
    )


def test_pathway_required_for_n_of_is_at_least_one() -> None:
    assert pathway_required(rule=PathwayRule.N_OF, required_count=0, member_count=3) == 1
