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


def standing(**overrides: int | None) -> MicroCredentialStanding:
    values: dict[str, int | None] = {
        "lessons_total": 4,
        "lessons_done": 4,
        "pass_percent": 70,
        "pool_size": 4,
        "best_score": 75,
        "attempts_submitted": 1,
    }
    values.update(overrides)
    return MicroCredentialStanding(**values)  # type: ignore[arg-type]


def test_it_passes_when_all_lessons_done_and_the_best_attempt_meets_the_bar() -> None:
    assert standing().is_passed
    assert standing().score == 75


def test_it_does_not_pass_with_a_lesson_left() -> None:
    assert not standing(lessons_done=3).is_passed


def test_it_does_not_pass_below_the_score_bar() -> None:
    assert not standing(best_score=69).is_passed


def test_it_does_not_pass_before_any_attempt_is_submitted() -> None:
    given = standing(best_score=None, attempts_submitted=0)
    assert not given.is_passed
    assert given.score == 0


def test_without_questions_the_lessons_alone_pass_with_a_full_score() -> None:
    given = standing(pool_size=0, best_score=None, attempts_submitted=0)
    assert given.is_passed
    assert given.score == 100
    assert given.percent_complete == 100


def test_an_empty_micro_credential_never_passes() -> None:
    assert not standing(lessons_total=0, lessons_done=0).is_passed


def test_percent_complete_counts_lessons_and_the_assessment_as_one_more_step() -> None:
    assert standing(lessons_done=1, best_score=None).percent_complete == 20


def test_all_lessons_done_but_not_passed_is_not_a_full_bar() -> None:
    failed = standing(best_score=40)
    assert failed.all_lessons_done and not failed.is_passed
    assert failed.percent_complete == 80
    assert standing().percent_complete == 100


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
